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
        public var columns: [String] {
            var columns = ["step", "epoch", "row", "x", "y", "prediction", "loss"]
            columns += parameterNames
            columns += parameterNames.map { "grad_" + $0 }
            if hasEstimates { columns += parameterNames.map { "est_" + $0 } }
            if hasAverage { columns += parameterNames.map { "avg_" + $0 } }
            if hasSquareAverage { columns += parameterNames.map { "sqr_" + $0 } }
            return columns
        }

        /// The columns that are left empty in every row (the per-row ones of a mini-batch).
        public var emptyColumns: Set<String> {
            isBatched ? ["row", "x", "y", "prediction"] : []
        }
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

    public mutating func reserve(rows: Int) {
        values.reserveCapacity(rows * width)
    }

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
    }

    public let parameterNames: [String]
    public private(set) var rows: [Row] = []

    public init(parameterNames: [String]) {
        self.parameterNames = parameterNames
    }

    /// `epoch,sse,mse,rmse,sqrt_sse,<p>...`
    public var columns: [String] { ["epoch", "sse", "mse", "rmse", "sqrt_sse"] + parameterNames }

    mutating func append(_ row: Row) { rows.append(row) }

    /// All values of the column `name`, or nil when the trace has no such column.
    public func column(_ name: String) -> [Double]? {
        switch name {
        case "epoch": return rows.map { Double($0.epoch) }
        case "sse": return rows.map(\.sse)
        case "mse": return rows.map(\.mse)
        case "rmse": return rows.map(\.rmse)
        case "sqrt_sse": return rows.map(\.sqrtSSE)
        default:
            guard let index = parameterNames.firstIndex(of: name) else { return nil }
            return rows.map { $0.parameters[index] }
        }
    }

    public func values(of row: Row) -> [Double] {
        [Double(row.epoch), row.sse, row.mse, row.rmse, row.sqrtSSE] + row.parameters
    }
}
