import Foundation
import Testing
import TestSupport

/// Every bundled study, built by the binary, shows what its page says it shows — asserted
/// from the CSVs and results.json it writes, not from its text.
@Suite(.serialized) struct StudyPhenomenaTests {
    /// All bundled studies built once into one scratch folder.
    static let built: Result<URL, any Error> = Result {
        let folder = try BinaryRunner.scratchFolder("phenomena")
        // Shared by every test of the suite, so removed when the test process ends.
        phenomenaFolder = folder.path
        atexit { if let path = phenomenaFolder { try? FileManager.default.removeItem(atPath: path) } }
        let studies = Repository.root.appendingPathComponent("studies")
        let files = try FileManager.default.contentsOfDirectory(atPath: studies.path).filter { $0.hasSuffix(".json") }.sorted()
        let outcome = try BinaryRunner.run(["build", "--output", "out"] + files.map { studies.appendingPathComponent($0).path }, in: folder)
        guard outcome.status == 0 else { throw BuildFailed(message: outcome.standardError) }
        return folder.appendingPathComponent("out")
    }

    struct BuildFailed: Error { var message: String }

    nonisolated(unsafe) static var phenomenaFolder: String?

    func output() throws -> URL { try Self.built.get() }

    /// A column of a CSV as doubles (empty cells as NaN).
    func column(_ name: String, of file: String) throws -> [Double] {
        let table = try BinaryRunner.csv(try output().appendingPathComponent(file))
        let index = try #require(table.header.firstIndex(of: name), "\(file) has no column \(name)")
        return table.rows.map { Double($0[index]) ?? .nan }
    }

    func results(_ study: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: try output().appendingPathComponent("\(study)/results.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["runs"] as? [[String: Any]] ?? []
    }

    @Test func everyStudyBuildsWithAPageAndItsCharts() throws {
        let out = try output()
        let studies = try FileManager.default.contentsOfDirectory(atPath: Repository.root.appendingPathComponent("studies").path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(studies.count >= 11)
        for study in studies {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(study)/index.html").path), "\(study)")
            let charts = (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("\(study)/charts").path)) ?? []
            #expect(charts.contains { $0.hasSuffix(".png") } && charts.contains { $0.hasSuffix(".svg") }, "\(study) has charts")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }

    @Test func graddescBasicReproducesTheReferenceEpoch() throws {
        #expect(try column("sqrt_sse", of: "graddesc-basic/data/basic.epochs.csv") == [150.75521153771854])
    }

    @Test func theTwoNeuronModelExplodesInEpochOneAndTheOneNeuronModelDoesNot() throws {
        let two = try column("loss", of: "collapse/data/2-neurons.steps.csv")
        let epochs = try column("epoch", of: "collapse/data/2-neurons.steps.csv")
        let firstEpoch = zip(two, epochs).filter { $0.1 == 1 }.map(\.0)
        #expect(firstEpoch.contains { $0 > 1e11 })
        let one = try column("loss", of: "collapse/data/1-neuron.steps.csv")
        #expect(one.allSatisfy { $0 < 1e11 })
        // A learning rate ten times smaller lets it train: its last epoch beats its first.
        let slow = try column("sqrt_sse", of: "collapse/data/2-neurons-lr-0-00001.epochs.csv")
        #expect(slow.last! < slow.first!)
        #expect(slow.allSatisfy { $0 < 1e3 })
    }

    @Test func theReLUDiesAndThreeDerivativesAreExactlyZeroFromThatRow() throws {
        let file = "relu/data/relu.steps.csv"
        let a = try column("grad_a", of: file), b = try column("grad_b", of: file)
        let c = try column("grad_c", of: file), d = try column("grad_d", of: file)
        let dead = try #require((0..<a.count).first { i in (i..<a.count).allSatisfy { a[$0] == 0 && b[$0] == 0 && c[$0] == 0 } })
        #expect(dead > 0 && dead < 29, "dies in epoch 1, at row \(dead + 1)")
        #expect(d[dead...].allSatisfy { $0 != 0 })
        let relu = try column("sqrt_sse", of: "relu/data/relu.epochs.csv").last!
        let linear = try column("sqrt_sse", of: "relu/data/1-neuron.epochs.csv").last!
        #expect(relu > 3 * linear)
    }

    @Test func dampenedMomentumStaysBelowOneUndampenedApproachesTen() throws {
        let dampened = try column("ewma", of: "momentum/data/steps-1-then-0-5-dampened.csv")
        let undampened = try column("ewma", of: "momentum/data/steps-1-then-0-5-undampened.csv")
        #expect(dampened.allSatisfy { $0 < 1 })
        #expect(undampened[59] > 9.9 && undampened[59] < 10)
        #expect(abs(undampened.last! - 5) < 0.01)
        // The EWMA of the run's derivative of d is the run's own momentum column.
        let signal = try column("ewma", of: "momentum/data/momentum-of-d.csv")
        let average = try column("avg_d", of: "momentum/data/relu-momentum.steps.csv")
        #expect(signal == average)
    }

    @Test func averageGradReproducesFastaisTests() throws {
        let undampened = try column("ewma", of: "average-grad/data/g-4-undampened.csv")
        let dampened = try column("ewma", of: "average-grad/data/g-4-dampened.csv")
        #expect(undampened[0] == 4)
        #expect(abs(undampened[1] - 7.6) < 1e-12)
        #expect(abs(dampened[0] - 0.4) < 1e-12)
        #expect(abs(dampened[1] - 0.76) < 1e-12)
    }

    @Test func theLargestLearningRatesDiverge() throws {
        let runs = try results("learning-rate")
        let diverged = runs.filter { !($0["diverged"] is NSNull) }.compactMap { $0["name"] as? String }
        #expect(diverged == ["1 neuron lr=0.001", "1 neuron lr=0.003"])
    }

    @Test func everyLiveWidthReachesTheOptimumAndOnlyNarrowLayersDie() throws {
        let runs = try results("width").filter { ($0["name"] as? String)?.hasPrefix("ReLU") == true }
        func finalError(_ run: [String: Any]) -> Double { ((run["final"] as? [String: Any])?["sqrt_sse"] as? Double) ?? .infinity }
        let dead = runs.filter { finalError($0) > 100 }.compactMap { $0["name"] as? String }
        #expect(!dead.isEmpty)
        #expect(dead.allSatisfy { $0.contains("units=1 ") || $0.contains("units=2 ") })
        let wide = runs.filter { ($0["name"] as? String)?.contains("units=32") == true }
        #expect(wide.count == 3 && wide.allSatisfy { finalError($0) < 1e-3 })
    }

    @Test func adaptiveOptimizersReachTheInterceptThatSGDCannot() throws {
        let sgd = try column("b", of: "optimizers/data/sgd.epochs.csv").last!
        let rmsprop = try column("b", of: "optimizers/data/rmsprop.epochs.csv").last!
        let adam = try column("b", of: "optimizers/data/adam.epochs.csv").last!
        #expect(sgd < 10)
        #expect(abs(rmsprop - 30) < 1 && abs(adam - 30) < 1)
    }

    @Test func theSpreadsheetSheetsUseTheirWarmupAndRestartRules() throws {
        // The momentum sheet starts its recorded epoch from a = b = 1 with a warmed-up momentum.
        let a = try column("a", of: "graddesc-momentum/data/momentum.steps.csv")
        let average = try column("avg_a", of: "graddesc-momentum/data/momentum.steps.csv")
        #expect(a[0] == 1)
        #expect(average[0] != 0)
        // "run": each epoch starts from the weights the previous epoch's last row used.
        let epochs = try column("epoch", of: "graddesc-momentum/data/momentum.steps.csv")
        let firstOfEpoch2 = try #require(epochs.firstIndex(of: 2))
        #expect(a[firstOfEpoch2] == a[firstOfEpoch2 - 1])
        // The RMSProp sheet divides by the previous row's √v, so its first step moves a by lr·g/100.
        let sqr = try column("sqr_a", of: "graddesc-rmsprop/data/rmsprop.steps.csv")
        #expect(sqr.allSatisfy { $0 > 0 })
    }
}
