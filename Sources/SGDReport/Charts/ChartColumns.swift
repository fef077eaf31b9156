import SGDEngine
import SGDStudy

/// The values a chart plots from a run: trace columns, and for linear chains the collapsed
/// line's `slope` and `intercept` (`TraceColumns.collapsedLine`).
enum ChartColumns {
    static func values(of column: String, per: ChartPer, in result: RunResult) -> [Double]? {
        let count = result.run.parameterNames.count
        switch per {
        case .step:
            let trace = result.training.steps
            if let values = trace.column(column) { return values }
            return collapsed(column, run: result.run, rows: trace.rowCount, row: trace.row, offset: StepTrace.Layout.parameterOffset, count: count)
        case .epoch, .run:
            let trace = result.training.epochs
            if let values = trace.column(column) { return values }
            return collapsed(column, run: result.run, rows: trace.count, row: trace.row, offset: EpochTrace.parameterOffset, count: count)
        }
    }

    /// The last epoch's value of `column`, for per-run charts; nil when not finite.
    static func finalValue(of column: String, in result: RunResult) -> Double? {
        guard let value = values(of: column, per: .epoch, in: result)?.last, value.isFinite else { return nil }
        return value
    }

    /// `slope` or `intercept` of each row's weights (`count` of them from column `offset`), in the
    /// data's original units when the run normalizes x (SPEC §4.2).
    private static func collapsed(
        _ column: String, run: Run, rows: Int, row: (Int) -> ArraySlice<Double>, offset: Int, count: Int
    ) -> [Double]? {
        let part = TraceColumn(column)
        guard part == .slope || part == .intercept else { return nil }
        return (0..<rows).map { index in
            let values = row(index)
            let weights = values[(values.startIndex + offset)..<(values.startIndex + offset + count)]
            let line = run.collapsedLineInOriginalUnits(weights)
            return part == .slope ? line.slope : line.intercept
        }
    }
}
