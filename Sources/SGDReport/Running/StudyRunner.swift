import Dispatch
import Foundation
import SGDEngine
import SGDStudy
import Synchronization

/// Trains a study's runs — in parallel, one run per core, since runs are independent — and
/// computes its signals. Results keep the study's order whichever run finishes first, so the
/// output is the same byte for byte.
package struct StudyRunner: Sendable {
    /// How many runs train at once.
    package var parallelism: Int

    package init(parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.parallelism = max(1, parallelism)
    }

    /// Runs every run and signal of `study`. `progress` receives the updates done so far (of
    /// `study.totalSteps`); `cancellation` stops the work between a few thousand steps.
    /// - Throws: `BuildError.interrupted` when `cancellation` was set.
    package func run(
        _ study: Study, progress: (@Sendable (Int) -> Void)? = nil, cancellation: CancellationFlag = CancellationFlag()
    ) throws(BuildError) -> StudyResults {
        let slots = Slots<RunResult>(count: study.runs.count)
        let done = Atomic<Int>(0)
        let runs = study.runs
        // Each worker takes the next run in order, so long runs early in the list start first.
        forEachInParallel(runs.count, parallelism: parallelism) { index in
            guard !cancellation.isCancelled else { return }
            let setup = runs[index].makeTrainingSetup()
            var reported = 0
            let result = try? Trainer(setup).run { steps in
                let total = done.add(steps - reported, ordering: .relaxed).newValue
                reported = steps
                progress?(total)
                return !cancellation.isCancelled
            }
            if let result {
                let steps = result.stepCount + runs[index].warmupEpochs * setup.stepsPerEpoch
                progress?(done.add(max(0, steps - reported), ordering: .relaxed).newValue)
                slots.set(index, RunResult(run: runs[index], training: result))
            }
        }
        if cancellation.isCancelled { throw .interrupted }
        let results = slots.values.map { $0! }
        let signals = study.signals.map { signal in SignalComputer.compute(signal, runs: results) }
        return StudyResults(study: study, runs: results, signals: signals)
    }
}

/// A flag that a signal handler (or a test) raises to stop a build.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A flag not raised.
    public init() {}

    /// Whether `cancel()` was called (from any thread).
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Raises the flag: training stops within a few thousand steps, writing between files.
    public func cancel() { flag.store(true, ordering: .relaxed) }
}

/// Computes a signal's points and their moving average.
enum SignalComputer {
    static func compute(_ signal: Signal, runs: [RunResult]) -> SignalSeries {
        let x: [Double]
        let values: [Double]
        switch signal.source {
        case .function(let from, let to, let step, let f):
            x = Signal.grid(from: from, to: to, step: step)
            values = x.map { f($0) }
        case .values(let given):
            x = SignalSeries.counting(given.count)
            values = given
        case .run(let name, let column):
            let trace = runs.first { $0.run.name == name }?.training.steps
            x = trace?.column(TraceColumn.step.name) ?? []
            values = trace?.column(column) ?? []
        }
        let average = signal.ewma.map { $0.apply(to: values) }
        return SignalSeries(signal: signal, x: x, values: values, ewma: average?.average, debiased: average?.debiased)
    }
}
