import SGDEngine

/// A study after resolution: defaults filled in, sweeps expanded, every reference checked.
/// This one plain value is what the rest of sgdreport uses, and what `study.json` records.
public struct Study: Sendable, Equatable {
    /// The file name without `.json`; the output folder's name.
    public var slug: String
    /// The study file as the user named it.
    public var sourceFile: String
    /// Plain text; when the study gives none, the slug (or the file's name as written, when the
    /// slug is a fallback: `动量`).
    public var title: String
    /// Markdown.
    public var description: String
    /// In file order, each sweep expanded in place; names and slugs distinct.
    public var runs: [Run]
    /// In file order; names and slugs distinct.
    public var signals: [Signal]
    /// In file order, or the default charts when the study lists none.
    public var charts: [ChartDefinition]
    /// The images that the description and captions show, each once, in order.
    public var images: [StudyImage] = []

    /// The run with this exact name, or nil.
    public func run(named name: String) -> Run? { runs.first { $0.name == name } }
    /// The signal with this exact name, or nil.
    public func signal(named name: String) -> Signal? { signals.first { $0.name == name } }

    /// Updates every run makes, warm-up included: the study's cost.
    public var totalSteps: Int {
        runs.reduce(0) { total, run in
            let steps = run.counts.totalSteps
            return total.addingReportingOverflow(steps).overflow ? Int.max : total + steps
        }
    }

    /// Whether the study may make fewer updates than `totalSteps`, by design: a learning-rate
    /// finder with `stopDiv` stops when its smoothed loss diverges, so `totalSteps` is at most
    /// what it makes. (Any run also stops where it stops being finite, which no count foresees.)
    public var mayStopEarly: Bool { runs.contains { $0.lrFind?.stopDiv == true } }

    /// Every seed that a random choice in this study used, for the page's "how to reproduce".
    public var seeds: [UInt64] {
        var seeds: [UInt64] = []
        for run in runs {
            if let seed = run.initialization.seed { seeds.append(seed) }
            if let seed = run.shuffleSeed { seeds.append(seed) }
            if case .random(_, _, _, let seed, _, _) = run.data { seeds.append(seed) }
        }
        return Array(Set(seeds)).sorted()
    }
}

/// One training run, fully specified.
public struct Run: Sendable, Equatable {
    /// As written (a swept run: the base name and its settings, `base lr=0.001`).
    public var name: String
    /// The run's file name (`data/<slug>.steps.csv`, `data/<slug>.epochs.csv`): its `file`, else
    /// made from `name` (`Slug.fileName(for:fallback:)`); a swept run's is its base's and its
    /// settings' (`relu-lr-0-001`). Never empty.
    public var slug: String
    /// The `file` the study chose: the run's own, or for a swept run the slug made from its base's
    /// `file` or fallback (which its name alone would not give again); `study.json` records it.
    /// Nil when the slug comes from the name.
    public var file: String? = nil
    /// The rows it trains on, before `normalization`.
    public var data: DataSpec
    /// How x is rescaled before training (SPEC §4.2); `.none` by default.
    public var normalization: Normalization = .none
    /// Its layers.
    public var model: ModelSpec
    /// The initial weights.
    public var initialization: InitSpec
    /// Passes over the data after warm-up, at least 1.
    public var epochs: Int
    /// Rows per update.
    public var batch: TrainingSetup.Batch
    /// Nil keeps data order.
    public var shuffleSeed: UInt64?
    /// Analytic, or finite differences with their ε.
    public var derivatives: Derivatives
    /// The update rule with its learning rate and coefficients.
    public var optimizer: Optimizer
    /// Starting moments by parameter name, as the study gave them (empty: zeros).
    public var startingAverage: [String: Double]
    /// Starting squared-gradient averages by parameter name, as given (empty: zeros).
    public var startingSquareAverage: [String: Double]
    /// Epochs before `epochs` (0: none).
    public var warmupEpochs: Int
    /// What each epoch starts from: the weights after the previous epoch's last update, or those its last row used.
    public var epochRestart: TrainingSetup.EpochRestart
    /// Keep every n-th step in the steps trace (and always the first, the last and a diverging one); 1 keeps all.
    public var recordEvery: Int
    /// Keep every n-th epoch in the epochs trace (and always the first, the last and a diverging one); 1 keeps all.
    public var recordEpochs: Int = 1
    /// Divide the rate between epochs when the gradients grow (nil: never).
    public var lrAnneal: LearningRateAnneal? = nil
    /// Weight decay before each update (nil: none; SPEC §4.3 `wd`, `decoupleWd`, `wdBias`).
    public var weightDecay: WeightDecay? = nil
    /// The rate (and momentum) before each batch, fastai's way (nil: the optimizer's own).
    public var schedule: Schedule? = nil
    /// A learning-rate finder run (nil: ordinary training); `epochs` is then fastai's
    /// numIt/batches + 1, the most passes it can start.
    public var lrFind: LRFinder? = nil
    /// Eve's starting d (nil: 1) and last epochs' losses, latest first.
    public var startingFeedback: Double? = nil
    /// Eve's last epochs' losses (√SSE), latest first; empty when not given.
    public var startingLosses: [Double] = []
    /// For a run expanded from a sweep: the run it came from and the settings it varied.
    public var sweep: SweepOrigin?

    /// The model as the engine's network.
    public var network: Network { Network(layers: model.layers) }
    /// `a`, `b` for a linear model; per layer otherwise; in model order.
    public var parameterNames: [String] { network.parameterNames }

    /// For `init.from`: the final weights of the run named, set when that run has trained
    /// (`StudyRunner` trains a run after the run it starts from). Nil otherwise.
    public var inheritedWeights: [Double]? = nil
    /// For `init.from` a run that diverged: where it did, set with `inheritedWeights`, so that
    /// the page and the build's line can say this run starts from a diverged run's weights.
    package var inheritedDivergence: Divergence? = nil

    /// The initial weights in model order. For `init.from`, the other run's final weights
    /// (`inheritedWeights`); ones until that run has trained, which only happens outside a build.
    public var initialParameters: [Double] {
        if let inheritedWeights { return inheritedWeights }
        return initialization.parameters(for: network) ?? Array(repeating: 1, count: parameterNames.count)
    }

    /// The run whose final weights this run starts from (`init.from`), nil when none.
    public var startsFrom: String? {
        if case .from(let name) = initialization { return name }
        return nil
    }

    /// The rows as trained: `data` with x normalized. (The resolver refuses a normalization of
    /// constant x, so this never falls back in a resolved study.)
    public var dataset: Dataset {
        let raw = data.dataset
        return normalization.apply(to: raw) ?? raw
    }

    /// The run's size from its data's row count alone (no data set is made).
    public var counts: TrainingSetup.Counts {
        TrainingSetup.Counts(rows: data.rowCount, batch: batch, epochs: epochs, warmupEpochs: warmupEpochs, recordEvery: recordEvery,
            recordEpochs: recordEpochs, lrFind: lrFind)
    }

    /// What the engine needs to train this run. Makes the data set (random data is drawn from
    /// its seed), so call it once per training.
    public func makeTrainingSetup() -> TrainingSetup {
        let names = parameterNames
        let state = OptimizerState(
            parameterCount: names.count,
            average: names.map { startingAverage[$0] ?? 0 },
            squareAverage: names.map { startingSquareAverage[$0] ?? 0 },
            feedback: startingFeedback ?? 1, losses: startingLosses)
        return TrainingSetup(
            network: network, data: dataset, initialParameters: initialParameters, epochs: epochs,
            batch: batch, shuffleSeed: shuffleSeed, derivatives: derivatives, optimizer: optimizer,
            initialState: state, warmupEpochs: warmupEpochs, epochRestart: epochRestart, recordEvery: recordEvery,
            recordEpochs: recordEpochs, lrAnneal: lrAnneal, weightDecay: weightDecay, schedule: schedule, lrFind: lrFind)
    }

    /// How many columns this run's `epochs.csv` has: `epoch,sse,mse,rmse,sqrt_sse`, the weights, the extras.
    public var epochColumnCount: Int {
        let names = parameterNames
        return EpochTrace.parameterOffset + names.count
            + TrainingSetup.epochExtraColumns(parameterNames: names, optimizer: optimizer, annealed: lrAnneal != nil).count
    }

    /// The columns of this run's `steps.csv`.
    public var stepColumns: [String] {
        StepTrace.Layout(
            parameterNames: parameterNames, hasEstimates: derivatives.check,
            hasAverage: optimizer.keepsAverage, hasSquareAverage: optimizer.keepsSquareAverage,
            isBatched: batch.rows(in: data.rowCount) > 1,
            extras: TraceColumns.stepExtras(
                scheduled: schedule != nil, scheduledMomentum: schedule?.schedulesMomentum ?? false, finder: lrFind != nil)
        ).columns
    }

    /// The columns of this run's `epochs.csv`.
    public var epochColumns: [String] {
        EpochTrace(
            parameterNames: parameterNames,
            extraColumns: TrainingSetup.epochExtraColumns(parameterNames: parameterNames, optimizer: optimizer, annealed: lrAnneal != nil)
        ).columns
    }

    /// A chain of single neurons without activations is one line in disguise:
    /// y = c·(a·x + b) + d = (a·c)·x + (c·b + d). Charts may plot that line's `slope` and
    /// `intercept` beside the trace's columns; they are computed from the weights, not written.
    public var collapsedLineColumns: [String] {
        let isLinearChain = model.layers.allSatisfy { $0.units == 1 && $0.activation == .none }
        return isLinearChain ? TraceColumns.names(TraceColumns.collapsedLine) : []
    }

    /// The slope and intercept of the line a linear chain computes with `parameters`
    /// (weight, bias, weight, bias, … from the input side).
    public static func collapsedLine(_ parameters: ArraySlice<Double>) -> (slope: Double, intercept: Double) {
        var slope = 1.0, intercept = 0.0
        var i = parameters.startIndex
        while i + 1 < parameters.endIndex {
            let w = parameters[i], b = parameters[i + 1]
            slope = w * slope
            intercept = w * intercept + b
            i += 2
        }
        return (slope, intercept)
    }

    /// `collapsedLine` in the data's original units: a run trained on normalized x learns a line in
    /// x′ = (x − shift)/scale, which is y = (slope′/scale)·x + (intercept′ − slope′·shift/scale).
    public func collapsedLineInOriginalUnits(_ parameters: ArraySlice<Double>) -> (slope: Double, intercept: Double) {
        let line = Self.collapsedLine(parameters)
        guard normalization != .none, let (shift, scale) = normalization.statistics(of: data.dataset.x) else { return line }
        return Normalization.originalUnits(slope: line.slope, intercept: line.intercept, shift: shift, scale: scale)
    }

    /// Columns a chart may plot per step: the trace's and the collapsed line's.
    public var chartStepColumns: [String] { stepColumns + collapsedLineColumns }

    /// Columns a chart may plot per epoch (or per run): the trace's and the collapsed line's.
    public var chartEpochColumns: [String] { epochColumns + collapsedLineColumns }

    /// The value of a numeric setting a sweep can vary (the x of a `per: "run"` chart): the swept
    /// value when a sweep set it, else the run's own; nil when the run has no such setting.
    public func setting(_ key: SweepKey) -> Double? {
        if let swept = sweep?.settings.first(where: { $0.key == key }) { return swept.number }
        switch key.target {
        case .optimizer("wd"): return weightDecay?.wd ?? 0
        case .optimizer(let field): return optimizer.setting(field)
        case .lrMax:
            switch schedule {
            case .oneCycle(let lrMax, _, _, _, _)?, .sgdr(let lrMax, _, _, _)?: return lrMax
            default: return nil
            }
        case .epochs: return Double(epochs)
        case .units: return model.layers.count > 1 ? Double(model.layers[0].units) : nil
        case .seed:
            if let seed = initialization.seed { return Double(seed) }
            return shuffleSeed.map(Double.init)
        case .batch:
            if case .size(let n) = batch { return Double(n) }
            return nil
        case .negativeSlope: return model.layers.first { $0.activation == .leakyRelu }?.negativeSlope
        case .activation: return nil
        }
    }
}

extension Optimizer {
    /// The optimizer's numeric field `name` as a study writes it (`lr`, `beta`, `beta1`, `beta2`,
    /// `eps`); `beta` is adam's and eve's `beta1`. Nil when this optimizer has no such field.
    public func setting(_ name: String) -> Double? {
        switch (self, name) {
        case (_, "lr"): return learningRate
        case (.momentum(_, let beta, _), "beta"), (.rmsprop(_, let beta, _, _), "beta"): return beta
        case (.adam(_, let b1, _, _, _), "beta"), (.adam(_, let b1, _, _, _), "beta1"),
            (.amsgrad(_, let b1, _, _, _), "beta"), (.amsgrad(_, let b1, _, _, _), "beta1"),
            (.eve(_, let b1, _, _, _, _), "beta"), (.eve(_, let b1, _, _, _, _), "beta1"):
            return b1
        case (.adam(_, _, let b2, _, _), "beta2"), (.amsgrad(_, _, let b2, _, _), "beta2"), (.eve(_, _, let b2, _, _, _), "beta2"):
            return b2
        case (.rmsprop(_, _, let eps, _), "eps"), (.adam(_, _, _, let eps, _), "eps"), (.amsgrad(_, _, _, let eps, _), "eps"),
            (.eve(_, _, _, _, let eps, _), "eps"), (.adagrad(_, let eps, _), "eps"):
            return eps
        default: return nil
        }
    }
}

/// Where a swept run came from.
public struct SweepOrigin: Sendable, Equatable {
    /// The name of the run as written, before expansion.
    public var baseName: String
    /// The settings this run took, in the sweep's order.
    public var settings: [Setting]

    /// One swept setting and the value it took.
    public struct Setting: Sendable, Equatable {
        /// The setting (`lr`, `beta2`, `activation`, …).
        public var key: SweepKey
        /// The value: a number (whole for epochs, units, seed and batch), or an activation's name.
        public var value: Value

        /// The value when it is a number.
        public var number: Double? {
            if case .number(let n) = value { return n }
            return nil
        }

        /// `lr=1e-4`, `activation=leaky-relu`: how a run name shows it.
        public var label: String { "\(key.rawValue)=\(value.text)" }
    }

    /// A swept value: a number, or a word (an activation).
    public enum Value: Sendable, Equatable {
        case number(Double)
        case word(String)

        /// As names and messages show it: `1e-4`, `0.99`, `leaky-relu`.
        public var text: String {
            switch self {
            case .number(let n): return NumberText.compact(n)
            case .word(let w): return w
            }
        }
    }
}

/// A series that is not a training run: a function of x, given values, or a run's column,
/// optionally with its exponentially weighted moving average.
public struct Signal: Sendable, Equatable {
    /// Where a signal's values come from.
    public enum Source: Sendable, Equatable {
        case function(from: Double, to: Double, step: Double, f: ElementaryFunction)
        case values([Double])
        /// A column of a run's steps trace.
        case run(name: String, column: String)
    }

    /// As written.
    public var name: String
    /// The signal's file name (`data/<slug>.csv`): its `file`, else made from `name`; never empty.
    public var slug: String
    /// The `file` the study chose; nil when the slug comes from the name.
    public var file: String? = nil
    /// Its values.
    public var source: Source
    /// The average added as the `ewma` column; nil for none.
    public var ewma: ExponentialMovingAverage?

    /// `t,x,value,ewma[,debiased]`
    public var columns: [String] {
        var columns = ["t", "x", "value"]
        if let ewma {
            columns.append("ewma")
            if ewma.debias { columns.append("debiased") }
        }
        return columns
    }

    /// The x values of a function signal: from + i·step, not accumulated, so no drift.
    /// from + i·step, each rounded to the decimals `from` and `step` are written with, so that
    /// x reads as typed: 0.3, not 0.30000000000000004 (issue 10).
    public static func grid(from: Double, to: Double, step: Double) -> [Double] {
        let decimals = max(decimalPlaces(from), decimalPlaces(step))
        // Beyond 15 decimals a double cannot hold the rounding exactly; such grids stay as computed.
        let scale = decimals <= 15 ? _pow10(decimals) : nil
        return (0..<Int(pointCount(from: from, to: to, step: step))).map { i in
            let x = from + Double(i) * step
            guard let scale else { return x }
            let rounded = (x * scale).rounded() / scale
            return rounded.isFinite ? rounded : x
        }
    }

    /// Digits after the decimal point in the shortest text that reads back as `value`
    /// (0.1 → 1, 1e-05 → 5, 2.5e-07 → 8, 20 → 0).
    static func decimalPlaces(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        let text = "\(value.magnitude)".lowercased()
        let parts = text.split(separator: "e")
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var fraction = mantissa.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first ?? ""
        while fraction.last == "0" { fraction.removeLast() }
        return max(0, fraction.count - exponent)
    }

    private static func _pow10(_ n: Int) -> Double {
        (0..<n).reduce(1.0) { value, _ in value * 10 }
    }

    /// How many points `grid` makes; a Double so that an absurd range can be refused before
    /// it is converted. The small tolerance keeps `to` itself when (to − from)/step rounds just below.
    public static func pointCount(from: Double, to: Double, step: Double) -> Double {
        ((to - from) / step + 1e-9).rounded(.down) + 1
    }
}

/// A chart the study asks for (or a default one), resolved against its runs and signals.
public struct ChartDefinition: Sendable, Equatable {
    /// What the chart draws.
    public enum Content: Sendable, Equatable {
        /// Columns of runs' traces: per step or per epoch, or one point per run.
        case runs(per: ChartPer, x: String, y: [String], runs: [String])
        /// Columns of a signal's CSV.
        case signal(name: String, x: String, y: [String])
        /// The data and the model's function at the end of each listed epoch of each run (SPEC §4.6).
        case fit(runs: [String], epochs: [Int])
        /// The SSE over a grid of parameters `x` and `y` and each run's path through it (SPEC §4.6).
        case landscape(x: String, y: String, runs: [String])
    }

    /// Its `name`, else its title.
    public var name: String
    /// `name` as a file name (`charts/<slug>.png`, `.svg`), by `Slug.fileName(for:fallback:)`; never empty.
    public var slug: String
    /// Shown above the chart.
    public var title: String
    /// What it draws.
    public var content: Content
    /// Linear, log or chosen from the data.
    public var xScale: AxisScale
    /// Linear, log or chosen from the data.
    public var yScale: AxisScale
    /// TensorBoard-style smoothing weight in [0, 1); nil draws the raw data only.
    public var smoothing: Double?
    /// Markdown shown under the chart.
    public var caption: String?
    /// CSS pixels (160…2000; the PNG has twice as many); nil for the default.
    public var width: Int?
    /// CSS pixels (120…2000; the PNG has twice as many); nil for the default.
    public var height: Int?
    /// Made by sgdreport because the study declared no charts.
    public var isDefault: Bool
    /// A per-run chart by run (`"per": "run", "x": "run"`): the run, one of `runs`, whose final
    /// value is drawn as a dashed line across every row; nil for none.
    public var reference: String? = nil

    /// The `x` of a per-run chart that has one row per run (a dot plot) rather than a setting.
    public static let byRun = "run"
}
