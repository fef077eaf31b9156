import Foundation
import Testing
import SGDEngine
import SGDStudy

/// `"data": { "csv": … }` in a study: the file is read relative to the study, confined to its
/// folder, and problems in it are reported against the CSV file.
@Suite struct StudyCSVDataTests {
    /// A fresh folder with `files` (path → contents) and the study `study.json`.
    func folder(_ files: [String: String], function: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sgdreport-csv-\(function.filter(\.isLetter))-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url.appendingPathComponent("studies"), withIntermediateDirectories: true)
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return url
    }

    func study(data: String) -> String {
        #"{ "data": \#(data), "runs": [ { "name": "a", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#
    }

    func read(_ url: URL, _ data: String) -> Result<Study, StudyFileError> {
        let file = url.appendingPathComponent("studies/s.json").path
        do {
            return .success(try StudyReader().read(bytes: Array(study(data: data).utf8), file: file))
        } catch {
            return .failure(error)
        }
    }

    /// `normalize` (SPEC §4.2) beside a CSV's columns rescales its x as it does inline data; constant
    /// x in the file is an error at `normalize`.
    @Test func aCSVIsNormalizedAsInlineDataIs() throws {
        let url = try folder(["studies/hours.csv": "Hours,Score\n14,58\n86,202\n28.5,87\n", "studies/flat.csv": "x,y\n3,1\n3,2\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        let fromCSV = try read(url, #"{ "csv": "hours.csv", "x": "Hours", "y": "Score", "normalize": "standardize" }"#).get()
        let inline = try read(url, #"{ "x": [14, 86, 28.5], "y": [58, 202, 87], "normalize": "standardize" }"#).get()
        #expect(fromCSV.runs[0].normalization == .standardize)
        #expect(fromCSV.runs[0].dataset == inline.runs[0].dataset)
        #expect(fromCSV.runs[0].dataset.x != [14, 86, 28.5])
        guard case .failure(let error) = read(url, #"{ "csv": "flat.csv", "x": "x", "y": "y", "normalize": "minmax" }"#) else {
            Issue.record("constant x was accepted")
            return
        }
        #expect(error.diagnostics.map(\.path) == ["data.normalize"])
    }

    @Test func aCSVTrainsOnTheSameDatasetAsTheSameDataInline() throws {
        let url = try folder(["studies/hours.csv": "\u{FEFF}Hours;Score\r\n14;58\r\n86;202\r\n28,5;87\r\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        let fromCSV = try read(url, #"{ "csv": "hours.csv", "x": "Hours", "y": "Score" }"#).get()
        let inline = try read(url, #"{ "x": [14, 86, 28.5], "y": [58, 202, 87] }"#).get()
        #expect(fromCSV.runs[0].makeTrainingSetup().data == inline.runs[0].makeTrainingSetup().data)
        // Trained, the traces are the same numbers, bit for bit.
        let a = Trainer(fromCSV.runs[0].makeTrainingSetup()).run()
        let b = Trainer(inline.runs[0].makeTrainingSetup()).run()
        #expect(a.steps == b.steps)
        #expect(a.epochs == b.epochs)
        // A target replaces y as for inline data.
        let target = try read(url, #"{ "csv": "hours.csv", "x": 1, "target": { "slope": 2, "intercept": 30 } }"#).get()
        #expect(target.runs[0].makeTrainingSetup().data.y == [58, 202, 87])
        #expect(fromCSV.inputFiles.map(\.copyPath) == ["data/input.csv"])
    }

    @Test func studyJSONKeepsThePathAsWritten() throws {
        let url = try folder(["studies/sub/hours.csv": "h\tscore\n1\t2\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        let study = try read(url, #"{ "csv": "sub/hours.csv", "x": "h", "y": 2, "delimiter": "\t", "decimal": "." }"#).get()
        let written = JSONWriter.write(StudyEncoder.encode(study, generator: "test"))
        #expect(written.contains(#""csv": "sub/hours.csv""#))
        #expect(written.contains(#""x": "h""#))
        #expect(written.contains(#""y": 2"#))
        #expect(written.contains(#""delimiter": "\t""#))
        #expect(written.contains(#""decimal": ".""#))
    }

    @Test func aProblemInTheCSVIsReportedAgainstTheCSVFile() throws {
        let url = try folder(["studies/hours.csv": "Hours;Score\n14;58\n86;2O2\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        guard case .failure(let error) = read(url, #"{ "csv": "hours.csv", "x": "Hours", "y": "Score" }"#) else {
            Issue.record("a bad cell was accepted")
            return
        }
        let csvPath = url.appendingPathComponent("studies/hours.csv").path
        #expect(error.description == """
            \(csvPath):3:4: error: data.csv of \(url.appendingPathComponent("studies/s.json").path): "2O2" in column 2 ("Score") is not a number
             3 | 86;2O2
               |    ^
              hint: write a number such as 12.5; if this row is text, delete it, or check that x and y name the right columns

            """)
    }

    /// A number beyond a double is refused in a CSV file as it is inline (the same words and hint, at
    /// the CSV's line and column); one below it reads as 0 in both.
    @Test func numbersOutOfRangeReadAsTheSameNumbersInline() throws {
        let url = try folder(["studies/big.csv": "x,y\n1,32\n2,1e400\n3,36\n", "studies/small.csv": "x;y\n1;1e-400\n2;-1,5e-400\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        guard case .failure(let csv) = read(url, #"{ "csv": "big.csv", "x": "x", "y": "y" }"#),
              case .failure(let inline) = read(url, #"{ "x": [1, 2, 3], "y": [32, 1e400, 36] }"#) else {
            Issue.record("1e400 was accepted")
            return
        }
        let csvPath = url.appendingPathComponent("studies/big.csv").path
        #expect(csv.description.hasPrefix(
            "\(csvPath):3:3: error: data.csv of \(url.appendingPathComponent("studies/s.json").path): the number 1e400 in column 2 (\"y\") is beyond the range of a double (about ±1.8e308)\n 3 | 2,1e400\n   |   ^\n  hint: use a smaller number"),
            "\(csv.description)")
        #expect(inline.diagnostics.map(\.message) == ["the number 1e400 is beyond the range of a double (about ±1.8e308)"])
        #expect(csv.diagnostics.map(\.hint) == inline.diagnostics.map(\.hint))
        let small = try read(url, #"{ "csv": "small.csv", "x": "x", "y": "y" }"#).get()
        let smallInline = try read(url, #"{ "x": [1, 2], "y": [1e-400, -1.5e-400] }"#).get()
        #expect(small.runs[0].dataset.y.map(\.bitPattern) == smallInline.runs[0].dataset.y.map(\.bitPattern))
    }

    @Test func onlyFilesInTheStudysFolderOrBelowMayBeNamed() throws {
        let url = try folder(["studies/ok.csv": "x,y\n1,2\n", "private.csv": "x,y\n1,2\n", "studies/sub/deep.csv": "x,y\n3,4\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("studies/out.csv").path, withDestinationPath: "../private.csv")
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("studies/in.csv").path, withDestinationPath: "sub/deep.csv")
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("studies/outside").path, withDestinationPath: url.path)
        func message(_ path: String) -> String? {
            guard case .failure(let error) = read(url, #"{ "csv": "\#(path)", "x": 1, "y": 2 }"#) else { return nil }
            return error.diagnostics.first.map { "\($0.path ?? ""): \($0.message)" }
        }
        #expect(message("ok.csv") == nil)
        #expect(message("sub/deep.csv") == nil)
        #expect(message("./sub/../ok.csv") == nil)
        // A link that stays inside is fine; its target is what is read.
        #expect(message("in.csv") == nil)
        #expect(message(url.appendingPathComponent("private.csv").path)?.contains("is absolute") == true)
        #expect(message("~/private.csv")?.contains("is absolute") == true)
        #expect(message("../private.csv")?.contains("climbs out of the study's folder") == true)
        #expect(message("sub/../../private.csv")?.contains("climbs out of the study's folder") == true)
        #expect(message("out.csv")?.contains("is a link that points out of the study's folder") == true)
        #expect(message("outside/private.csv")?.contains("is a link that points out of the study's folder") == true)
        #expect(message("missing.csv")?.hasPrefix("data.csv: the CSV file") == true)
        #expect(message("sub")?.contains("is a folder") == true)
        #expect(message("")?.contains("is empty") == true)
    }

    @Test func theCSVSettingsAreChecked() throws {
        let url = try folder(["studies/ok.csv": "x,y\n1,2\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        func message(_ data: String) -> String? {
            guard case .failure(let error) = read(url, data) else { return nil }
            return error.diagnostics.map(\.message).joined(separator: " | ")
        }
        #expect(message(#"{ "csv": "ok.csv", "x": 1 }"#) == #"data needs "y" (the column of targets) or "target""#)
        #expect(message(#"{ "csv": "ok.csv", "x": 1, "y": 0 }"#)?.hasPrefix("y must be") == true)
        #expect(message(#"{ "csv": "ok.csv", "x": true, "y": 2 }"#) == "x must be a column's header name or its number, got a boolean")
        #expect(message(#"{ "csv": "ok.csv", "x": 1, "y": 2, "delimiter": ";;" }"#)?.hasPrefix("the delimiter must be one character") == true)
        #expect(message(#"{ "csv": "ok.csv", "x": 1, "y": 2, "decimal": "·" }"#) == #"decimal must be "." or ",", got "·""#)
        #expect(message(#"{ "csv": "ok.csv", "x": 1, "y": 2, "delimiter": ",", "decimal": "," }"#) == "a comma cannot be both the delimiter and the decimal point")
        #expect(message(#"{ "csv": "ok.csv", "x": 1, "y": 2, "sep": ";" }"#) == #"unknown key "sep" in data"#)
        #expect(message(#"{ "csv": "ok.csv", "x": 1, "y": 2, "target": { "slope": 1, "intercept": 0 } }"#) == #"data has both "y" and "target"; give one"#)
    }
}
