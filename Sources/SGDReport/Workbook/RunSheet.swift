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
        return nil
    }

    func build() -> WorkbookModel.Sheet {
        var sheet = WorkbookModel.Sheet(name: name)
        sheet.set(0, 0, .text(run.name), style: .title)
        if let reason = valuesReason {
            sheet.set(1, 0, .text("This sheet holds values, not formulas: \(reason)."), style: .note)
            ValuesLayout(result: result).write(into: &sheet)
        } else {
            sheet.set(1, 0, .text("Every computed cell is a formula. Change the learning rate or a starting weight (the yellow cells) and the whole run recomputes."), style: .note)
            FormulaLayout(result: result).write(into: &sheet)
        }
        return sheet
    }
}

/// The trace's columns as values, the epoch summaries beside them, and the charts.
struct ValuesLayout {
    let result: RunResult

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
        let empty = Set(steps.layout.emptyColumns.compactMap { steps.columns.firstIndex(of: $0) })
        for (c, name) in steps.columns.enumerated() {
            sheet.set(header, c, .text(name), style: .header)
        }
        for i in 0..<rows {
            for (c, value) in steps.row(i).enumerated() where !empty.contains(c) {
                sheet.set(header + 1 + i, c, Self.content(value))
            }
        }
        sheet.frozenRows = header + 1
        let epochColumn = steps.columns.count + 1
        EpochBlock.values(result.training.epochs, header: header, column: epochColumn, into: &sheet)
        RunCharts.add(
            to: &sheet, result: result, header: header, rows: rows, stepColumn: 0,
            lossColumn: steps.columns.firstIndex(of: TraceColumn.loss.name) ?? 6,
            weightColumns: result.run.parameterNames.compactMap { steps.columns.firstIndex(of: $0) },
            epochColumn: epochColumn, chartColumn: RunCharts.firstColumn)
    }
}

/// The epochs block: epoch, sse, mse, rmse, sqrt_sse and the weights each epoch ends with.
enum EpochBlock {
    static func headers(_ names: [String]) -> [String] { TraceColumns.names(TraceColumns.epochs(parameterNames: names)) }

    static func values(_ epochs: EpochTrace, header: Int, column: Int, into sheet: inout WorkbookModel.Sheet) {
        for (c, name) in headers(epochs.parameterNames).enumerated() {
            sheet.set(header, column + c, .text(name), style: .header)
        }
        for i in 0..<min(epochs.count, RunSheet.maximumRows) {
            for (c, value) in epochs.row(i).enumerated() {
                sheet.set(header + 1 + i, column + c, ValuesLayout.content(value))
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
        sheet.charts.append(.init(
            title: "Weights per step", xTitle: TraceColumn.step.name, yTitle: "weight", categories: range(stepColumn),
            series: zip(result.run.parameterNames, weightColumns).map { ($0, range($1)) }, row: 3,
            column: chartColumn + chartSpan, width: chartWidth, height: chartHeight))
        let epochs = min(result.training.epochs.count, RunSheet.maximumRows)
        if epochs > 1 {
            sheet.charts.append(.init(
                title: "Error per epoch (sqrt of the sum of squared errors)", xTitle: TraceColumn.epoch.name, yTitle: TraceColumn.sqrtSSE.name,
                categories: range(epochColumn, rows: epochs), series: [(TraceColumn.sqrtSSE.name, range(epochColumn + TraceColumns.epochsFixed.firstIndex(of: .sqrtSSE)!, rows: epochs))],
                row: 3, column: chartColumn + 2 * chartSpan, width: chartWidth, height: chartHeight))
        }
    }
}
