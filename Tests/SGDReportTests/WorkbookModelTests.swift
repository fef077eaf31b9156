import Foundation
import Testing
import SGDStudy
@testable import SGDReport

/// The workbook's layout: which sheets hold formulas, what the others say, sheet names within
/// Excel's rules, settings cells that formulas refer to, and the same bytes from two writes.
@Suite struct WorkbookModelTests {
    static let runs = #"""
        { "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "linear", "model": "linear" },
                    { "name": "wide", "model": { "layers": [ { "units": 2 }, { "units": 1 } ] } },
                    { "name": "batch", "model": "linear", "batch": 4 },
                    { "name": "shuffle", "model": "linear", "shuffle": { "seed": 1 } },
                    { "name": "record", "model": "linear", "epochs": 3, "record": { "every": 10 } },
                    { "name": "diverges", "model": "linear", "epochs": 10, "optimizer": { "type": "sgd", "lr": 0.1 } } ],
          "signals": [ { "name": "sine", "x": { "from": 0, "to": 1, "step": 0.5 }, "f": "sin", "ewma": { "beta": 0.9, "debias": true } } ] }
        """#

    func text(_ sheet: WorkbookModel.Sheet, _ row: Int, _ column: Int) -> String? {
        guard case .text(let value)? = sheet.cells.first(where: { $0.row == row && $0.column == column })?.content else { return nil }
        return value
    }

    @Test func sheetsThatCannotBeFormulasSayWhy() throws {
        let model = try StudyWorkbook.model(try trainedStudy(Self.runs))
        #expect(model.sheets.map(\.name) == ["linear", "wide", "batch", "shuffle", "record", "diverges", "Signals"])
        let notes = model.sheets.map { text($0, 1, 0) ?? "" }
        #expect(notes[0].hasPrefix("Every computed cell is a formula"))
        #expect(notes[1].contains("a layer has more than one unit"))
        #expect(notes[2].contains("mean over a mini-batch"))
        #expect(notes[3].contains("shuffled"))
        #expect(notes[4].contains("only every 10th step is recorded"))
        #expect(notes[5].contains("diverged at step"))
        for sheet in model.sheets.dropFirst().dropLast() {
            #expect(!sheet.cells.contains { if case .formula = $0.content { return true } else { return false } }, "\(sheet.name)")
            #expect(!sheet.charts.isEmpty, "\(sheet.name)")
        }
        // The signal's average and its debiased form are formulas over its beta cell.
        let signals = model.sheets.last!
        let formulas = signals.cells.compactMap { cell -> String? in
            if case .formula(let formula, _) = cell.content { return formula }
            return nil
        }
        #expect(formulas.first == "$B$5*$B$6+(1-$B$5)*C8")
        #expect(formulas.contains("D8/(1-POWER($B$5,A8))"))
    }

    @Test func formulasReferToTheSettingsCellsAndTheRowAbove() throws {
        let model = try StudyWorkbook.model(try trainedStudy(#"""
            { "runs": [ { "name": "adam", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] },
                          "optimizer": { "type": "adam", "lr": 0.01 } } ] }
            """#))
        let sheet = model.sheets[0]
        #expect(text(sheet, 3, 0) == "lr")
        #expect(text(sheet, 7, 0) == "rows (N)")
        #expect(text(sheet, 8, 0) == "start a")
        var formulaByCell: [String: String] = [:]
        for cell in sheet.cells {
            if case .formula(let formula, _) = cell.content { formulaByCell[A1.cell(cell.row, cell.column)] = formula }
        }
        // Row 2 of the step table uses row 1's new weights; the first row the starting weights.
        let header = sheet.cells.first { if case .text("step") = $0.content { return true } else { return false } }!.row
        let first = header + 1
        #expect(formulaByCell[A1.cell(first, 5)]?.hasPrefix("$B$") == true)
        #expect(formulaByCell[A1.cell(first + 1, 5)]?.hasPrefix(A1.column(5 + 4 + 1 + 2 + 4 + 4 + 4)) == true)
        #expect(formulaByCell.values.contains { $0.contains("POWER($B$5,") })
        #expect(formulaByCell.values.contains { $0.hasPrefix("IF(") })
    }

    @Test func sheetNamesFollowExcelsRules() {
        var names = SheetNames()
        #expect(names.make("a/b:c?d*e[f]g\\h") == "a-b-c-d-e-f-g-h")
        #expect(names.make("History") == "History (2)")
        #expect(names.make(String(repeating: "x", count: 40)) == String(repeating: "x", count: 31))
        #expect(names.make(String(repeating: "x", count: 40)) == String(repeating: "x", count: 27) + " (2)")
        #expect(names.make("'quoted'") == "quoted")
        #expect(names.make("QUOTED") == "QUOTED (2)")
        #expect(names.make("''") == "Run")
        // Emoji count as two UTF-16 units, and are never cut in half.
        let emoji = names.make(String(repeating: "😀", count: 20))
        #expect(emoji.utf16.count <= 31 && emoji == String(repeating: "😀", count: 15))
        #expect(A1.column(0) == "A" && A1.column(25) == "Z" && A1.column(26) == "AA" && A1.column(701) == "ZZ" && A1.column(702) == "AAA")
    }

    @Test func twoWritesGiveTheSameBytes() throws {
        let results = try trainedStudy(Self.runs)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a.xlsx").path, second = folder.appendingPathComponent("b.xlsx").path
        try WorkbookWriter.write(StudyWorkbook.model(results), title: "t", to: first)
        Thread.sleep(forTimeInterval: 1.1)
        try WorkbookWriter.write(StudyWorkbook.model(results), title: "t", to: second)
        let a = try Data(contentsOf: URL(fileURLWithPath: first)), b = try Data(contentsOf: URL(fileURLWithPath: second))
        #expect(a.count > 10_000)
        #expect(a == b)
    }

    @Test func anUnwritablePathIsABuildError() throws {
        let results = try trainedStudy(Self.runs)
        #expect(throws: BuildError.self) {
            try WorkbookWriter.write(StudyWorkbook.model(results), title: "t", to: "/nonexistent-folder/x.xlsx")
        }
    }

    /// Excel's column letters are bijective base 26 (A…Z, AA…ZZ, AAA…XFD, its last column).
    @Test func referencesAreSpelledAsExcelDoes() {
        func letters(_ index: Int) -> String {
            var n = index + 1, text = ""
            while n > 0 {
                text = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + text
                n = (n - 1) / 26
            }
            return text
        }
        for column in [0, 1, 25, 26, 27, 51, 52, 675, 701, 702, 703, 18_277, 16_383] {
            #expect(A1.column(column) == letters(column))
        }
        #expect(A1.column(16_383) == "XFD")
        #expect(A1.cell(6, 2) == "C7" && A1.cell(0, 0) == "A1" && A1.cell(1_048_575, 16_383) == "XFD1048576")
        #expect(A1.absolute(6, 2) == "$C$7" && A1.absolute(9, 27) == "$AB$10")
    }

    /// In constant-memory mode libxlsxwriter needs rows in order and a row's cells left to
    /// right; a cell set twice is written twice, the later last (the one the file keeps).
    @Test func cellsAreWrittenRowByRowAndALaterCellLast() {
        func cell(_ row: Int, _ column: Int, _ value: Double) -> WorkbookModel.Cell {
            WorkbookModel.Cell(row: row, column: column, content: .number(value), style: .plain)
        }
        let cells = [cell(5, 1, 0), cell(0, 3, 1), cell(5, 0, 2), cell(0, 3, 3), cell(2, 7, 4), cell(0, 0, 5)]
        #expect(WorkbookWriter.writingOrder(cells) == [5, 1, 3, 4, 2, 0])
        // Beyond Excel's grid (which libxlsxwriter refuses), the same order by comparison.
        let wide = cells + [cell(1, 20_000, 6), cell(1_048_576, 0, 7)]
        #expect(WorkbookWriter.writingOrder(wide) == [5, 1, 3, 6, 4, 2, 0, 7])
        #expect(WorkbookWriter.writingOrder([]) == [])
    }
}
