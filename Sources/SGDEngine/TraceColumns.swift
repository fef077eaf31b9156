/// One column of a run's traces (SPEC §2): the one place a column is named.
///
/// `<run>.steps.csv` has `step,epoch,row,x,y,prediction,loss,<p>...,grad_<p>...[,est_<p>...][,avg_<p>...][,sqr_<p>...][,lr[,mom]|,lr,smooth_loss]`,
/// `<run>.epochs.csv` has `epoch,sse,mse,rmse,sqrt_sse,<p>...[,lr][,lr_<p>...][,feedback]`, and a chart of a
/// linear chain may also plot `slope` and `intercept`, which are computed from the weights and never written.
/// A new column is a new case here; `name` and `init?(_:)` are its spelling both ways.
package enum TraceColumn: Hashable, Sendable {
    // Steps: the update's counters, its row and its error.
    case step, epoch, row, x, y, prediction
    /// (prediction − y)² of the row, or the mean over a mini-batch.
    case loss
    /// A column per parameter `<p>`: its weight, derivative, moments or rate.
    case perParameter(ParameterGroup, String)
    // Epochs: the error over the epoch.
    case sse, mse, rmse
    /// √SSE: what the fast.ai spreadsheets label "rmse".
    case sqrtSSE
    /// `lr`: the epoch's learning rate when the rate is annealed (epochs), the step's when it is
    /// scheduled or a finder's (steps).
    case learningRate
    /// `mom`: the step's scheduled momentum (momentum's `beta`, Adam's `beta1`; steps only).
    case momentum
    /// `smooth_loss`: a learning-rate finder's smoothed loss (steps only).
    case smoothLoss
    /// `feedback`: Eve's d (epochs only).
    case feedback
    /// The line a linear chain draws (charts only; see `TraceColumns.collapsedLine`).
    case slope, intercept

    /// The per-parameter column groups, by the prefix of their names.
    package enum ParameterGroup: String, CaseIterable, Hashable, Sendable {
        /// `<p>`: the weight.
        case weight = ""
        /// `grad_<p>`: ∂E/∂p.
        case gradient = "grad_"
        /// `est_<p>`: ∂E/∂p by finite differences (`derivatives.check`).
        case estimate = "est_"
        /// `avg_<p>`: the moving average of ∂E/∂p (momentum, Adam).
        case average = "avg_"
        /// `sqr_<p>`: the moving average of (∂E/∂p)² (RMSProp, Adam).
        case squareAverage = "sqr_"
        /// `lr_<p>`: the parameter's own rate for the epoch (the spreadsheet Adagrad; epochs only).
        case learningRate = "lr_"

        /// The prefix the group's column names start with ("" for the weights).
        package var prefix: String { rawValue }

        /// The group's column for each of `parameterNames`, in their order.
        package func columns(_ parameterNames: [String]) -> [TraceColumn] {
            parameterNames.map { .perParameter(self, $0) }
        }

        /// The group's column names for each of `parameterNames`, in their order.
        package func names(_ parameterNames: [String]) -> [String] {
            parameterNames.map { prefix + $0 }
        }
    }

    /// The column's name in the CSV header, in `study.json` and in a study file's charts.
    package var name: String {
        switch self {
        case .step: return "step"
        case .epoch: return "epoch"
        case .row: return "row"
        case .x: return "x"
        case .y: return "y"
        case .prediction: return "prediction"
        case .loss: return "loss"
        case .perParameter(let group, let parameter): return group.prefix + parameter
        case .sse: return "sse"
        case .mse: return "mse"
        case .rmse: return "rmse"
        case .sqrtSSE: return "sqrt_sse"
        case .learningRate: return "lr"
        case .momentum: return "mom"
        case .smoothLoss: return "smooth_loss"
        case .feedback: return "feedback"
        case .slope: return "slope"
        case .intercept: return "intercept"
        }
    }

    /// Every column that is not per parameter, by name.
    static let named: [String: TraceColumn] = Dictionary(
        uniqueKeysWithValues: ([.step, .epoch, .row, .x, .y, .prediction, .loss, .sse, .mse, .rmse, .sqrtSSE,
                                .learningRate, .momentum, .smoothLoss, .feedback, .slope, .intercept] as [TraceColumn]).map { ($0.name, $0) })

    /// Reads a column's name. A fixed name or a group's prefix decides; the rest is a weight's
    /// name (whether the run has that weight is for the caller to check). Nil for an empty name.
    package init?(_ name: String) {
        if let column = Self.named[name] {
            self = column
            return
        }
        guard !name.isEmpty else { return nil }
        for group in ParameterGroup.allCases where !group.prefix.isEmpty && name.hasPrefix(group.prefix) && name.count > group.prefix.count {
            self = .perParameter(group, String(name.dropFirst(group.prefix.count)))
            return
        }
        self = .perParameter(.weight, name)
    }

    /// The group of a per-parameter column, nil for the others.
    package var parameterGroup: ParameterGroup? {
        if case .perParameter(let group, _) = self { return group }
        return nil
    }
}

/// The column lists of the traces, built from `TraceColumn`.
package enum TraceColumns {
    /// `step,epoch,row,x,y,prediction,loss`: what every steps trace starts with.
    package static let stepsFixed: [TraceColumn] = [.step, .epoch, .row, .x, .y, .prediction, .loss]
    /// The columns of a step that belong to one row: empty for a mini-batch step.
    package static let perRow: [TraceColumn] = [.row, .x, .y, .prediction]
    /// The counters of a step, which a signal cannot average.
    package static let stepCounters: [TraceColumn] = [.step, .epoch, .row]
    /// `epoch,sse,mse,rmse,sqrt_sse`: what every epochs trace starts with, before the weights.
    package static let epochsFixed: [TraceColumn] = [.epoch, .sse, .mse, .rmse, .sqrtSSE]
    /// The error over an epoch: columns only the epochs trace has.
    package static let epochError: [TraceColumn] = [.sse, .mse, .rmse, .sqrtSSE]
    /// `slope,intercept`: a linear chain's line, which charts may plot beside a trace's columns.
    package static let collapsedLine: [TraceColumn] = [.slope, .intercept]

    /// The columns of a steps trace: `step,epoch,row,x,y,prediction,loss,<p>...,grad_<p>...[,est_<p>...][,avg_<p>...][,sqr_<p>...]`
    /// then `extras` (`stepExtras`).
    package static func steps(
        parameterNames: [String], hasEstimates: Bool, hasAverage: Bool, hasSquareAverage: Bool,
        extras: [TraceColumn] = []
    ) -> [TraceColumn] {
        var columns = stepsFixed
        columns += TraceColumn.ParameterGroup.weight.columns(parameterNames)
        columns += TraceColumn.ParameterGroup.gradient.columns(parameterNames)
        if hasEstimates { columns += TraceColumn.ParameterGroup.estimate.columns(parameterNames) }
        if hasAverage { columns += TraceColumn.ParameterGroup.average.columns(parameterNames) }
        if hasSquareAverage { columns += TraceColumn.ParameterGroup.squareAverage.columns(parameterNames) }
        return columns + extras
    }

    /// The columns a steps trace ends with: `lr` (and `mom` when momentum is scheduled) for a
    /// scheduled run, `lr,smooth_loss` for a learning-rate finder (SPEC §4.3).
    package static func stepExtras(scheduled: Bool, scheduledMomentum: Bool, finder: Bool) -> [TraceColumn] {
        if finder { return [.learningRate, .smoothLoss] }
        guard scheduled else { return [] }
        return scheduledMomentum ? [.learningRate, .momentum] : [.learningRate]
    }

    /// The columns an epochs trace has after the weights: `lr` when the rate is annealed,
    /// `lr_<p>` (lr/σ_p, each parameter's rate) for the spreadsheet Adagrad, `feedback` (d) for Eve.
    package static func epochExtras(
        parameterNames: [String], annealed: Bool, perParameterRates: Bool, feedback: Bool
    ) -> [TraceColumn] {
        var columns: [TraceColumn] = []
        if annealed { columns.append(.learningRate) }
        if perParameterRates { columns += TraceColumn.ParameterGroup.learningRate.columns(parameterNames) }
        if feedback { columns.append(.feedback) }
        return columns
    }

    /// The columns of an epochs trace: `epoch,sse,mse,rmse,sqrt_sse,<p>...[,extra...]`.
    package static func epochs(parameterNames: [String], extras: [TraceColumn] = []) -> [TraceColumn] {
        epochsFixed + TraceColumn.ParameterGroup.weight.columns(parameterNames) + extras
    }

    /// The names of `columns`, in order.
    package static func names(_ columns: [TraceColumn]) -> [String] { columns.map(\.name) }

    /// Each name's index in `names` (the first, should a name repeat), built in one pass.
    package static func indices(_ names: [String]) -> [String: Int] {
        var indices: [String: Int] = [:]
        indices.reserveCapacity(names.count)
        for (index, name) in names.enumerated() where indices[name] == nil { indices[name] = index }
        return indices
    }
}
