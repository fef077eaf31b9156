import Foundation
import Testing
import TestSupport

/// The bundled studies of the workbook's other sheets, built by the binary: every stored cell
/// of `Tests/Fixtures/graddesc-<sheet>-epoch1.csv` is in the CSVs it writes, to the last bit.
@Suite(.serialized) struct WorkbookSheetEndToEndTests {
    static let studyNames = ["graddesc-adam-ann", "graddesc-adagrad", "graddesc-adagrad-ann", "graddesc-amsgrad", "graddesc-eve"]
    static let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures")
    static let studies = Repository.root.appendingPathComponent("studies")

    /// The five studies, and the one-epoch variants that keep the last update, built once.
    static let built: Result<URL, any Error> = Result {
        let folder = try BinaryRunner.scratchFolder("workbook-sheets")
        builtFolder = folder.path
        atexit { if let path = builtFolder { try? FileManager.default.removeItem(atPath: path) } }
        var files = studyNames.map { studies.appendingPathComponent($0 + ".json").path }
        // The sheets' row 32 "new" cells are the update the "run" macro drops: one epoch from the
        // same start with epochRestart "continue" keeps it, and its epochs.csv has it.
        for name in ["graddesc-adam-ann", "graddesc-amsgrad", "graddesc-eve"] {
            var text = try String(contentsOf: studies.appendingPathComponent(name + ".json"), encoding: .utf8)
            text = text.replacingOccurrences(of: #""epochs": 10,"#, with: #""epochs": 1,"#)
                .replacingOccurrences(of: #""epochRestart": "spreadsheet""#, with: #""epochRestart": "continue""#)
            let file = folder.appendingPathComponent("\(name)-kept.json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        // adagrad_ann from the stored sheet's state (a, b, F1, G1, lr of the README).
        let stored = folder.appendingPathComponent("graddesc-adagrad-ann-kept.json")
        try #"""
            { "data": "graddesc", "runs": [ { "name": "adagrad-ann", "model": "linear",
              "init": { "a": 2.0217110111321754, "b": 29.406245790980623 },
              "optimizer": { "type": "adagrad", "lr": 0.00390625, "variant": "spreadsheet" },
              "state": { "sqr": { "a": 16.186122587302258, "b": 0.2758546608505688 } } } ] }
            """#.write(to: stored, atomically: true, encoding: .utf8)
        files.append(stored.path)
        let outcome = try BinaryRunner.run(["build", "--output", "out"] + files, in: folder)
        guard outcome.status == 0 else { throw BuildFailed(message: outcome.standardError) }
        return folder.appendingPathComponent("out")
    }

    struct BuildFailed: Error { var message: String }
    nonisolated(unsafe) static var builtFolder: String?

    /// A CSV the build wrote, as numbers by column name.
    func table(_ file: String) throws -> [String: [Double]] {
        let csv = try BinaryRunner.csv(try Self.built.get().appendingPathComponent(file))
        var columns: [String: [Double]] = [:]
        for (index, name) in csv.header.enumerated() {
            columns[name] = csv.rows.map { Double($0[index]) ?? .nan }
        }
        return columns
    }

    /// Compares every stored cell of rows 4–32 of `sheet` with the study's steps CSV (the
    /// rows of `epoch`), the "new" cells with the next row's weights and, for row 32, with `kept`
    /// (the weights after the epoch's real last update). Returns how many cells it compared.
    @discardableResult
    func expectSheet(
        _ sheet: String, study: String, run: String, epoch: Double = 1, columns: [String: String],
        newA: String, newB: String, kept: [Double]
    ) throws -> Int {
        let reference = try BinaryRunner.csv(Self.fixtures.appendingPathComponent("graddesc-\(sheet)-epoch1.csv"))
        let rows = Array(reference.rows.dropFirst())
        #expect(rows.count == 29)
        let steps = try table("\(study)/data/\(run).steps.csv")
        let start = try #require(steps["epoch"]?.firstIndex(of: epoch))
        let mapping = columns.merging(["A:x": "x", "B:y": "y", "C:b": "b", "D:a": "a", "E:pred": "prediction"]) { $1 }
        var compared = 0
        for (index, sheetColumn) in reference.header.enumerated() where sheetColumn != "row" {
            if sheetColumn == newA || sheetColumn == newB {
                let ours = try #require(steps[sheetColumn == newA ? "a" : "b"])
                for (r, row) in rows.enumerated() {
                    let next = r < 28 ? ours[start + r + 1] : kept[sheetColumn == newA ? 0 : 1]
                    #expect(next == Double(row[index]), "\(sheet) row \(r + 4) \(sheetColumn)")
                    compared += 1
                }
                continue
            }
            let traceColumn = try #require(mapping[sheetColumn], "\(sheet): no trace column for \(sheetColumn)")
            let ours = try #require(steps[traceColumn], "\(study): no column \(traceColumn)")
            for (r, row) in rows.enumerated() {
                #expect(ours[start + r] == Double(row[index]), "\(sheet) row \(r + 4) \(sheetColumn): \(ours[start + r]) vs \(row[index])")
                compared += 1
            }
        }
        #expect(compared == rows.count * (reference.header.count - 1))
        return compared
    }

    func kept(_ study: String, _ run: String) throws -> [Double] {
        let epochs = try table("\(study)/data/\(run).epochs.csv")
        return [try #require(epochs["a"]?.first), try #require(epochs["b"]?.first)]
    }

    static let adamColumns = ["F:de/db": "grad_b", "G:de/da": "grad_a", "J:[m b]": "avg_b", "K:[m a]": "avg_a"]

    @Test func adamAnn() throws {
        let compared = try expectSheet(
            "adam-ann", study: "graddesc-adam-ann", run: "adam-ann",
            columns: Self.adamColumns.merging(["L:[v b]": "sqr_b", "M:[v a]": "sqr_a"]) { $1 },
            newA: "I:new a", newB: "H:new b", kept: kept("graddesc-adam-ann-kept", "adam-ann"))
        // 29 rows × 13 columns; row 3 (the starting m and v) is the study's input.
        #expect(compared == 377)
        #expect(try table("graddesc-adam-ann/data/adam-ann.epochs.csv")["lr"]
            == [0.00390625, 0.00390625, 0.00390625, 0.00390625, 0.0009765625, 0.0009765625, 0.0009765625, 0.0009765625, 0.0009765625, 0.000244140625])
    }

    @Test func adagrad() throws {
        try expectSheet(
            "adagrad", study: "graddesc-adagrad", run: "adagrad", columns: ["F:de/db": "grad_b", "G:de/da": "grad_a"],
            newA: "I:new a", newB: "H:new b", kept: kept("graddesc-adagrad", "adagrad"))
        // The reset pass's sizes are the sheet's F1 and G1; each weight's rate is lr/size.
        let steps = try table("graddesc-adagrad/data/adagrad.steps.csv")
        #expect(steps["sqr_b"]?.first == 28.092710228958623)
        #expect(steps["sqr_a"]?.first == 1918.710769527765)
        let epochs = try table("graddesc-adagrad/data/adagrad.epochs.csv")
        #expect(epochs["lr_a"]?.first == 0.001 / 1918.710769527765)
        #expect(epochs["lr_b"]?.first == 0.001 / 28.092710228958623)
    }

    @Test func adagradAnnFromResetMeetsTheSheetInEpochEleven() throws {
        try expectSheet(
            "adagrad-ann", study: "graddesc-adagrad-ann", run: "adagrad-ann", epoch: 11,
            columns: ["F:de/db": "grad_b", "G:de/da": "grad_a"],
            newA: "H:new a", newB: "I:new b", kept: kept("graddesc-adagrad-ann-kept", "adagrad-ann"))
        let epochs = try table("graddesc-adagrad-ann/data/adagrad-ann.epochs.csv")
        let rates = try #require(epochs["lr"])
        // The reset epoch, then the README's ten presses of "run".
        #expect(rates.count == 15)
        #expect(Array(rates.prefix(11)) == [0.5, 0.5, 0.25, 0.25, 0.0625, 0.0625, 0.015625, 0.015625, 0.0078125, 0.00390625, 0.00390625])
        #expect(epochs["lr_a"]?[10] == 0.00390625 / 16.186122587302258)
        #expect(epochs["lr_b"]?[10] == 0.00390625 / 0.2758546608505688)
        // Recomputed attempts leave no rows: 29 per epoch, in order.
        let steps = try table("graddesc-adagrad-ann/data/adagrad-ann.steps.csv")
        #expect(steps["step"] == (1...435).map(Double.init))
    }

    @Test func amsgrad() throws {
        try expectSheet(
            "amsgrad", study: "graddesc-amsgrad", run: "amsgrad",
            columns: Self.adamColumns.merging(["L:[vmax b]": "sqr_b", "M:[vmax a]": "sqr_a"]) { $1 },
            newA: "I:new a", newB: "H:new b", kept: kept("graddesc-amsgrad-kept", "amsgrad"))
        let sqr = try #require(try table("graddesc-amsgrad/data/amsgrad.steps.csv")["sqr_a"])
        #expect(zip(sqr, sqr.dropFirst()).allSatisfy { $0.0 <= $0.1 })
        let adam = try #require(try table("graddesc-amsgrad/data/adam.steps.csv")["sqr_a"])
        #expect(adam.last! < sqr.last!)
    }

    @Test func eve() throws {
        try expectSheet(
            "eve", study: "graddesc-eve", run: "eve",
            columns: ["F:err^2": "loss", "G:de/db": "grad_b", "H:de/da": "grad_a", "K:[m b]": "avg_b", "L:[m a]": "avg_a",
                      "M:[v b]": "sqr_b", "N:[v a]": "sqr_a"],
            newA: "J:new a", newB: "I:new b", kept: kept("graddesc-eve-kept", "eve"))
        let epochs = try table("graddesc-eve/data/eve.epochs.csv")
        let d = try #require(epochs["feedback"]), f = try #require(epochs["sqrt_sse"])
        #expect(d[0] == 1)
        for k in 2..<d.count {
            #expect(d[k] == 0.9 * d[k - 1] + (1 - 0.9) * (abs(f[k - 1] - f[k - 2]) / min(f[k - 1], f[k - 2])))
        }
    }

    @Test func everyPageExplainsItsSheetAndChartsTheRate() throws {
        let out = try Self.built.get()
        let rateCharts = [
            "graddesc-adam-ann": "learning-rate-per-epoch", "graddesc-adagrad": "each-weight-s-rate-per-epoch",
            "graddesc-adagrad-ann": "learning-rate-per-epoch", "graddesc-amsgrad": "second-moment-of-a-per-step",
            "graddesc-eve": "eve-s-divisor-d-per-epoch",
        ]
        for name in Self.studyNames {
            let page = try String(contentsOf: out.appendingPathComponent("\(name)/index.html"), encoding: .utf8)
            #expect(page.contains("How it differs from textbook") || page.contains("Not in the textbooks"), "\(name)")
            for chart in ["error-per-epoch", try #require(rateCharts[name])] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name)/charts/\(chart).png").path), "\(name) \(chart)")
            }
        }
    }
}
