import Foundation
import Testing
import TestSupport

/// `studies/beat-the-line.json`, built by the binary: each claim its page makes, asserted from
/// the CSVs and results.json the build writes (the numbers the text quotes, to its 3 digits).
@Suite(.serialized) struct BeatTheLineTests {
    static let built: Result<URL, any Error> = Result {
        let folder = try BinaryRunner.scratchFolder("beat-the-line")
        builtFolder = folder.path
        atexit { if let path = builtFolder { try? FileManager.default.removeItem(atPath: path) } }
        let study = Repository.studies.appendingPathComponent("beat-the-line.json")
        let outcome = try BinaryRunner.run(["build", "--output", "out", study.path], in: folder)
        guard outcome.status == 0 else { throw BuildFailed(message: outcome.standardError) }
        return folder.appendingPathComponent("out/beat-the-line")
    }

    struct BuildFailed: Error { var message: String }

    nonisolated(unsafe) static var builtFolder: String?

    func column(_ name: String, of run: String, _ kind: String = "steps") throws -> [Double] {
        let table = try BinaryRunner.csv(try Self.built.get().appendingPathComponent("data/\(run).\(kind).csv"))
        let index = try #require(table.header.firstIndex(of: name), "\(run).\(kind).csv has no column \(name)")
        return table.rows.map { Double($0[index]) ?? .nan }
    }

    /// The run's final √SSE: the last row of its epochs.csv.
    func final(_ run: String) throws -> Double { try #require(try column("sqrt_sse", of: run, "epochs").last) }

    func results() throws -> [[String: Any]] {
        let data = try Data(contentsOf: try Self.built.get().appendingPathComponent("results.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["runs"] as? [[String: Any]] ?? []
    }

    func study() throws -> [String: Any] {
        let data = try Data(contentsOf: Repository.studies.appendingPathComponent("beat-the-line.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func run(named name: String) throws -> [String: Any] {
        let runs = try #require(try study()["runs"] as? [[String: Any]])
        return try #require(runs.first { $0["name"] as? String == name })
    }

    /// 3 significant digits, as the page quotes them.
    func digits3(_ value: Double) -> String { String(format: "%.3g", value) }

    @Test func theThreadsSandwichDiesAtStep27AndEndsAboveTheLine() throws {
        let run = "relu-sandwich"
        let a = try column("a", of: run), b = try column("b", of: run), c = try column("c", of: run)
        let gradA = try column("grad_a", of: run), gradB = try column("grad_b", of: run), gradC = try column("grad_c", of: run)
        let gradD = try column("grad_d", of: run), x = try column("x", of: run)
        // From step 27 (row 27 of epoch 1) on: a, b, c frozen, their derivatives exactly 0, d still trained.
        let dead = try #require((0..<a.count).first { i in (i..<a.count).allSatisfy { gradA[$0] == 0 && gradB[$0] == 0 && gradC[$0] == 0 } })
        #expect(dead + 1 == 27)
        #expect(a[dead...].allSatisfy { $0 == a[dead] } && b[dead...].allSatisfy { $0 == b[dead] } && c[dead...].allSatisfy { $0 == c[dead] })
        #expect(gradD[dead...].contains { $0 != 0 })
        #expect(digits3(a[dead]) == "-28.6")
        // Raw x from 8 to 99: a·x + b < 0 on every row.
        #expect(x.min() == 8 && x.max() == 99)
        #expect(x.allSatisfy { a[dead] * $0 + b[dead] < 0 })
        #expect(digits3(try final("1-neuron")) == "87.1")
        #expect(digits3(try final(run)) == "453")
        #expect(try final(run) > final("1-neuron"))
        // "With only d still learning, it ends at 453": the error keeps falling after the unit dies.
        let errors = try column("sqrt_sse", of: run, "epochs")
        #expect(errors.first! > errors[49] && errors[49] > errors.last!)
    }

    @Test func onStandardizedXTheReLUSandwichStillDiesAndTheLeakyOneTiesTheLine() throws {
        // Recorded once an epoch: a, b, c at step 30 (epoch 2) are already the final ones.
        let run = "relu-sandwich-standardized-x"
        let a = try column("a", of: run), b = try column("b", of: run), c = try column("c", of: run)
        #expect(a.count == 101)
        for values in [a, b, c] { #expect(values[1...].allSatisfy { $0 == values[1] }) }
        let weights = try #require(try results().first { $0["name"] as? String == "ReLU sandwich, standardized x" }?["weights"] as? [String: Double])
        // (Foundation's JSON reader may round the last digit.)
        for (name, value) in [("a", a[1]), ("b", b[1]), ("c", c[1])] {
            #expect(Swift.abs((weights[name] ?? .nan) - value) <= 1e-13 * Swift.abs(value), "\(name)")
        }
        // Standardized x (population standard deviation; row 1 as the CSV records it): a·x + b < 0 on every row.
        let raw = Array(try column("x", of: "relu-sandwich").prefix(29))
        let mean = raw.reduce(0, +) / 29
        let sd = (raw.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 29).squareRoot()
        let standardized = raw.map { ($0 - mean) / sd }
        #expect(abs(standardized[0] - (try column("x", of: run)[0])) < 1e-12)
        #expect(standardized.allSatisfy { a[1] * $0 + b[1] < 0 })
        #expect(digits3(try final(run)) == "297")
        #expect(digits3(try final("1-neuron-standardized-x")) == "1.56e-12")
        #expect(digits3(try final("leaky-sandwich-standardized-x")) == "5.41e-13")
        #expect(try final("leaky-sandwich-standardized-x") < final("1-neuron"))
    }

    @Test func adamAndOneCycleBeatTheLineButNotTheLineTrainedTheSameWay() throws {
        #expect(digits3(try final("1-neuron-adam")) == "7.11e-15")
        #expect(digits3(try final("relu-sandwich-adam")) == "0.715")
        #expect(digits3(try final("leaky-sandwich-adam")) == "0.312")
        #expect(digits3(try final("relu-sandwich-adam-one-cycle")) == "5.62e-05")
        for run in ["relu-sandwich-adam", "leaky-sandwich-adam", "relu-sandwich-adam-one-cycle"] {
            #expect(try final(run) < final("1-neuron"), "\(run) beats the thread's line")
            #expect(try final(run) > final("1-neuron-adam"), "\(run) stays behind the line with Adam")
        }
        #expect(try final("relu-sandwich-adam-one-cycle") < final("relu-sandwich-adam"))
        // At a constant rate Adam gets the sandwiches to about 1e-10 by epoch 24, then away again.
        for (run, lowest) in [("relu-sandwich-adam", "1.62e-10"), ("leaky-sandwich-adam", "1.92e-10")] {
            let errors = try column("sqrt_sse", of: run, "epochs")
            let best = try #require(errors.indices.min { errors[$0] < errors[$1] })
            #expect(best + 1 == 24 && digits3(errors[best]) == lowest, "\(run)")
            if run == "relu-sandwich-adam" { #expect(digits3(errors[best...].max()!) == "15.6") }
        }
        // The one-cycle run's lr column peaks at its lrMax (0.1), a quarter of the way in.
        let lr = try column("lr", of: "relu-sandwich-adam-one-cycle")
        let peak = try #require(lr.max())
        let schedule = try #require(try run(named: "ReLU sandwich, Adam, one-cycle")["schedule"] as? [String: Any])
        #expect(abs(peak - (schedule["lrMax"] as? Double ?? .nan)) < 1e-12)
        let at = try #require(lr.firstIndex(of: peak))
        #expect(abs(Double(at) / Double(lr.count) - 0.25) < 0.01)
    }

    @Test func theFinderSuggestsAndTheFollowingRunsUseItsSuggestions() throws {
        let finder = try #require(try results().first { $0["name"] as? String == "find the rate: ReLU sandwich" })
        let suggestions = try #require(finder["lrFind"] as? [String: Double])
        #expect(digits3(try #require(suggestions["valley"])) == "0.00209")
        #expect(digits3(try #require(suggestions["slide"])) == "2.29e-06")
        #expect(digits3(try #require(suggestions["minimum"])) == "0.331")
        #expect(digits3(try #require(suggestions["steep"])) == "0.912")
        // The rates chosen are the suggestions to 2 digits.
        let valleyRun = try #require(try run(named: "ReLU sandwich, Adam at valley")["optimizer"] as? [String: Any])
        #expect(valleyRun["lr"] as? Double == Double(String(format: "%.2g", suggestions["valley"]!)))
        let minimumRun = try #require(try run(named: "ReLU sandwich, one-cycle at minimum")["schedule"] as? [String: Any])
        #expect(minimumRun["lrMax"] as? Double == Double(String(format: "%.2g", suggestions["minimum"]!)))
        #expect(digits3(try final("relu-sandwich-adam-at-valley")) == "438")
        #expect(digits3(try final("relu-sandwich-one-cycle-at-minimum")) == "0.000118")
        #expect(try final("relu-sandwich-adam-at-valley") > final("1-neuron"))
        #expect(try final("relu-sandwich-one-cycle-at-minimum") < final("1-neuron"))
        // The smoothed loss the page quotes: flat up to 0.1, 12,011 at the last batch.
        let lr = try column("lr", of: "find-the-rate-relu-sandwich"), loss = try column("smooth_loss", of: "find-the-rate-relu-sandwich")
        #expect(String(format: "%.0f", loss[0]) == "15447")
        let atTenth = try #require(lr.firstIndex { abs($0 / 0.1 - 1) < 1e-9 })
        #expect(String(format: "%.0f", loss[atTenth]) == "15378")
        #expect(String(format: "%.0f", loss.last!) == "12011" && digits3(lr.last!) == "8.32")
    }

    @Test func widerLayersAndSeedsBeatTheThreadsLineButNotTheLineWithAdam() throws {
        let wide = try [1, 2, 3].map { try final("8-relu-units-adam-seed-\($0)") }
        #expect(wide.map(digits3) == ["16.9", "2.96", "5.93"])
        let seeds = try (1...5).map { try final("relu-sandwich-pytorch-init-adam-seed-\($0)") }
        #expect(seeds.map { String(format: "%.2f", $0) } == ["11.14", "4.56", "10.75", "6.06", "10.46"])
        let line = try final("1-neuron"), lineWithAdam = try final("1-neuron-adam")
        for value in wide + seeds {
            #expect(value < line && value > lineWithAdam)
        }
    }

    @Test func theSummaryChartHasARowPerRunAndTheLineAsReference() throws {
        let folder = try Self.built.get()
        for file in ["charts/summary.png", "charts/summary.svg"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path))
        }
        let page = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains("Dot plot: Final √SSE of every run, against the plain line&#39;s. x axis: final √(sum of squared errors), log scale, from 7.105e−15 to 452.6."))
        #expect(page.contains("19 rows, top to bottom: 1 neuron 87.1; ReLU sandwich 453;"))
        #expect(page.contains("A dashed line, 1 neuron (reference), at 87.1"))
    }
}
