/// The per-step record of a run: SPEC §2's `<run>.steps.csv`, one row per recorded update.
///
/// Stored row-major in one flat array so that recording a step is one append and the trace
/// costs 8 bytes a number, whatever the model.
public struct StepTrace: Sendable, Equatable {
    /// Which optional column groups the trace has; the column names follow from it.
    public struct Layout: Sendable, Equatable {
        public var parameterNames: [String]
        public var hasEstimates: Bool
        public var hasAverage: Bool
        public var hasSquareAverage: Bool
        /// Mini-batch steps have no single `row`, `x`, `y` or `prediction`; those cells are empty.
        public var isBatched: Bool

        public init(
            parameterNames: [String], hasEstimates: Bool = false, hasAverage: Bool = false,
            hasSquareAverage: Bool = false, isBatched: Bool = false
        ) {
            self.parameterNames = parameterNames
            self.hasEstimates = hasEstimates
            self.hasAverage = hasAverage
            self.hasSquareAverage = hasSquareAverage
            self.isBatched = isBatched
        }

        /// `step,epoch,row,x,y,prediction,loss,<p>...,grad_<p>...[,est_<p>...][,avg_<p>...][,sqr_<p>...]`
        public var columns: [String] { TraceColumns.names(traceColumns) }

        /// `columns` as values (see `TraceColumns.steps`).
        public var traceColumns: [TraceColumn] {
            TraceColumns.steps(
                parameterNames: parameterNames, hasEstimates: hasEstimates, hasAverage: hasAverage,
                hasSquareAverage: hasSquareAverage)
        }

        /// The columns that are left empty in every row (the per-row ones of a mini-batch).
        public var emptyColumns: Set<String> {
            isBatched ? Set(TraceColumns.names(TraceColumns.perRow)) : []
        }

        /// The index of the first weight column: the weights follow the fixed columns.
        public static var parameterOffset: Int { TraceColumns.stepsFixed.count }
    }

    public let layout: Layout
    public let columns: [String]
    public internal(set) var values: [Double] = []

    public init(layout: Layout) {
        self.layout = layout
        self.columns = layout.columns
    }

    public var width: Int { columns.count }
    public var rowCount: Int { values.count / columns.count }

    /// All values of the column `name`, or nil when the trace has no such column.
    public func column(_ name: String) -> [Double]? {
        guard let index = columns.firstIndex(of: name) else { return nil }
        return stride(from: index, to: values.count, by: width).map { values[$0] }
    }

    public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * width)..<((index + 1) * width)]
    }
}

/// The per-epoch record of a run: SPEC §2's `<run>.epochs.csv`.
///
/// Flat, row-major storage like `StepTrace`: a long run has hundreds of thousands of epochs,
/// and a separate array per row would cost more than the numbers themselves.
public struct EpochTrace: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var epoch: Int
        /// Σ (prediction − y)² over the epoch's rows, each with the weights used for that row.
        public var sse: Double
        public var mse: Double
        public var rmse: Double
        /// What the fast.ai spreadsheets label "rmse".
        public var sqrtSSE: Double
        /// The weights the next epoch starts from.
        public var parameters: [Double]
        /// The values of `EpochTrace.extraColumns` (the epoch's rate, Eve's d).
        public var extras: [Double] = []
    }

    /// The rows, made on access from the flat storage.
    public struct Rows: RandomAccessCollection, Sendable {
        let trace: EpochTrace
        public var startIndex: Int { 0 }
        public var endIndex: Int { trace.count }
        public subscript(index: Int) -> Row {
            let values = trace.values[(index * trace.width)..<((index + 1) * trace.width)]
            let base = values.startIndex
            let weights = base + EpochTrace.parameterOffset
            return Row(
                epoch: Int(values[base]), sse: values[base + 1], mse: values[base + 2], rmse: values[base + 3],
                sqrtSSE: values[base + 4], parameters: Array(values[weights..<(weights + trace.parameterNames.count)]),
                extras: Array(values[(weights + trace.parameterNames.count)...]))
        }
    }

    public let parameterNames: [String]
    /// Columns after the weights: `lr`, `lr_<p>`, `feedback` (see `TrainingSetup.epochExtraColumns`).
    public let extraColumns: [String]
    /// `epoch,sse,mse,rmse,sqrt_sse,<p>...[,extra...]` row after row.
    public private(set) var values: [Double] = []

    public init(parameterNames: [String], extraColumns: [String] = []) {
        self.parameterNames = parameterNames
        self.extraColumns = extraColumns
    }

    /// `epoch,sse,mse,rmse,sqrt_sse,<p>...[,lr][,lr_<p>...][,feedback]`
    public var columns: [String] {
        TraceColumns.names(TraceColumns.epochsFixed + TraceColumn.ParameterGroup.weight.columns(parameterNames)) + extraColumns
    }
    public var width: Int { Self.parameterOffset + parameterNames.count + extraColumns.count }
    /// The index of the first weight column: the weights follow `epoch,sse,mse,rmse,sqrt_sse`.
    public static var parameterOffset: Int { TraceColumns.epochsFixed.count }
    public var count: Int { values.count / width }
    public var rows: Rows { Rows(trace: self) }

    mutating func append(_ row: Row) {
        values.append(Double(row.epoch))
        values.append(row.sse)
        values.append(row.mse)
        values.append(row.rmse)
        values.append(row.sqrtSSE)
        values.append(contentsOf: row.parameters)
        values.append(contentsOf: row.extras)
    }

    /// All values of the column `name`, or nil when the trace has no such column.
    public func column(_ name: String) -> [Double]? {
        guard let index = columns.firstIndex(of: name) else { return nil }
        return stride(from: index, to: values.count, by: width).map { values[$0] }
    }

    /// The numbers of row `index`, in column order.
    public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * width)..<((index + 1) * width)]
    }
}
