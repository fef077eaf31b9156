import Foundation
import Testing
import SGDStudy
@testable import SGDReport

/// The workbook and `results.json` keep names in any script exactly as written (issue 13).
@Suite struct NamesInAnyScriptReportTests {
    static let names = ["一个神经元", "ニューロン一つ", "뉴런 하나", "خلية عصبية واحدة", "Νευρώνας ReLU", "🔥"]

    @Test func eachRunsSheetIsNamedAsTheRun() throws {
        let runs = Self.names.map { #"{ "name": "\#($0)" }"# }.joined(separator: ", ")
        let results = try trainedStudy(#"""
            { "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ \#(runs) ],
              "signals": [ { "name": "正弦", "values": [1, 2] } ] }
            """#)
        let model = try StudyWorkbook.model(results)
        #expect(model.sheets.map(\.name) == Self.names + ["Signals"])
        // Excel's 31 UTF-16 units: a long name keeps whole characters, an emoji counts as two units.
        #expect(StudyWorkbook.sheetNames([String(repeating: "神", count: 40), String(repeating: "🔥", count: 20)])
            == [String(repeating: "神", count: 31), String(repeating: "🔥", count: 15)])
    }
}
