import SGDEngine

// What a study file says, decoded but not yet resolved: every field optional and located.
// `StudyResolver` fills defaults, expands sweeps and checks what spans fields, producing the
// plain `Study` the rest of sgdreport uses (Vega-Lite's "normalize" step).

/// The top level of a study file.
struct StudySpec: Sendable {
    var title: Field<String>?
    var description: Field<String>?
    var data: Field<DataSpec>?
    /// `data.normalize`, as written beside the data.
    var dataNormalize: Field<Normalization>?
    var defaults: RunSpec?
    var runs: [RunSpec] = []
    var signals: [SignalSpec] = []
    var charts: [ChartSpec] = []
    /// Where `runs` was written, for messages about the runs as a whole.
    var runsLocation: SourceLocation?
    /// Runs and signals whose entries had errors: what names them gets no second error.
    var invalid = InvalidNames()
    /// The name of every signal, with errors or not, in order (a name with errors of its own
    /// left out): a name used twice is reported whatever else is wrong with either signal.
    var signalNames: [Field<String>] = []
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
public indirect enum InitSpec: Sendable, Equatable {
    case constant(Double)
    /// A value for every parameter.
    case values([String: Double])
    /// Uniform in [min, max) from a seeded generator.
    case random(seed: UInt64, min: Double, max: Double)
    /// PyTorch's `nn.Linear` default: weights and biases uniform in ±1/√fan_in (`WeightInit.pytorchLinear`).
    case pytorch(seed: UInt64)
    /// `kaiming_normal_` weights (std √2/√fan_in), zero biases (`WeightInit.kaimingNormal`).
    case kaimingNormal(seed: UInt64)
    /// Some parameters given; the others from `rest` (a constant or a random scheme).
    case partial([String: Double], rest: InitSpec)
    /// The final weights of the named run (SPEC §4.3 `"init": { "from": … }`).
    case from(run: String)

    /// Whether it gives weights by parameter name (which a change of width would invalidate).
    public var namesParameters: Bool {
        switch self {
        case .values, .partial: return true
        case .constant, .random, .pytorch, .kaimingNormal, .from: return false
        }
    }

    /// The seed of a random scheme (in `rest` too), nil when none is drawn.
    public var seed: UInt64? {
        switch self {
        case .random(let seed, _, _), .pytorch(let seed), .kaimingNormal(let seed): return seed
        case .partial(_, let rest): return rest.seed
        case .constant, .values, .from: return nil
        }
    }

    /// The same scheme drawn from `seed` (unchanged when it draws nothing).
    public func reseeded(_ seed: UInt64) -> InitSpec {
        switch self {
        case .random(_, let low, let high): return .random(seed: seed, min: low, max: high)
        case .pytorch: return .pytorch(seed: seed)
        case .kaimingNormal: return .kaimingNormal(seed: seed)
        case .partial(let values, let rest): return .partial(values, rest: rest.reseeded(seed))
        case .constant, .values, .from: return self
        }
    }

    /// The weights this scheme gives `network`, in model order; nil for `.from`, whose weights
    /// are another run's result.
    public func parameters(for network: Network) -> [Double]? {
        let names = network.parameterNames
        switch self {
        case .constant(let value): return Array(repeating: value, count: names.count)
        case .values(let values): return names.map { values[$0] ?? 1 }
        case .random(let seed, let low, let high):
            var generator = SeededGenerator(seed: seed)
            return names.map { _ in generator.nextDouble(from: low, to: high) }
        case .pytorch(let seed): return WeightInit.pytorchLinear(network, seed: seed)
        case .kaimingNormal(let seed): return WeightInit.kaimingNormal(network, seed: seed)
        case .partial(let values, let rest):
            guard let others = rest.parameters(for: network) else { return nil }
            return zip(names, others).map { values[$0] ?? $1 }
        case .from: return nil
        }
    }
}

/// Optimizer fields as written; which apply depends on `type`.
struct OptimizerSpec: Sendable {
    var type: Field<String>?
    var fields: [String: Field<JSONNode>] = [:]
    var location: SourceLocation?
    var path: String = ""

    /// The fields each optimizer type accepts.
    static let fieldsByType: [String: [String]] = [
        "sgd": ["lr", "wd", "decoupleWd", "wdBias"],
        "momentum": ["lr", "beta", "dampening", "wd", "decoupleWd", "wdBias"],
        "rmsprop": ["lr", "beta", "eps", "variant", "wd", "decoupleWd", "wdBias"],
        "adam": ["lr", "beta1", "beta2", "eps", "debias", "amsgrad", "wd", "decoupleWd", "wdBias"],
        "adagrad": ["lr", "eps", "variant", "wd", "decoupleWd", "wdBias"],
        "eve": ["lr", "beta1", "beta2", "beta3", "eps", "debias", "wd", "decoupleWd", "wdBias"],
    ]
    static let types = ["sgd", "momentum", "rmsprop", "adam", "adagrad", "eve"]
    static let allFields = ["type", "lr", "beta", "dampening", "eps", "variant", "beta1", "beta2", "debias", "amsgrad", "beta3", "wd", "decoupleWd", "wdBias"]
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

/// One setting a sweep varies (SPEC §3, §4.3). A new setting is a case here and one line in
/// `definition` (where its value goes in a run, how it is checked, its chart label): weight decay's
/// `wd` would be `case .wd: return Definition(.optimizer("wd"), .real(.nonNegative), "weight decay")`.
public enum SweepKey: String, Sendable, CaseIterable, Equatable {
    case lr, beta, beta1, beta2, eps, wd, lrMax, epochs, units, seed, batch, negativeSlope, activation

    /// Where a swept value is written into a run before it is resolved.
    enum Target: Equatable {
        /// An optimizer field of that name (`beta` falls back to `beta1` for adam and eve).
        case optimizer(String)
        case epochs, batch
        /// The `lrMax` of a one-cycle or sgdr `schedule`.
        case lrMax
        /// The first hidden layer's width.
        case units
        /// The seed of a random `init` and of `shuffle`.
        case seed
        /// Every leaky-ReLU layer's slope.
        case negativeSlope
        /// Every hidden layer's activation.
        case activation
    }

    /// How a value is checked: as the setting itself is.
    enum ValueBounds {
        case real(Bounds)
        case whole(Int, Int)
        case word
    }

    /// Everything a sweep needs to know about a setting.
    struct Definition {
        var target: Target
        var bounds: ValueBounds
        /// The axis or colour-bar label of charts against it.
        var label: String

        init(_ target: Target, _ bounds: ValueBounds, _ label: String) {
            self.target = target
            self.bounds = bounds
            self.label = label
        }
    }

    var definition: Definition {
        switch self {
        case .lr: return Definition(.optimizer("lr"), .real(.positive), "learning rate")
        case .beta: return Definition(.optimizer("beta"), .real(.decay), "β")
        case .beta1: return Definition(.optimizer("beta1"), .real(.decay), "β1")
        case .beta2: return Definition(.optimizer("beta2"), .real(.decay), "β2")
        case .eps: return Definition(.optimizer("eps"), .real(.nonNegative), "ε")
        case .wd: return Definition(.optimizer("wd"), .real(.nonNegative), "weight decay")
        case .lrMax: return Definition(.lrMax, .real(.positive), "maximum learning rate")
        case .epochs: return Definition(.epochs, .whole(1, StudyDecoder.maximumEpochs), "epochs")
        case .units: return Definition(.units, .whole(1, StudyDecoder.maximumUnits), "units in the hidden layer")
        case .seed: return Definition(.seed, .whole(0, Int(Int32.max)), "seed")
        case .batch: return Definition(.batch, .whole(1, StudyDecoder.maximumRows), "batch size")
        case .negativeSlope: return Definition(.negativeSlope, .real(.nonNegative), "negative slope")
        case .activation: return Definition(.activation, .word, "activation")
        }
    }

    var target: Target { definition.target }
    var bounds: ValueBounds { definition.bounds }

    /// How charts label an axis of this setting: "learning rate", "β2", "units in the hidden layer".
    public var label: String { definition.label }

    /// Its values are whole numbers.
    public var isWholeNumber: Bool {
        if case .whole = bounds { return true }
        return false
    }

    /// Its values are numbers (all but `activation`), which a per-run chart can put on x.
    public var isNumeric: Bool {
        if case .word = bounds { return false }
        return true
    }
}

struct SweepAxis: Sendable {
    var key: Field<SweepKey>
    var values: [Field<SweepOrigin.Value>]
}

/// A run, or `defaults`, as written.
struct RunSpec: Sendable {
    var path: String
    var location: SourceLocation?
    var name: Field<String>?
    /// The file name chosen with `"file"`, checked to be a slug.
    var file: Field<String>?
    var data: Field<DataSpec>?
    /// `data.normalize`, as written beside the run's data (it goes with `data` when merged).
    var dataNormalize: Field<Normalization>?
    var model: Field<ModelSpec>?
    var initialization: Field<InitSpec>?
    /// `defaults.init` when the run gives its own: what the parameters a partial `init` leaves out start from.
    var defaultInitialization: Field<InitSpec>?
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
    /// SPEC §4.3 `schedule` and `lrFind` (StudyDecoder+Schedules.swift).
    var schedule: Field<ScheduleSpec>?
    var lrFind: Field<LRFinder>?
    /// Where `lrFind` was written, even when its settings have errors: the settings it cannot
    /// go with are checked whatever its own values.
    var lrFindWritten: Field<Bool>?
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
    /// The file name chosen with `"file"`, checked to be a slug.
    var file: Field<String>?
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
    /// A per-run chart by run (`"x": "run"`): the run whose value is drawn as a dashed line.
    var reference: Field<String>?
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
