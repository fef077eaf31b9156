import SGDEngine
import SGDStudy

/// One run as a worksheet laid out like the fast.ai gradient-descent workbook's sheets
/// (SPEC §4.5): the settings in labelled cells at the top, then one row per step — x, y, the
/// weights used, the prediction, the squared error, the derivatives, the optimizer's moments and
/// the new weights — and beside it one row per epoch with its errors and weights.
///
/// For online training of a single-unit chain, in data order, every step recorded, every
/// computed cell is a formula over the settings and the row above, with its value stored too.
/// Other runs get values and a line that says why (`valuesReason`).
struct RunSheet {
    /// More step rows than this and the sheet keeps the first ones only (as values).
    static let maximumRows = 20_000

    let result: RunResult
    let name: String
    /// The cells the workbook can still hold when this sheet is made (`SheetGrid.workbookCells`
    /// less the sheets before it): a values sheet that would need more keeps its fixed columns only.
    var cellBudget = SheetGrid.workbookCells

    var run: Run { result.run }

    /// Why the sheet holds values instead of formulas; nil when it holds formulas.
    var valuesReason: String? {
        let training = result.training
        if !run.network.isChainOfSingleNeurons {
            return "a layer has more than one unit; the formulas are written for chains of single units"
        }
        if run.batch.rows(in: run.data.rowCount) > 1 {
            return "each step's derivative is the mean over a mini-batch; the formulas are written for one row a step (online)"
        }
        switch run.optimizer {
        case .sgd, .momentum, .rmsprop, .adam, .amsgrad: break
        case .eve, .adagrad:
            return "the formulas are written for sgd, momentum, rmsprop, adam and amsgrad, not yet for \(run.optimizer.typeName)"
        }
        if let anneal = run.lrAnneal {
            switch anneal.measure {
            case .stepSize:
                return "the learning rate changes between epochs by a rule (lrAnneal, step-size) that reruns an epoch at a smaller rate until its steps are small enough, which row formulas cannot do"
            case .gradientSize:
                return "the learning rate changes between epochs by a rule (lrAnneal, gradient-size) that compares each epoch's gradient size with the smallest so far, which these row formulas do not yet follow"
            }
        }
        if let reason = stepRulesReason { return reason }
        if run.shuffleSeed != nil { return "the rows are shuffled each epoch; the formulas follow the data's order" }
        if run.recordEvery != 1 { return "only every \(run.recordEvery)th step is recorded, and each formula needs the row before it" }
        if run.recordEpochs != 1 { return "only every \(run.recordEpochs)th epoch is recorded, and the epochs block sums each epoch's rows" }
        if let divergence = training.divergence {
            return "the run diverged at step \(divergence.step), and a spreadsheet cell cannot hold the infinite or undefined values that follow"
        }
        if training.steps.rowCount > Self.maximumRows {
            return "it has \(NumberText.grouped(training.steps.rowCount)) steps; a sheet shows the first \(NumberText.grouped(Self.maximumRows)), and data/\(run.slug).steps.csv has them all"
        }
        let size = FormulaLayout.size(of: run, steps: training.steps.rowCount, epochs: training.epochs.count)
        if size.columns > SheetGrid.columns {
            return "the formulas would need \(NumberText.grouped(size.columns)) columns, more than a sheet's \(NumberText.grouped(SheetGrid.columns))"
        }
        if size.cells > SheetGrid.workbookCells {
            return "the formulas would need \(NumberText.grouped(size.cells)) cells, more than the \(NumberText.grouped(SheetGrid.workbookCells)) a workbook holds"
        }
        return nil
    }

    func build() -> WorkbookModel.Sheet {
        var sheet = WorkbookModel.Sheet(name: name)
        sheet.set(0, 0, .text(run.name), style: .title)
        if let reason = valuesReason {
            let layout = ValuesLayout(result: result, cellBudget: cellBudget)
            sheet.set(1, 0, .text("This sheet holds values, not formulas: \(reason).\(layout.leftOutNote)"), style: .note)
            layout.write(into: &sheet)
        } else {
            sheet.set(1, 0, .text("Every computed cell is a formula. Change the learning rate or a starting weight (the yellow cells) and the whole run recomputes."), style: .note)
            FormulaLayout(result: result).write(into: &sheet)
        }
        return sheet
    }
}

/// The trace's columns as values, the epoch summaries beside them, and the charts.
///
/// A trace too large for a sheet — wider than Excel's 16,384 columns with the epochs block beside
/// it, or more cells than `cellBudget` — keeps the columns that are not per weight (`step`,
/// `epoch`, `row`, `x`, `y`, `prediction`, `loss`, `lr`, …; the epochs block's `epoch`, `sse`,
/// `mse`, `rmse`, `sqrt_sse`, `lr`, `feedback`) and no weights chart; `leftOutNote` says so.
struct ValuesLayout {
    let result: RunResult
    /// The step columns shown (indices into the steps trace) and the epochs block's.
    let stepColumns: [Int]
    let epochColumns: [Int]
    /// How many columns and cells the whole trace would need, when it does not fit.
    let leftOut: (columns: Int, cells: Int)?
    let cellBudget: Int
    /// Whether the weights chart is drawn: it needs the weight columns and at most
    /// `SheetGrid.chartSeries` weights.
    var drawsWeights: Bool { leftOut == nil && result.run.parameterNames.count <= SheetGrid.chartSeries }

    /// - Parameter cellBudget: the cells the sheet may hold (see `RunSheet.cellBudget`).
    init(result: RunResult, cellBudget: Int = SheetGrid.workbookCells) {
        self.result = result
        self.cellBudget = cellBudget
        let steps = result.training.steps, epochs = result.training.epochs
        let rows = min(steps.rowCount, RunSheet.maximumRows), epochRows = min(epochs.count, RunSheet.maximumRows)
        let columns = steps.width + 1 + epochs.width
        let cells = (rows + 1) * steps.width + (epochRows + 1) * epochs.width
        if columns <= SheetGrid.columns && cells <= cellBudget {
            stepColumns = Array(0..<steps.width)
            epochColumns = Array(0..<epochs.width)
            leftOut = nil
        } else {
            let traced = steps.layout.traceColumns
            stepColumns = traced.indices.filter { traced[$0].parameterGroup == nil }
            let kept = Set(TraceColumns.names(TraceColumns.epochsFixed + [.learningRate, .feedback]))
            let names = epochs.columns
            epochColumns = names.indices.filter { kept.contains(names[$0]) }
            leftOut = (columns, cells)
        }
    }

    /// The sentence the note line adds when columns or the weights chart are left out; empty otherwise.
    var leftOutNote: String {
        let slug = result.run.slug
        if let leftOut {
            let steps = result.training.steps.width, epochs = result.training.epochs.width
            let why = leftOut.columns > SheetGrid.columns
                ? "\(NumberText.grouped(leftOut.columns)) columns (steps.csv's \(NumberText.grouped(steps)), a blank one and epochs.csv's \(NumberText.grouped(epochs))), more than a sheet's \(NumberText.grouped(SheetGrid.columns))"
                : "\(NumberText.grouped(leftOut.cells)) cells, more than the \(NumberText.grouped(cellBudget)) left of the \(NumberText.grouped(SheetGrid.workbookCells)) a workbook holds"
            return " The sheet would need \(why): it leaves out the per-weight columns (the weights, grad_, est_, avg_, sqr_, lr_) and the weights chart; data/\(slug).steps.csv and data/\(slug).epochs.csv have them all."
        }
        if !drawsWeights {
            return " The weights chart is left out: the run has \(NumberText.grouped(result.run.parameterNames.count)) weights and a chart holds at most \(SheetGrid.chartSeries) lines."
        }
        return ""
    }

    /// A number, or `inf`, `-inf` or `nan` as text, as the CSV traces write them (a cell cannot
    /// hold them).
    static func content(_ value: Double) -> WorkbookModel.Content {
        if value.isFinite { return .number(value) }
        if value.isNaN { return .text("nan") }
        return .text(value > 0 ? "inf" : "-inf")
    }

    func write(into sheet: inout WorkbookModel.Sheet) {
        let steps = result.training.steps
        let header = RunCharts.tableHeader
        let rows = min(steps.rowCount, RunSheet.maximumRows)
        // A mini-batch's row, x, y and prediction are left empty, as in steps.csv.
        let empty = Set(steps.layout.emptyColumns.compactMap { steps.index(of: $0) })
        for (c, index) in stepColumns.enumerated() {
            sheet.set(header, c, .text(steps.columns[index]), style: .header)
        }
        for i in 0..<rows {
            let values = steps.row(i)
            for (c, index) in stepColumns.enumerated() where !empty.contains(index) {
                sheet.set(header + 1 + i, c, Self.content(values[values.startIndex + index]))
            }
        }
        sheet.frozenRows = header + 1
        let epochColumn = stepColumns.count + 1
        EpochBlock.values(result.training.epochs, columns: epochColumns, labelsExtras: leftOut != nil, header: header, column: epochColumn, into: &sheet)
        let shown = Dictionary(uniqueKeysWithValues: stepColumns.enumerated().map { ($1, $0) })
        RunCharts.add(
            to: &sheet, result: result, header: header, rows: rows, stepColumn: 0,
            lossColumn: steps.index(of: TraceColumn.loss.name).flatMap { shown[$0] } ?? 6,
            weightColumns: drawsWeights ? result.run.parameterNames.compactMap { steps.index(of: $0) } : [],
            epochColumn: epochColumn, chartColumn: RunCharts.firstColumn)
    }
}

/// The epochs block: epoch, sse, mse, rmse, sqrt_sse and the weights each epoch ends with.
enum EpochBlock {
    static func headers(_ names: [String]) -> [String] { TraceColumns.names(TraceColumns.epochs(parameterNames: names)) }

    /// The epochs trace's `columns` (indices, `epoch` to `sqrt_sse` first), from `column` on.
    /// The columns after the weights (`lr`, `lr_<p>`, `feedback`) get a header only with
    /// `labelsExtras` (a full sheet has always shown them unlabelled, and keeps its bytes).
    static func values(_ epochs: EpochTrace, columns: [Int], labelsExtras: Bool, header: Int, column: Int, into sheet: inout WorkbookModel.Sheet) {
        let names = epochs.columns
        let labelled = labelsExtras ? names.count : EpochTrace.parameterOffset + epochs.parameterNames.count
        for (c, index) in columns.enumerated() where index < labelled {
            sheet.set(header, column + c, .text(names[index]), style: .header)
        }
        for i in 0..<min(epochs.count, RunSheet.maximumRows) {
            let values = epochs.row(i)
            for (c, index) in columns.enumerated() {
                sheet.set(header + 1 + i, column + c, ValuesLayout.content(values[values.startIndex + index]))
            }
        }
    }
}

/// Native line charts of the error and the weights per step, and of the error per epoch, side
/// by side above the step table (as the workbook's sheets show theirs beside the settings).
enum RunCharts {
    /// The first table row below the charts (0-based).
    static let tableHeader = 22
    /// The charts start in this column, each `chartSpan` columns (of 64 pixels) wide.
    static let firstColumn = 7
    static let chartSpan = 9
    static let chartWidth = 560
    static let chartHeight = 340

    static func add(
        to sheet: inout WorkbookModel.Sheet, result: RunResult, header: Int, rows: Int, stepColumn: Int,
        lossColumn: Int, weightColumns: [Int], epochColumn: Int, chartColumn: Int
    ) {
        guard rows > 0 else { return }
        let name = sheet.name
        func range(_ column: Int, rows count: Int = rows) -> WorkbookModel.Range {
            .init(sheet: name, firstRow: header + 1, firstColumn: column, lastRow: header + count, lastColumn: column)
        }
        let losses = result.training.steps.column(TraceColumn.loss.name)?.prefix(rows) ?? []
        let positive = losses.allSatisfy { $0 > 0 }
        let spread = (losses.max() ?? 1) / max(losses.min() ?? 1, .leastNormalMagnitude)
        sheet.charts.append(.init(
            title: "Squared error per step", xTitle: TraceColumn.step.name, yTitle: TraceColumn.loss.name, categories: range(stepColumn),
            series: [(TraceColumn.loss.name, range(lossColumn))], row: 3, column: chartColumn, width: chartWidth, height: chartHeight,
            logarithmic: positive && spread > 1000))
        // No weights chart without weight columns; the next chart takes its place.
        var next = chartColumn + chartSpan
        if !weightColumns.isEmpty {
            sheet.charts.append(.init(
                title: "Weights per step", xTitle: TraceColumn.step.name, yTitle: "weight", categories: range(stepColumn),
                series: zip(result.run.parameterNames, weightColumns).map { ($0, range($1)) }, row: 3,
                column: next, width: chartWidth, height: chartHeight))
            next += chartSpan
        }
        let epochs = min(result.training.epochs.count, RunSheet.maximumRows)
        if epochs > 1 {
            sheet.charts.append(.init(
                title: "Error per epoch (sqrt of the sum of squared errors)", xTitle: TraceColumn.epoch.name, yTitle: TraceColumn.sqrtSSE.name,
                categories: range(epochColumn, rows: epochs), series: [(TraceColumn.sqrtSSE.name, range(epochColumn + TraceColumns.epochsFixed.firstIndex(of: .sqrtSSE)!, rows: epochs))],
                row: 3, column: next, width: chartWidth, height: chartHeight))
        }
    }
}
