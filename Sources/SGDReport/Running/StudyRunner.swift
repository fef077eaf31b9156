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
        var runs = study.runs
        // Runs that start from another run's final weights (`init.from`) train after it: wave by
        // wave, each wave in parallel, so the order of the results never depends on timing.
        for wave in Self.waves(runs) {
            for index in wave {
                guard let source = runs[index].startsFrom, let from = study.runs.firstIndex(where: { $0.name == source }),
                    let trained = slots.values[from]
                else { continue }
                runs[index].inheritedWeights = trained.training.finalParameters
                // A diverged run's last weights are what it had when training stopped, often
                // enormous or not finite: this run still trains from them (that is what `from`
                // asks for), and the page and the build's line say where its source diverged.
                runs[index].inheritedDivergence = trained.training.divergence
            }
            let waveRuns = runs
            // Runs of one shape in the wave are grouped to train interleaved; each work item is
            // the runs' indices in the study, longest first (StudyRunner+Schedule.swift).
            let work = Self.workItems(wave.map { waveRuns[$0] }, parallelism: parallelism).map { $0.map { wave[$0] } }
            // Each worker takes the next item in order, so the longest items start first.
            forEachInParallel(work.count, parallelism: parallelism) { item in
                guard !cancellation.isCancelled else { return }
                let indices = work[item]
                let setups = indices.map { waveRuns[$0].makeTrainingSetup() }
                var reported = 0
                let report = { (steps: Int) -> Bool in
                    let total = done.add(steps - reported, ordering: .relaxed).newValue
                    reported = steps
                    progress?(total)
                    return !cancellation.isCancelled
                }
                // Runs of one shape train interleaved (each result is the run's alone, to the bit).
                let results = indices.count > 1
                    ? try? InterleavedTraining.run(setups, shouldContinue: report)
                    : (try? Trainer(setups[0]).run(shouldContinue: report)).map { [$0] }
                if let results {
                    var steps = 0
                    for (index, (setup, result)) in zip(indices, zip(setups, results)) {
                        steps += result.stepCount + waveRuns[index].warmupEpochs * setup.stepsPerEpoch
                        slots.set(index, RunResult(run: waveRuns[index], training: result))
                    }
                    progress?(done.add(max(0, steps - reported), ordering: .relaxed).newValue)
                }
            }
            if cancellation.isCancelled { throw .interrupted }
        }
        let results = slots.values.map { $0! }
        let signals = study.signals.map { signal in SignalComputer.compute(signal, runs: results) }
        return StudyResults(study: study, runs: results, signals: signals)
    }
}

extension StudyRunner {
    /// The runs' indices in waves: first every run that starts from no other run, then those
    /// that start from a run of an earlier wave, and so on, each wave in study order. (The
    /// resolver refuses cycles and missing runs; a run caught in one anyway goes last.)
    static func waves(_ runs: [Run]) -> [[Int]] {
        var wave = Array(repeating: -1, count: runs.count)
        let index = Dictionary(runs.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        func depth(_ i: Int, _ visiting: Set<Int>) -> Int {
            if wave[i] >= 0 { return wave[i] }
            guard let source = runs[i].startsFrom, let j = index[source], !visiting.contains(j) else { return 0 }
            let d = depth(j, visiting.union([i])) + 1
            wave[i] = d
            return d
        }
        for i in runs.indices { wave[i] = depth(i, []) }
        let count = (wave.max() ?? -1) + 1
        return (0..<count).map { d in runs.indices.filter { wave[$0] == d } }
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
