import SGDKernels

/// Runs of one shape trained together (SGDKernels' `InterleavedPass`): a sweep's runs of the
/// same model on the same data, differing in their rate and starting weights. Each result is
/// the one `Trainer` gives the run alone, to the last bit; a run that diverges stops at its own step.
package enum InterleavedTraining {
    /// What runs must share to train together; nil for a run that cannot (it trains alone).
    package struct GroupKey: Hashable, Sendable {
        var model: ChainKernel
        var x: [Double]
        var y: [Double]
        var epochs: Int
        var recordEvery: Int
        var recordEpochs: Int
        var restart: TrainingSetup.EpochRestart
    }

    /// The key of a run that can train interleaved: a `ChainKernel` run (the allow-list) with
    /// plain SGD, in data order and without warm-up.
    package static func groupKey(_ setup: TrainingSetup) -> GroupKey? {
        guard let model = ChainKernel.eligible(for: setup), case .sgd = setup.optimizer,
              setup.shuffleSeed == nil, setup.warmupEpochs == 0
        else { return nil }
        return GroupKey(
            model: model, x: setup.data.x, y: setup.data.y, epochs: setup.epochs, recordEvery: setup.recordEvery,
            recordEpochs: setup.recordEpochs, restart: setup.epochRestart)
    }

    /// Trains `setups` (all with the same `groupKey`) together; `shouldContinue` gets the
    /// updates done so far, every few thousand rows.
    package static func run(_ setups: [TrainingSetup], shouldContinue: (Int) -> Bool) throws(TrainingInterrupted) -> [TrainingResult] {
        guard let first = setups.first, let key = groupKey(first) else { return [] }
        precondition(setups.allSatisfy { groupKey($0) == key }, "runs trained together share their shape")
        let observer = Collector(setups)
        let finished = InterleavedPass.runSGD(
            key.model == .linear ? .linear : .reluSandwich, xs: key.x, ys: key.y, epochs: first.epochs,
            every: first.recordEvery, recordEpochs: first.recordEpochs, restartFromUsed: first.epochRestart == .spreadsheet,
            lr: setups.map(\.optimizer.learningRate), initial: setups.flatMap(\.initialParameters),
            observer: observer, shouldContinue: shouldContinue)
        guard finished else { throw TrainingInterrupted() }
        return observer.results
    }

    /// Builds each lane's `TrainingResult` as `TrainingLoop` does. A class so that the kernel
    /// calls it through one reference, off its hot path.
    final class Collector: InterleavedPass.Observer {
        var results: [TrainingResult]
        let x: [Double], y: [Double]

        init(_ setups: [TrainingSetup]) {
            x = setups[0].data.x
            y = setups[0].data.y
            markedEpoch = Array(repeating: 0, count: setups.count)
            marks = Array(repeating: 0, count: setups.count)
            parameterCount = setups[0].network.parameterCount
            results = setups.map { setup in
                var epochs = EpochTrace(parameterNames: setup.network.parameterNames, extraColumns: setup.epochExtraColumns)
                epochs.reserveCapacity(rows: min(setup.counts.recordedEpochs, 1 << 16))
                var steps = StepTrace(layout: .init(parameterNames: setup.network.parameterNames))
                // Room for every row the run can record, as `Trainer` sizes its trace.
                steps.values.reserveCapacity(min(setup.recordedSteps, 1 << 20) * steps.width)
                return TrainingResult(steps: steps, epochs: epochs, divergence: nil, finalParameters: [], stepCount: 0)
            }
        }

        let parameterCount: Int

        func step(
            lane: Int, stepCount: Int, epoch: Int, row: Int, prediction: Double, loss: Double,
            used: UnsafePointer<Double>, gradient: UnsafePointer<Double>
        ) {
            if markedEpoch[lane] != epoch {
                markedEpoch[lane] = epoch
                marks[lane] = results[lane].steps.values.count
            }
            let n = parameterCount
            // step, epoch, row, x, y, prediction, loss: appended one by one (no array made).
            results[lane].steps.values.append(Double(stepCount))
            results[lane].steps.values.append(Double(epoch))
            results[lane].steps.values.append(Double(row + 1))
            results[lane].steps.values.append(x[row])
            results[lane].steps.values.append(y[row])
            results[lane].steps.values.append(prediction)
            results[lane].steps.values.append(loss)
            results[lane].steps.values.append(contentsOf: UnsafeBufferPointer(start: used, count: n))
            results[lane].steps.values.append(contentsOf: UnsafeBufferPointer(start: gradient, count: n))
        }

        func epoch(lane: Int, epoch: Int, sse: Double, rows: Int, weights: [Double]) {
            weights.withUnsafeBufferPointer {
                results[lane].epochs.append(epoch: epoch, sse: sse, rows: Double(rows), weights: $0.baseAddress!, count: $0.count, extras: [])
            }
        }

        func diverged(lane: Int, stepCount: Int, epoch: Int, cause: ChainPass.Cause) {
            results[lane].divergence = Divergence(step: stepCount, epoch: epoch, duringWarmup: false, cause: TrainingLoop.cause(cause))
        }

        /// For each lane, the epoch of its last recorded step and its step trace's length before
        /// that epoch's first recorded step.
        var markedEpoch: [Int]
        var marks: [Int]

        func rewind(lane: Int, epoch: Int) {
            guard markedEpoch[lane] == epoch else { return }
            results[lane].steps.values.removeSubrange(marks[lane]...)
        }

        func finished(lane: Int, weights: [Double], stepCount: Int) {
            results[lane].finalParameters = weights
            results[lane].stepCount = stepCount
        }
    }
}
