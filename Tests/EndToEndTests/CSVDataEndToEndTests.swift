import Foundation
import Testing
import TestSupport

/// A learner's exported CSV, built by the binary: the same traces as the same data inline, the
/// file copied into the report and linked from the page, and a located error for a bad cell.
@Suite struct CSVDataEndToEndTests {
    /// The workbook's 29 rows as a German Excel exports them: BOM, CRLF, `;`, decimal commas,
    /// a quoted note column that the study ignores.
    static let graddescCSV: String = {
        let x = [14, 86, 28, 51, 28, 29, 72, 62, 84, 15, 42, 62, 47, 35, 9, 38, 44, 99, 13, 21, 28, 20, 8, 64, 99, 70, 27, 17, 8]
        var text = "\u{FEFF}Stunden;Punkte;Notiz\r\n"
        for (i, value) in x.enumerated() {
            text += "\(value),0;\(2 * value + 30);\"Zeile \(i + 1); \"\"ok\"\"\"\r\n"
        }
        return text
    }()

    @Test func anExportedCSVTrainsWithTheSameNumbersAsTheDataInline() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("studies/data"), withIntermediateDirectories: true)
        try Self.graddescCSV.write(to: folder.appendingPathComponent("studies/data/stunden.csv"), atomically: true, encoding: .utf8)
        let runs = #"""
            "runs": [ { "name": "sgd", "model": "linear", "epochs": 3, "optimizer": { "type": "sgd", "lr": 0.0001 } },
                      { "name": "adam", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] },
                        "epochs": 2, "optimizer": { "type": "adam", "lr": 0.01 } } ]
            """#
        try #"{ "data": { "csv": "data/stunden.csv", "x": "Stunden", "y": "Punkte" }, \#(runs) }"#
            .write(to: folder.appendingPathComponent("studies/from-csv.json"), atomically: true, encoding: .utf8)
        try #"{ "data": "graddesc", \#(runs) }"#
            .write(to: folder.appendingPathComponent("studies/inline.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "studies/from-csv.json", "studies/inline.json"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")

        let output = folder.appendingPathComponent("output")
        for file in ["sgd.steps.csv", "sgd.epochs.csv", "adam.steps.csv", "adam.epochs.csv"] {
            let a = FileManager.default.contents(atPath: output.appendingPathComponent("from-csv/data/\(file)").path)
            let b = FileManager.default.contents(atPath: output.appendingPathComponent("inline/data/\(file)").path)
            #expect(a != nil && a == b, "\(file) differs")
        }
        // The file as read, byte for byte, and a link to it on the page.
        let copy = FileManager.default.contents(atPath: output.appendingPathComponent("from-csv/data/input.csv").path)
        #expect(copy == Data(Self.graddescCSV.utf8))
        let page = try String(contentsOf: output.appendingPathComponent("from-csv/index.html"), encoding: .utf8)
        #expect(page.contains(#"<a href="data/input.csv">input.csv</a>"#))
        #expect(page.contains("29 rows of data/stunden.csv"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("inline/data/input.csv").path))
        let written = try String(contentsOf: output.appendingPathComponent("from-csv/study.json"), encoding: .utf8)
        #expect(written.contains(#""csv": "data/stunden.csv""#))
    }

    @Test func aBadCellStopsTheBuildWithItsLineAndColumn() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Hours,Score\r\n14,58\r\n86,two hundred\r\n".write(to: folder.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        try #"{ "data": { "csv": "m.csv", "x": "Hours", "y": "Score" }, "runs": [ { "name": "a", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#
            .write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "s.json"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardError.contains(#"m.csv:3:4: error: data.csv of s.json: "two hundred" in column 2 ("Score") is not a number"#), "\(outcome.standardError)")
        #expect(outcome.standardError.contains(" 3 | 86,two hundred"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("output/s").path))
    }
}
