import SGDEngine

// What a study file says, decoded but not yet resolved: every field optional and located.
// `StudyResolver` fills defaults, expands sweeps and checks what spans fields, producing the
// plain `Study` the rest of sgdreport uses (Vega-Lite's "normalize" step).

/// The top level of a study file.
struct StudySpec: Sendable {
    var title: Field<String>?
    var description: Field<String>?
    var data: Field<DataSpec>?
    var defaults: RunSpec?
    var runs: [RunSpec] = []
    var signals: [SignalSpec] = []
    var charts: [ChartSpec] = []
    /// Where `runs` was written, for messages about the runs as a whole.
    var runsLocation: SourceLocation?
    /// Runs and signals whose entries had errors: what names them gets no second error.
    var invalid = InvalidNames()
    /// `"charts": []` asks for no charts; leaving `charts` out asks for the default set.
    var chartsWereGiven = false
}

/// Where a run's rows come from (SPEC §3 `data`).
public enum DataSpec: Sendable, Equatable {
    /// The 29 rows of the fast.ai gradient-descent workbook.
    case graddesc
    case explicit(x: [Double], y: [Double])
    /// y = slope·x + intercept on the given inputs.
    case target(x: [Double], slope: Double, intercept: Double)
    /// `count` integers from `min...max` (like RANDBETWEEN), then y = slope·x + intercept.
    case random(count: Int, min: Int, max: Int, seed: UInt64, slope: Double, intercept: Double)
    /// Two columns of a CSV file in the study's folder (SPEC §4.2).
    case csv(CSVData)

    /// The rows a run trains on: x and y, one pair per row (random data drawn from its seed).
    public var dataset: Dataset {
        switch self {
        case .graddesc: return .graddesc
        case .explicit(let x, let y): return Dataset(x: x, y: y)
        case .target(let x, let slope, let intercept): return Dataset(x: x, slope: slope, intercept: intercept)
        case .random(let count, let min, let max, let seed, let slope, let intercept):
            let x = Dataset.randomIntegers(count: count, min: min, max: max, seed: seed)
            return Dataset(x: x, slope: slope, intercept: intercept)
        case .csv(let data): return Dataset(x: data.xs, y: data.ys)
        }
    }

    /// How many rows `dataset` has, without making it.
    public var rowCount: Int {
        switch self {
        case .graddesc: return Dataset.graddescInputs.count
        case .explicit(let x, _), .target(let x, _, _): return x.count
        case .random(let count, _, _, _, _, _): return count
        case .csv(let data): return data.xs.count
        }
    }
}

/// A run's model: `"linear"` or a chain of layers.
public struct ModelSpec: Sendable, Equatable {
    /// In order from the input; the last has 1 unit, the prediction.
    public var layers: [Layer]
    /// Written as `"linear"`, which reads better in `study.json`.
    public var isLinearShorthand: Bool

    /// y = a·x + b: one unit, no activation.
    public static let linear = ModelSpec(layers: [Layer(units: 1)], isLinearShorthand: true)
}

/// Initial weights.
public enum InitSpec: Sendable, Equatable {
    case constant(Double)
    case values([String: Double])
    /// Uniform in [min, max) from a seeded generator.
    case random(seed: UInt64, min: Double, max: Double)
}

/// Optimizer fields as written; which apply depends on `type`.
struct OptimizerSpec: Sendable {
    var type: Field<String>?
    var fields: [String: Field<JSONNode>] = [:]
    var location: SourceLocation?
    var path: String = ""

    /// The fields each optimizer type accepts.
    static let fieldsByType: [String: [String]] = [
        "sgd": ["lr"],
        "momentum": ["lr", "beta", "dampening"],
        "rmsprop": ["lr", "beta", "eps", "variant"],
        "adam": ["lr", "beta1", "beta2", "eps", "debias", "amsgrad"],
        "adagrad": ["lr", "eps", "variant"],
        "eve": ["lr", "beta1", "beta2", "beta3", "eps", "debias"],
    ]
    static let types = ["sgd", "momentum", "rmsprop", "adam", "adagrad", "eve"]
    static let allFields = ["type", "lr", "beta", "dampening", "eps", "variant", "beta1", "beta2", "debias", "amsgrad", "beta3"]
    /// The variants each type with a `variant` accepts.
    static let variantsByType: [String: [String]] = [
        "rmsprop": Optimizer.RMSPropVariant.allCases.map(\.rawValue),
        "adagrad": Optimizer.AdagradVariant.allCases.map(\.rawValue),
    ]
}

/// Derivative settings as written.
struct DerivativesSpec: Sendable {
    var method: Field<Derivatives.Method>?
    var epsilon: Field<Double>?
    var check: Field<Bool>?
}

/// Starting optimizer moments, by parameter name.
struct StateSpec: Sendable {
    var average: Field<[String: Field<Double>]>?
    var squareAverage: Field<[String: Field<Double>]>?
    /// Eve's starting d and epoch losses (latest first).
    var feedback: Field<Double>?
    var losses: Field<[Double]>?
}

/// One setting a sweep varies, and its values.
public enum SweepKey: String, Sendable, CaseIterable, Equatable {
    case lr, beta, epochs, units, seed
}

struct SweepAxis: Sendable {
    var key: Field<SweepKey>
    var values: [Field<Double>]
}

/// A run, or `defaults`, as written.
struct RunSpec: Sendable {
    var path: String
    var location: SourceLocation?
    var name: Field<String>?
    var data: Field<DataSpec>?
    var model: Field<ModelSpec>?
    var initialization: Field<InitSpec>?
    /// Where each name of an `init` object was written, for messages about unknown parameters.
    var initKeyLocations: [String: SourceLocation] = [:]
    var epochs: Field<Int>?
    var batch: Field<TrainingSetup.Batch>?
    var shuffle: Field<UInt64?>?
    var derivatives = DerivativesSpec()
    var optimizer = OptimizerSpec()
    var state = StateSpec()
    var warmupEpochs: Field<Int>?
    var epochRestart: Field<TrainingSetup.EpochRestart>?
    var recordEvery: Field<Int>?
    var recordEpochs: Field<Int>?
    var lrAnneal: Field<LearningRateAnneal>?
    var sweep: [SweepAxis]?
    /// `study.json`'s list of parameter names: checked against the model.
    var parameters: Field<[String]>?
    /// `study.json`'s record of the sweep a run came from.
    var sweptFrom: SweepOrigin?
}

/// A signal as written.
struct SignalSpec: Sendable {
    enum Source: Sendable {
        case function(from: Double, to: Double, step: Double, f: ElementaryFunction)
        case values([Double])
        case run(name: Field<String>, column: Field<String>)
    }

    var path: String
    var location: SourceLocation?
    var name: Field<String>
    var source: Source
    var ewma: ExponentialMovingAverage?
}

/// A chart as written.
struct ChartSpec: Sendable {
    var path: String
    var location: SourceLocation?
    var name: Field<String>?
    var title: Field<String>?
    var per: Field<ChartPer>?
    var x: Field<String>?
    var y: [Field<String>]?
    var runs: [Field<String>]?
    var signal: Field<String>?
    var xScale: Field<AxisScale>?
    var yScale: Field<AxisScale>?
    var smoothing: Field<Double>?
    var caption: Field<String>?
    var width: Field<Int>?
    var height: Field<Int>?
    /// `fit` and `landscape` (SPEC §4.6), each as written.
    var fit: FitChartSpec?
    var landscape: LandscapeChartSpec?
}

/// What one point of a chart stands for (SPEC §3 `per`).
public enum ChartPer: String, Sendable, CaseIterable, Equatable {
    case step, epoch, run
}

/// An axis scale. `auto` (the default) is linear unless the finite data spans more than three
/// decades, then log when it is all positive and symlog otherwise.
public enum AxisScale: String, Sendable, CaseIterable, Equatable {
    case auto, linear, log, symlog
}
