import SGDEngine
import SGDStudy

/// A run and what training it produced.
public struct RunResult: Sendable {
    /// The run as the study resolved it.
    public var run: Run
    /// Its traces (one row per update and per epoch), final weights and where it diverged.
    public var training: TrainingResult

    /// The last epoch's row: the run's final error and weights.
    public var finalEpoch: EpochTrace.Row? { training.epochs.rows.last }
}

/// A signal's points: `t,x,value,ewma[,debiased]`.
public struct SignalSeries: Sendable, Equatable {
    /// The signal as the study resolved it.
    public var signal: Signal
    /// One x per point (`t` when the signal is given as values).
    public var x: [Double]
    /// The signal's value at each point; as many as `x`.
    public var values: [Double]
    /// Its exponentially weighted moving average, when the signal asks for one; as many as `x`.
    public var ewma: [Double]?
    /// The average divided by 1 − βᵗ (Adam's bias correction), when asked for; as many as `x`.
    public var debiased: [Double]?

    /// The CSV's columns, in order: `t`, `x`, `value`, then `ewma` and `debiased` when present.
    public var columns: [String] { signal.columns }

    /// 1, 2, …, n: a signal's `t`, and the x of a signal given as values.
    static func counting(_ n: Int) -> [Double] { (0..<n).map { Double($0 + 1) } }

    /// The column named `name` (`t`, `x`, `value`, `ewma`, `debiased`).
    public func column(_ name: String) -> [Double]? {
        switch name {
        case "t": return Self.counting(values.count)
        case "x": return x
        case "value": return values
        case "ewma": return ewma
        case "debiased": return debiased
        default: return nil
        }
    }
}

/// Everything a study's runs and signals produced, in the study's order.
public struct StudyResults: Sendable {
    /// The study that was run.
    public var study: Study
    /// One per run of the study, in its order.
    public var runs: [RunResult]
    /// One per signal of the study, in its order.
    public var signals: [SignalSeries]

    /// The result of the run named `name`, if there is one.
    public func run(named name: String) -> RunResult? { runs.first { $0.run.name == name } }
    /// The points of the signal named `name`, if there is one.
    public func signal(named name: String) -> SignalSeries? { signals.first { $0.signal.name == name } }
}
