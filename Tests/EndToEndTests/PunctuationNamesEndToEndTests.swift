import Foundation
import SGDReport
import SGDStudy
import Testing
import TestSupport

/// Names made of punctuation, including `/ \ ? * [ ] :` (which Excel forbids in sheet names) and
/// names longer than a sheet name's 31 characters, build end to end: file names from the names'
/// ASCII letters and digits, distinct sheet names within Excel's rules, the names as written in
/// `results.json` and on the page, and a workbook that LibreOffice recomputes to the traces.
@Suite(.serialized) struct PunctuationNamesEndToEndTests {
    static let runNames = [
        "SGD w/ momentum", #"SGD w\ Nesterov"#, "why?", "a*b", "[x]", "c:d", "'quoted'",
        "A name far longer than thirty-one characters / one", "A name far longer than thirty-one characters / two",
    ]

    static var study: String {
        let runs = runNames.map { name -> String in
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\")
            return #"{ "name": "\#(escaped)" }"#
        }
        return #"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ \#(runs.joined(separator: ", ")) ], "signals": [ { "name": "s/t", "values": [1, 2] } ] }"#
    }

    @Test func namesWithExcelsForbiddenCharactersBuildEndToEnd() throws {
        let folder = try BinaryRunner.scratchFolder("punctuation")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.study.write(to: folder.appendingPathComponent("punct.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "punct.json", "--output", "out", "--format", "svg"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let report = folder.appendingPathComponent("out/punct")

        let data = try FileManager.default.contentsOfDirectory(atPath: report.appendingPathComponent("data").path)
        let slugs = [
            "sgd-w-momentum", "sgd-w-nesterov", "why", "a-b", "x", "c-d", "quoted",
            "a-name-far-longer-than-thirty-one-characters-one", "a-name-far-longer-than-thirty-one-characters-two",
        ]
        #expect(Set(data) == Set(slugs.flatMap { ["\($0).steps.csv", "\($0).epochs.csv"] } + ["s-t.csv"]))

        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("results.json"))) as? [String: Any])
        let runs = try #require(results["runs"] as? [[String: Any]])
        #expect(runs.compactMap { $0["name"] as? String } == Self.runNames)
        #expect(runs.compactMap { $0["slug"] as? String } == slugs)

        let page = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        for name in ["SGD w/ momentum", #"SGD w\ Nesterov"#, "why?", "a*b", "[x]", "c:d", "s/t"] {
            #expect(page.contains(name), "the page does not show \(name)")
        }

        // The workbook's sheet names, read from the file: distinct, within Excel's rules.
        let listed = try BinaryRunner.run(
            ["-c", "import zipfile,re,json,sys; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps(re.findall(r'<sheet name=\"([^\"]*)\"', z.read('xl/workbook.xml').decode())))",
             report.appendingPathComponent("punct.xlsx").path],
            in: folder, executable: URL(fileURLWithPath: "/usr/bin/python3"))
        let sheets = try JSONDecoder().decode([String].self, from: Data(listed.standardOutput.utf8))
        #expect(sheets == [
            "SGD w- momentum", "SGD w- Nesterov", "why-", "a-b", "-x-", "c-d", "quoted",
            "A name far longer than thirty-o", "A name far longer than thir (2)", "Signals",
        ])
        #expect(Set(sheets.map { $0.lowercased() }).count == sheets.count)
        #expect(sheets.allSatisfy { $0.utf16.count <= 31 && !$0.contains(where: { "/\\?*[]:".contains($0) }) })

        // LibreOffice opens it and recomputes every formula to the traces.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") else {
            Issue.record("LibreOffice is missing: make test installs libreoffice-calc-nogui")
            return
        }
        let study = try StudyReader().read(path: folder.appendingPathComponent("punct.json").path)
        let traces = zip(StudyWorkbook.sheetNames(study.runs.map(\.name)), study.runs).map { sheet, run in
            "\(sheet)=" + report.appendingPathComponent("data/\(run.slug).steps.csv").path
        }
        let checked = try BinaryRunner.run(
            [Repository.root.appendingPathComponent("Tests/WorkbookCheck/check_workbook.py").path,
             report.appendingPathComponent("punct.xlsx").path, folder.appendingPathComponent("check").path] + traces,
            in: folder, executable: URL(fileURLWithPath: "/usr/bin/python3"))
        #expect(checked.status == 0, "\(checked.standardError)")
        #expect(checked.standardOutput.contains("\"mismatches\": []"), "\(checked.standardOutput)")
    }
}
