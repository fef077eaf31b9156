import SGDKernels

/// The pass of a `ChainKernel` (see SGDKernels' `ChainPass`), and what it reports turned into
/// the general loop's `PassOutcome`.
extension TrainingLoop {
    /// The pass through `kernel` with the optimizer in force; nil when the optimizer is not one
    /// the kernels implement (then the caller takes the general loop).
    func kernelPass(
        _ kernel: ChainKernel, epoch: Int, recording: Bool, done: inout Int, _ shouldContinue: (Int) -> Bool
    ) throws(TrainingInterrupted) -> PassOutcome? {
        guard let rule = kernelRule else { return nil }
        let model: ChainPass.Model = kernel == .linear ? .linear : .reluSandwich
        var counters = ChainPass.Counters(updates: updates, stepCount: stepCount, steps: done)
        let end = withOrder { order in
            ChainPass.run(
                model, rule,
                memory: kernelMemory(order: order),
                recording: recording, every: setup.recordEvery, isLastEpoch: epoch == setup.epochs, counters: &counters,
                record: { start, prediction, loss, counters in
                    self.stepCount = counters.stepCount
                    self.record(epoch: epoch, rows: start..<(start + 1), prediction: prediction, loss: loss)
                },
                shouldContinue: shouldContinue)
        }
        updates = counters.updates
        stepCount = counters.stepCount
        done = counters.steps
        if end.interrupted { throw TrainingInterrupted() }
        return PassOutcome(
            sse: end.sse, rows: end.rows,
            divergence: end.cause.map(Self.cause).map { Divergence(step: recording ? stepCount : 0, epoch: epoch, duringWarmup: !recording, cause: $0) })
    }

    /// The recorded epochs, all of them in one call of the kernel when the run is in data order
    /// (a shuffled run takes `kernelPass` epoch by epoch); nil when no kernel applies. Appends
    /// the epoch rows `run` would and returns where the run diverged, if it did.
    func kernelEpochs(done: inout Int, _ shouldContinue: (Int) -> Bool) throws(TrainingInterrupted) -> Divergence?? {
        guard let kernel, generator == nil, let rule = kernelRule else { return nil }
        let model: ChainPass.Model = kernel == .linear ? .linear : .reluSandwich
        var counters = ChainPass.Counters(updates: updates, stepCount: stepCount, steps: done)
        let parameters = self.parameters, used = self.used, count = parameterCount
        let end = ChainPass.runEpochs(
            model, rule, memory: kernelMemory(order: nil), first: 1, last: max(setup.epochs, 1), epochs: setup.epochs,
            every: setup.recordEvery, recordEpochs: setup.recordEpochs, restartFromUsed: setup.epochRestart == .spreadsheet,
            counters: &counters,
            record: { epoch, start, prediction, loss, counters in
                self.stepCount = counters.stepCount
                self.record(epoch: epoch, rows: start..<(start + 1), prediction: prediction, loss: loss)
            },
            epochEnd: { epoch, end in
                self.epochs.append(
                    epoch: epoch, sse: end.sse, rows: Double(end.rows), weights: end.cause == nil ? parameters : used,
                    count: count, extras: [])
            },
            shouldContinue: shouldContinue)
        updates = counters.updates
        stepCount = counters.stepCount
        done = counters.steps
        if end.interrupted { throw TrainingInterrupted() }
        return .some(end.cause.map { Divergence(step: stepCount, epoch: self.epochs.rows.last?.epoch ?? 1, duringWarmup: false, cause: Self.cause($0)) })
    }

    /// The kernel's rule for the optimizer in force, or nil.
    var kernelRule: ChainPass.Rule? {
        switch optimizer {
        case .sgd(let lr): return .sgd(lr: lr)
        case .momentum(let lr, let beta, false): return .momentum(lr: lr, beta: beta)
        case .momentum(let lr, let beta, true): return .dampenedMomentum(lr: lr, beta: beta)
        default: return nil
        }
    }

    func kernelMemory(order: UnsafePointer<Int>?) -> ChainPass.Memory {
        .init(xs: xs, ys: ys, order: order, rowCount: rowCount, parameters: parameters, average: average, used: used, gradient: gradient)
    }

    static func cause(_ cause: ChainPass.Cause) -> Divergence.Cause {
        switch cause {
        case .loss: return .loss
        case .derivative: return .derivative
        case .weight: return .weight
        }
    }

    /// `body` with the shuffled order's memory, or nil for data order.
    private func withOrder<T>(_ body: (UnsafePointer<Int>?) -> T) -> T {
        guard generator != nil else { return body(nil) }
        return order.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
