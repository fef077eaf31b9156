import SGDEngine
import SGDStudy

/// A run and what training it produced.
public struct RunResult: Sendable {
    public var run: Run
    public var training: TrainingResult

    /// The last epoch's row: the run's final error and weights.
    public var finalEpoch: EpochTrace.Row? { training.epochs.rows.last }
}

/// A signal's points: `t,x,value,ewma[,debiased]`.
public struct SignalSeries: Sendable, Equatable {
    public var signal: Signal
    public var x: [Double]
    public var values: [Double]
    public var ewma: [Double]?
    public var debiased: [Double]?

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
    public var study: Study
    public var runs: [RunResult]
    public var signals: [SignalSeries]

    public func run(named name: String) -> RunResult? { runs.first { $0.run.name == name } }
    public func signal(named name: String) -> SignalSeries? { signals.first { $0.signal.name == name } }
}
