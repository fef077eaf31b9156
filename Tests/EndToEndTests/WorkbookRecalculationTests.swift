import Foundation
import SGDReport
import SGDStudy
import Testing
import TestSupport

/// The proof of SPEC §4.5: every bundled study's workbook, with the values sgdreport stored
/// removed, is recomputed by LibreOffice Calc (headless, recalculating on load), and every
/// formula cell equals the stored value and the run's steps.csv to 1e-9 relative.
/// Tests/WorkbookCheck/check_workbook.py does the LibreOffice part (Debian's libreoffice-calc-nogui).
@Suite(.serialized) struct WorkbookRecalculationTests {
    struct Report: Decodable {
        var sheets: Int
        var formulaCells: Int
        var compared: Int
        var maxRelativeToStored: Double
        var traceCells: Int
        var maxRelativeToTrace: Double
        var mismatches: [String]
        var formulaSheets: [String]
    }

    static let script = Repository.root.appendingPathComponent("Tests/WorkbookCheck/check_workbook.py")

    /// Builds `studies/<name>.json` and checks its workbook; every run's sheet is compared with its trace.
    func check(_ name: String, in folder: URL, studyPath: String? = nil) throws -> Report? {
        let studyPath = studyPath ?? Repository.root.appendingPathComponent("studies/\(name).json").path
        let outcome = try BinaryRunner.run(["build", studyPath, "--output", "out", "--format", "svg"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let study = try StudyReader().read(path: studyPath)
        let sheets = StudyWorkbook.sheetNames(study.runs.map(\.name))
        let traces = zip(sheets, study.runs).map { sheet, run in
            "\(sheet)=" + folder.appendingPathComponent("out/\(name)/data/\(run.slug).steps.csv").path
        }
        let workbook = folder.appendingPathComponent("out/\(name)/\(name).xlsx").path
        let checked = try BinaryRunner.run(
            [Self.script.path, workbook, folder.appendingPathComponent("check-\(name)").path] + traces, in: folder,
            executable: URL(fileURLWithPath: "/usr/bin/python3"))
        #expect(checked.status == 0, "\(checked.standardError)")
        guard checked.status == 0 else { return nil }
        return try JSONDecoder().decode(Report.self, from: Data(checked.standardOutput.utf8))
    }

    @Test(arguments: [
        ("graddesc-basic", ["basic"]),
        ("graddesc-momentum", ["momentum"]),
        ("graddesc-rmsprop", ["rmsprop"]),
        ("graddesc-adam", ["adam"]),
        ("optimizers", ["SGD", "Momentum", "Momentum, lr 0.00001", "RMSProp", "Adam"]),
        ("relu", ["1 neuron", "ReLU"]),
        ("collapse", ["1 neuron", "2 neurons", "2 neurons, lr 0.00001"]),
        ("momentum", ["2 neurons", "ReLU", "ReLU + momentum", "Signals"]),
    ])
    func everyFormulaRecomputesToTheTrace(study: String, formulaSheets: [String]) throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice"),
                "LibreOffice is missing: make test installs libreoffice-calc-nogui")
        let folder = try BinaryRunner.scratchFolder(study)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let report = try check(study, in: folder) else { return }
        #expect(report.mismatches.isEmpty, "\(report.mismatches.joined(separator: "\n"))")
        #expect(report.formulaCells > 100)
        #expect(report.compared == report.formulaCells)
        #expect(report.maxRelativeToStored <= 1e-9)
        #expect(report.traceCells > 100)
        #expect(report.maxRelativeToTrace <= 1e-9)
        #expect(report.formulaSheets == formulaSheets)
    }

    /// The activations, derivative methods and optimizer variants the bundled studies do not use.
    @Test func everyActivationDerivativeAndOptimizerVariantRecomputes() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = folder.appendingPathComponent("variants.json")
        try #"""
            { "data": { "x": [0.5, -1, 2, 1.5, -0.25, 3], "y": [1, 0, 2.5, 2, 0.5, 3.5] },
              "defaults": { "epochs": 4, "init": 0.5 },
              "runs": [
                { "name": "sigmoid, central", "model": { "layers": [ { "units": 1, "activation": "sigmoid" }, { "units": 1 } ] },
                  "derivatives": { "method": "central", "epsilon": 0.001, "check": true },
                  "optimizer": { "type": "momentum", "lr": 0.1, "beta": 0.8 } },
                { "name": "tanh x3, forward", "model": { "layers": [ { "units": 1, "activation": "tanh" }, { "units": 1, "activation": "relu" }, { "units": 1, "activation": "sigmoid" } ] },
                  "derivatives": { "method": "forward", "epsilon": 0.01 },
                  "optimizer": { "type": "rmsprop", "lr": 0.01, "beta": 0.9, "variant": "fastai" } },
                { "name": "tanh out, adam", "model": { "layers": [ { "units": 1, "activation": "none" }, { "units": 1, "activation": "tanh" } ] },
                  "optimizer": { "type": "adam", "lr": 0.05, "eps": 1e-8 }, "warmupEpochs": 2, "epochRestart": "spreadsheet",
                  "state": { "avg": { "a": 0.1, "b": -0.2 } } },
                { "name": "linear, rmsprop sheet", "model": "linear", "state": { "sqr": { "a": 1, "b": 1 } },
                  "optimizer": { "type": "rmsprop", "lr": 0.01, "variant": "spreadsheet" } },
                { "name": "linear, adam sheet", "model": "linear",
                  "optimizer": { "type": "adam", "lr": 0.01, "debias": false } },
                { "name": "linear, amsgrad", "model": "linear",
                  "optimizer": { "type": "adam", "lr": 0.05, "amsgrad": true } },
                { "name": "leaky, analytic", "model": { "layers": [ { "units": 1, "activation": "leaky-relu", "negativeSlope": 0.2 }, { "units": 1 } ] },
                  "init": { "a": -0.5, "rest": 0.5 }, "optimizer": { "type": "sgd", "lr": 0.05 } },
                { "name": "leaky x2, forward", "model": { "layers": [ { "units": 1, "activation": "leaky-relu" }, { "units": 1, "activation": "leaky-relu", "negativeSlope": 0.3 }, { "units": 1 } ] },
                  "init": { "c": -1, "rest": 0.5 }, "derivatives": { "method": "forward", "epsilon": 0.01 }, "optimizer": { "type": "sgd", "lr": 0.02 } } ],
              "signals": [
                { "name": "undampened", "values": [4, 4, 5, 3, 0.5], "ewma": { "beta": 0.9, "dampening": false, "debias": true } },
                { "name": "dampened", "values": [4, 4, 5, 3, 0.5], "ewma": { "beta": 0.8, "initial": 1, "debias": true } } ] }
            """#.write(to: study, atomically: true, encoding: .utf8)
        guard let report = try check("variants", in: folder, studyPath: study.path) else { return }
        #expect(report.mismatches.isEmpty, "\(report.mismatches.joined(separator: "\n"))")
        #expect(report.formulaSheets == ["sigmoid, central", "tanh x3, forward", "tanh out, adam", "linear, rmsprop sheet", "linear, adam sheet", "linear, amsgrad", "leaky, analytic", "leaky x2, forward", "Signals"])
        #expect(report.compared == report.formulaCells)
        #expect(report.maxRelativeToStored <= 1e-9)
        #expect(report.traceCells > 500)
        #expect(report.maxRelativeToTrace <= 1e-9)
    }

    /// Runs the formulas do not cover hold values (each sheet says why), and those values are
    /// the trace's.
    @Test func otherRunsHoldValues() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = folder.appendingPathComponent("others.json")
        try #"""
            { "defaults": { "epochs": 2, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "wide", "model": { "layers": [ { "units": 3, "activation": "relu" }, { "units": 1 } ] }, "init": { "random": { "seed": 3 } } },
                        { "name": "mini-batch", "model": "linear", "batch": 5 },
                        { "name": "shuffled", "model": "linear", "shuffle": { "seed": 2 } },
                        { "name": "diverges", "model": "linear", "epochs": 10, "optimizer": { "type": "sgd", "lr": 0.1 } } ] }
            """#.write(to: study, atomically: true, encoding: .utf8)
        guard let report = try check("others", in: folder, studyPath: study.path) else { return }
        #expect(report.formulaSheets.isEmpty)
        #expect(report.mismatches.isEmpty, "\(report.mismatches.joined(separator: "\n"))")
        #expect(report.traceCells > 500)
        #expect(report.maxRelativeToTrace <= 1e-9)
    }
}
