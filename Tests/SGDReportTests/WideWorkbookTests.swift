import Foundation
import Testing
import SGDEngine
import SGDStudy
@testable import SGDReport

/// Wide networks in the workbook: a sheet never needs more than Excel's grid or the workbook's
/// cell budget (it keeps its fixed columns and its note says so), the writer refuses a cell off
/// the grid with a message instead of trapping, column lookups are one dictionary per trace,
/// writing stops when the build is interrupted, and stale staging folders are cleaned up.
@Suite struct WideWorkbookTests {
    /// The newcomer's studies (issue: a crash with no message), shrunk to one epoch where they
    /// were longer: two ReLU layers of `units` with sgd, or three of 100 with adam.
    static func study(_ layers: [Int], optimizer: String = #"{ "type": "sgd", "lr": 1e-6 }"#) -> String {
        let hidden = layers.map { #"{ "units": \#($0), "activation": "relu" }"# }.joined(separator: ", ")
        return #"""
            { "runs": [ { "name": "wide", "epochs": 1, "init": { "pytorch": { "seed": 1 } },
                          "model": { "layers": [ \#(hidden), { "units": 1 } ] }, "optimizer": \#(optimizer) } ] }
            """#
    }

    func note(_ sheet: WorkbookModel.Sheet) -> String {
        guard case .text(let text)? = sheet.cells.first(where: { $0.row == 1 && $0.column == 0 })?.content else { return "" }
        return text
    }

    func header(_ sheet: WorkbookModel.Sheet) -> [String] {
        sheet.cells.filter { $0.row == RunCharts.tableHeader }.sorted { $0.column < $1.column }.compactMap {
            if case .text(let text) = $0.content { return text }
            return nil
        }
    }

    @Test(arguments: [
        (study([150, 150]), 46_209),
        (study([100, 100]), 20_809),
        (study([100, 100, 100], optimizer: #"{ "type": "adam", "lr": 0.001 }"#), 82_011),
    ])
    func aTraceWiderThanTheGridKeepsItsFixedColumns(_ json: String, stepsColumns: Int) throws {
        let results = try trainedStudy(json)
        #expect(results.runs[0].training.steps.width == stepsColumns)
        let model = try StudyWorkbook.model(results)
        let sheet = model.sheets[0]
        #expect(sheet.cells.allSatisfy { SheetGrid.contains(row: $0.row, column: $0.column) })
        #expect(WorkbookWriter.outsideGrid(model) == nil)
        #expect(header(sheet) == ["step", "epoch", "row", "x", "y", "prediction", "loss", "epoch", "sse", "mse", "rmse", "sqrt_sse"])
        let text = note(sheet)
        #expect(text.contains("a layer has more than one unit"))
        #expect(text.contains("The sheet would need \(NumberText.grouped(stepsColumns + 1 + 5 + results.runs[0].run.parameterNames.count)) columns"))
        #expect(text.contains("steps.csv's \(NumberText.grouped(stepsColumns))"))
        #expect(text.contains("more than a sheet's 16,384"))
        #expect(text.contains("leaves out the per-weight columns"))
        #expect(text.contains("data/wide.steps.csv and data/wide.epochs.csv have them all"))
        // No weights chart: the error per step only (one epoch has no error-per-epoch chart).
        #expect(sheet.charts.map(\.title) == ["Squared error per step"])
        // The workbook is written, and its sheet's dimension is within the grid.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.xlsx").path
        try WorkbookWriter.write(model, title: "w", to: path)
        #expect(try dimension(of: path, sheet: 1) == "A1:M\(RunCharts.tableHeader + 1 + results.runs[0].training.steps.rowCount)")
    }

    /// The `<dimension ref="…">` of sheet `number` of the .xlsx at `path` (read with unzip).
    func dimension(of path: String, sheet number: Int) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", path, "xl/worksheets/sheet\(number).xml"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let xml = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let start = xml.range(of: #"<dimension ref=""#), let end = xml[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(xml[start.upperBound..<end])
    }

    /// A trace that fits the grid but not the cells left of the workbook's budget keeps its fixed
    /// columns too, and its note gives the count; with room it keeps every column.
    @Test func aTraceOverTheCellBudgetKeepsItsFixedColumns() throws {
        let results = try trainedStudy(Self.study([4]))
        let result = results.runs[0]
        let full = ValuesLayout(result: result)
        #expect(full.leftOut == nil && full.stepColumns.count == result.training.steps.width)
        #expect(full.leftOutNote.isEmpty)
        let cells = (result.training.steps.rowCount + 1) * result.training.steps.width + 2 * result.training.epochs.width
        let tight = ValuesLayout(result: result, cellBudget: cells - 1)
        #expect(tight.leftOut?.cells == cells)
        #expect(tight.stepColumns == Array(0..<7))
        #expect(tight.leftOutNote.contains("\(NumberText.grouped(cells)) cells, more than the \(NumberText.grouped(cells - 1)) left of the 5,000,000 a workbook holds"))
        var sheet = WorkbookModel.Sheet(name: "s")
        tight.write(into: &sheet)
        #expect(sheet.cells.map(\.column).max() == 7 + 1 + 4)
        #expect(ValuesLayout(result: result, cellBudget: cells).leftOut == nil)
    }

    /// More weights than a chart holds lines: the columns stay, the weights chart goes, the note says so.
    @Test func moreWeightsThanAChartHoldsLeaveOutTheWeightsChart() throws {
        let results = try trainedStudy(Self.study([100]))
        #expect(results.runs[0].run.parameterNames.count == 301)
        let model = try StudyWorkbook.model(results)
        let sheet = model.sheets[0]
        #expect(!sheet.charts.contains { $0.title == "Weights per step" })
        #expect(note(sheet).contains("The weights chart is left out: the run has 301 weights and a chart holds at most 255 lines."))
        #expect(header(sheet).count == 7 + 2 * 301 + 5 + 301)
        #expect(WorkbookWriter.outsideGrid(model) == nil)
    }

    /// `FormulaLayout.size` counts the columns a formula sheet writes (which `valuesReason` checks).
    @Test(arguments: [
        #"{ "runs": [ { "name": "f", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] }, "optimizer": { "type": "adam", "lr": 0.01 }, "derivatives": { "method": "analytic", "check": true } } ] }"#,
        #"{ "runs": [ { "name": "f", "model": "linear", "optimizer": { "type": "momentum", "lr": 0.0001, "beta": 0.9 } } ] }"#,
    ])
    func theFormulaSheetSizeIsWhatItWrites(_ json: String) throws {
        let result = try trainedStudy(json).runs[0]
        #expect(RunSheet(result: result, name: "f").valuesReason == nil)
        var sheet = WorkbookModel.Sheet(name: "f")
        FormulaLayout(result: result).write(into: &sheet)
        let size = FormulaLayout.size(of: result.run, steps: result.training.steps.rowCount, epochs: result.training.epochs.count)
        #expect(size.columns == sheet.cells.map(\.column).max()! + 1)
        #expect(size.cells >= sheet.cells.count && size.cells < sheet.cells.count + 100)
    }

    /// A cell, chart or frozen pane off Excel's grid is a `cannotWrite` naming the sheet and the
    /// place (never a trap on converting to libxlsxwriter's 16-bit column), and no file is made.
    @Test(arguments: [(0, 16_384), (0, 70_000), (1_048_576, 0), (-1, 0), (0, -3)])
    func aCellOffTheGridIsAnError(_ row: Int, _ column: Int) throws {
        var sheet = WorkbookModel.Sheet(name: "off")
        sheet.set(0, 0, .number(1))
        sheet.set(row, column, .number(2))
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.xlsx").path
        do {
            try WorkbookWriter.write(WorkbookModel(sheets: [sheet]), title: "t", to: path)
            Issue.record("no error")
        } catch {
            guard case .cannotWrite(let failed, let reason) = error else { Issue.record("\(error)"); return }
            #expect(failed == path)
            #expect(reason.contains(#"sheet "off" has a cell at row \#(row + 1), column \#(column + 1), outside the grid"#), "\(reason)")
            #expect(reason.contains("1,048,576 rows and 16,384 columns"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aChartOffTheGridIsAnError() {
        var sheet = WorkbookModel.Sheet(name: "c")
        sheet.set(0, 0, .number(1))
        let range = WorkbookModel.Range(sheet: "c", firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 20_000)
        sheet.charts.append(.init(title: "t", xTitle: "x", yTitle: "y", categories: range, series: [("s", range)], row: 0, column: 0))
        #expect(WorkbookWriter.outsideGrid(WorkbookModel(sheets: [sheet])) == #"sheet "c", chart "t": row 1, column 20001 is outside the grid (Excel's grid has 1,048,576 rows and 16,384 columns)"#)
        sheet.charts[0].categories.lastColumn = 0
        sheet.charts[0].series = (0..<256).map { ("s\($0)", WorkbookModel.Range(sheet: "c", firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0)) }
        #expect(WorkbookWriter.outsideGrid(WorkbookModel(sheets: [sheet]))?.contains("has 256 lines; a chart holds at most 255") == true)
    }

    /// Every column of a trace is found by name through the trace's one dictionary, at its index.
    @Test func columnsAreLookedUpInOneDictionaryPerTrace() throws {
        let result = try trainedStudy(Self.study([30, 30])).runs[0]
        let steps = result.training.steps, epochs = result.training.epochs
        #expect(steps.columnIndices.count == steps.columns.count)
        #expect(steps.columns.indices.allSatisfy { steps.index(of: steps.columns[$0]) == $0 })
        #expect(epochs.columnIndices.count == epochs.columns.count)
        #expect(epochs.columns.indices.allSatisfy { epochs.index(of: epochs.columns[$0]) == $0 })
        #expect(steps.index(of: "no such column") == nil)
    }

    /// The model and the writer tell how far they are, in order, up to the end; the workbook is
    /// the same with or without listening.
    @Test func theWorkbookTellsHowFarItIs() throws {
        let results = try trainedStudy(Self.study([30, 30]))
        var made: [Double] = []
        let model = try StudyWorkbook.model(results, progress: { made.append($0) })
        #expect(made.count == results.runs.count && made.last == 1 && made == made.sorted())
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var written: [Double] = []
        try WorkbookWriter.write(model, title: "t", to: folder.appendingPathComponent("heard.xlsx").path, progress: { written.append($0) })
        try WorkbookWriter.write(model, title: "t", to: folder.appendingPathComponent("plain.xlsx").path)
        #expect(written.first == 0 && written.contains(WorkbookWriter.cellsShare) && written == written.sorted() && written.last! < 1)
        #expect(try Data(contentsOf: folder.appendingPathComponent("heard.xlsx")) == Data(contentsOf: folder.appendingPathComponent("plain.xlsx")))
    }

    /// An interrupt raised while the files are written stops them: the workbook's model and
    /// writer and the CSV traces throw `.interrupted` instead of finishing (the build then
    /// discards its staging folder).
    @Test func writingStopsWhenInterrupted() throws {
        let results = try trainedStudy(Self.study([30, 30]))
        let cancelled = CancellationFlag()
        cancelled.cancel()
        #expect(throws: BuildError.interrupted) { try StudyWorkbook.model(results, cancellation: cancelled) }
        let model = try StudyWorkbook.model(results)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = folder.appendingPathComponent("w.xlsx").path
        #expect(throws: BuildError.interrupted) { try WorkbookWriter.write(model, title: "t", to: workbook, cancellation: cancelled) }
        #expect(!FileManager.default.fileExists(atPath: workbook))
        let steps = folder.appendingPathComponent("s.csv").path
        #expect(throws: BuildError.interrupted) { try TraceFiles.writeSteps(results.runs[0].training.steps, to: steps, cancellation: cancelled) }
        let written = try Data(contentsOf: URL(fileURLWithPath: steps))
        #expect(!written.contains(UInt8(ascii: "\n")) || written.split(separator: UInt8(ascii: "\n")).count == 1)
        #expect(throws: BuildError.interrupted) {
            try TraceFiles.writeEpochs(results.runs[0].training.epochs, to: folder.appendingPathComponent("e.csv").path, cancellation: cancelled)
        }
        // Not interrupted: the whole trace.
        try TraceFiles.writeSteps(results.runs[0].training.steps, to: steps)
        let lines = try String(contentsOfFile: steps, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + results.runs[0].training.steps.rowCount)
    }

    /// A build removes the staging folders of processes that no longer exist (of any study), and
    /// keeps those of live processes, a previous report moved aside whose study has no folder
    /// (it may be that report's only copy), and names without a process id; a previous report
    /// moved aside whose study's folder exists (the swap was done) goes.
    @Test func staleStagingFoldersAreRemoved() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier, live = getppid()
        let names = [
            ".sgdreport-staging-w200-\(dead)", ".sgdreport-staging-other-study-\(dead)", ".sgdreport-staging-w200-\(live)",
            ".sgdreport-replaced-w200-\(dead)", ".sgdreport-staging-w200-notapid", "w200",
            ".sgdreport-replaced-gone-\(dead)", ".sgdreport-replaced-w200-\(live)", ".sgdreport-replaced-two-part-\(dead)", "two-part",
        ]
        for name in names {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name).appendingPathComponent("data"), withIntermediateDirectories: true)
        }
        try Data().write(to: folder.appendingPathComponent("w200/study.json"))
        let registry = StagingRegistry()
        let staging = try StagingFolder.prepare(outputDirectory: folder.path, layout: StudyFolderLayout(slug: "w200"), registry: registry)
        staging.discard()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == [
            ".sgdreport-replaced-gone-\(dead)", ".sgdreport-replaced-w200-\(live)", ".sgdreport-staging-w200-\(live)",
            ".sgdreport-staging-w200-notapid", "two-part", "w200",
        ])
        #expect(staging.warnings.isEmpty)
    }
}
