/// The per-step record of a run: SPEC §2's `<run>.steps.csv`, one row per recorded update.
///
/// Stored row-major in one flat array so that recording a step is one append and the trace
/// costs 8 bytes a number, whatever the model.
package struct StepTrace: Sendable, Equatable {
    /// Which optional column groups the trace has; the column names follow from it.
    package struct Layout: Sendable, Equatable {
        package var parameterNames: [String]
        package var hasEstimates: Bool
        package var hasAverage: Bool
        package var hasSquareAverage: Bool
        /// Mini-batch steps have no single `row`, `x`, `y` or `prediction`; those cells are empty.
        package var isBatched: Bool
        /// The columns after the moments: `lr`, `mom`, `smooth_loss` (see `TraceColumns.stepExtras`).
        package var extras: [TraceColumn]

        package init(
            parameterNames: [String], hasEstimates: Bool = false, hasAverage: Bool = false,
            hasSquareAverage: Bool = false, isBatched: Bool = false, extras: [TraceColumn] = []
        ) {
            self.extras = extras
            self.parameterNames = parameterNames
            self.hasEstimates = hasEstimates
            self.hasAverage = hasAverage
            self.hasSquareAverage = hasSquareAverage
            self.isBatched = isBatched
        }

        /// `step,epoch,row,x,y,prediction,loss,<p>...,grad_<p>...[,est_<p>...][,avg_<p>...][,sqr_<p>...][,lr[,mom]|,lr,smooth_loss]`
        package var columns: [String] { TraceColumns.names(traceColumns) }

        /// `columns` as values (see `TraceColumns.steps`).
        package var traceColumns: [TraceColumn] {
            TraceColumns.steps(
                parameterNames: parameterNames, hasEstimates: hasEstimates, hasAverage: hasAverage,
                hasSquareAverage: hasSquareAverage, extras: extras)
        }

        /// The columns that are left empty in every row (the per-row ones of a mini-batch).
        package var emptyColumns: Set<String> {
            isBatched ? Set(TraceColumns.names(TraceColumns.perRow)) : []
        }

        /// The index of the first weight column: the weights follow the fixed columns.
        package static var parameterOffset: Int { TraceColumns.stepsFixed.count }
    }

    package let layout: Layout
    package let columns: [String]
    /// Each column's index by name: the one place a column is looked up (a run of a million
    /// weights has two million columns, so a search per name would be quadratic).
    package let columnIndices: [String: Int]
    package internal(set) var values: [Double] = []

    package init(layout: Layout) {
        self.layout = layout
        self.columns = layout.columns
        self.columnIndices = TraceColumns.indices(columns)
    }

    /// The index of column `name`, nil when the trace has none.
    package func index(of name: String) -> Int? { columnIndices[name] }

    package var width: Int { columns.count }
    package var rowCount: Int { values.count / columns.count }

    /// All values of the column `name`, or nil when the trace has no such column.
    package func column(_ name: String) -> [Double]? {
        guard let index = index(of: name) else { return nil }
        return stride(from: index, to: values.count, by: width).map { values[$0] }
    }

    package func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * width)..<((index + 1) * width)]
    }
}

/// The per-epoch record of a run: SPEC §2's `<run>.epochs.csv`.
///
/// Flat, row-major storage like `StepTrace`: a long run has hundreds of thousands of epochs,
/// and a separate array per row would cost more than the numbers themselves.
public struct EpochTrace: Sendable, Equatable {
    /// One epoch's row: its number (from 1), its error over the data, the weights it ends with
    /// (model order) and the values of `extraColumns`.
    public struct Row: Sendable, Equatable {
        package var epoch: Int
        /// Σ (prediction − y)² over the epoch's rows, each with the weights used for that row.
        package var sse: Double
        package var mse: Double
        package var rmse: Double
        /// What the fast.ai spreadsheets label "rmse".
        package var sqrtSSE: Double
        /// The weights the next epoch starts from.
        package var parameters: [Double]
        /// The values of `EpochTrace.extraColumns` (the epoch's rate, Eve's d).
        package var extras: [Double] = []
    }

    /// The rows, made on access from the flat storage.
    package struct Rows: RandomAccessCollection, Sendable {
        let trace: EpochTrace
        package var startIndex: Int { 0 }
        package var endIndex: Int { trace.count }
        package subscript(index: Int) -> Row {
            let values = trace.values[(index * trace.width)..<((index + 1) * trace.width)]
            let base = values.startIndex
            let weights = base + EpochTrace.parameterOffset
            return Row(
                epoch: Int(values[base]), sse: values[base + 1], mse: values[base + 2], rmse: values[base + 3],
                sqrtSSE: values[base + 4], parameters: Array(values[weights..<(weights + trace.parameterNames.count)]),
                extras: Array(values[(weights + trace.parameterNames.count)...]))
        }
    }

    package let parameterNames: [String]
    /// Columns after the weights: `lr`, `lr_<p>`, `feedback` (see `TrainingSetup.epochExtraColumns`).
    package let extraColumns: [String]
    /// `epoch,sse,mse,rmse,sqrt_sse,<p>...[,extra...]` row after row.
    package private(set) var values: [Double] = []

    /// `epoch,sse,mse,rmse,sqrt_sse,<p>...[,lr][,lr_<p>...][,feedback]`, made once (a wide
    /// network's are millions of names: made per use, a loop over them was quadratic).
    package let columns: [String]
    /// Each column's index by name (see `StepTrace.columnIndices`).
    package let columnIndices: [String: Int]

    package init(parameterNames: [String], extraColumns: [String] = []) {
        self.parameterNames = parameterNames
        self.extraColumns = extraColumns
        columns = TraceColumns.names(TraceColumns.epochsFixed + TraceColumn.ParameterGroup.weight.columns(parameterNames)) + extraColumns
        columnIndices = TraceColumns.indices(columns)
    }

    /// The index of column `name`, nil when the trace has none.
    package func index(of name: String) -> Int? { columnIndices[name] }
    package var width: Int { Self.parameterOffset + parameterNames.count + extraColumns.count }
    /// The index of the first weight column: the weights follow `epoch,sse,mse,rmse,sqrt_sse`.
    package static var parameterOffset: Int { TraceColumns.epochsFixed.count }
    package var count: Int { values.count / width }
    package var rows: Rows { Rows(trace: self) }

    /// Room for `rows` rows, so that a long run's trace grows without copying.
    mutating func reserveCapacity(rows: Int) {
        values.reserveCapacity(rows.multipliedReportingOverflow(by: width).overflow ? 0 : rows * width)
    }

    /// Appends a row straight from the training loop's memory (no arrays made): `Row`'s values
    /// for an epoch of `rows` rows with error `sse` ending with the `count` weights at `weights`.
    mutating func append(epoch: Int, sse: Double, rows: Double, weights: UnsafePointer<Double>, count: Int, extras: [Double]) {
        values.append(Double(epoch))
        values.append(sse)
        values.append(sse / rows)
        values.append((sse / rows).squareRoot())
        values.append(sse.squareRoot())
        for k in 0..<count { values.append(weights[k]) }
        values.append(contentsOf: extras)
    }

    /// All values of the column `name`, or nil when the trace has no such column.
    package func column(_ name: String) -> [Double]? {
        guard let index = index(of: name) else { return nil }
        return stride(from: index, to: values.count, by: width).map { values[$0] }
    }

    /// The numbers of row `index`, in column order.
    package func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * width)..<((index + 1) * width)]
    }
}
