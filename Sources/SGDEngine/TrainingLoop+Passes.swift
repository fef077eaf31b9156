/// The passes over the data: the loop specialised for the spreadsheets' online case, the
/// general loop (mini-batches, estimated derivatives), and the update with its divergence check.
extension TrainingLoop {
    struct PassOutcome {
        var sse = 0.0
        var rows = 0
        var divergence: Divergence?
    }

    /// One pass over the data. Leaves in `used` the weights of the pass's last step.
    func pass(
        epoch: Int, recording: Bool, done: inout Int, _ shouldContinue: (Int) -> Bool
    ) throws(TrainingInterrupted) -> PassOutcome {
        if var shuffler = generator {
            order = shuffler.permutation(of: rowCount)
            generator = shuffler
        }
        // The two models and optimizers a `ChainKernel` implements take it (see `eligible(for:)`).
        if let kernel, let outcome = try kernelPass(kernel, epoch: epoch, recording: recording, done: &done, shouldContinue) {
            return outcome
        }
        // The spreadsheets' case — one row a step, analytic derivatives — gets a loop
        // specialised for its model, with the dispatch done once per pass instead of per step.
        // Decay, schedules and finders take the general loop, leaving the specialised one as it was.
        if rowsPerStep == 1 && method == .analytic && !check && !hasStepRules {
            if network.isChain && network.layerCount == 1 && network.activation(ofLayer: 0) == .none {
                return try onlinePass(LinearKernel(), epoch: epoch, recording: recording, done: &done, shouldContinue)
            }
            return try onlinePass(NetworkKernel(network: network), epoch: epoch, recording: recording, done: &done, shouldContinue)
        }
        return try generalPass(epoch: epoch, recording: recording, done: &done, shouldContinue)
    }

    /// Online, analytic: the loop of `generalPass` with the model's step inlined. The class's
    /// counters are copied into locals for the loop, since every access to a class's `var`
    /// costs a dynamic exclusivity check.
    @inline(__always)
    func onlinePass<Kernel: OnlineKernel>(
        _ kernel: Kernel, epoch: Int, recording: Bool, done: inout Int, _ shouldContinue: (Int) -> Bool
    ) throws(TrainingInterrupted) -> PassOutcome {
        var outcome = PassOutcome()
        let count = rowCount
        let isLastEpoch = epoch == setup.epochs
        let recordEvery = setup.recordEvery
        let order = generator != nil ? self.order : nil
        let parameterCount = self.parameterCount
        let parameters = self.parameters, used = self.used, gradient = self.gradient
        let xs = self.xs, ys = self.ys
        let optimizer = self.optimizer, feedback = self.feedback
        var updates = self.updates, stepCount = self.stepCount, steps = done
        defer {
            self.updates = updates
            self.stepCount = stepCount
            done = steps
        }
        var sse = 0.0
        for start in 0..<count {
            let i = order?[start] ?? start
            for k in 0..<parameterCount { used[k] = parameters[k] }
            let (loss, prediction) = kernel.step(x: xs[i], y: ys[i], parameters, gradient)
            sse += loss
            let cause = update(loss: loss, optimizer: optimizer, feedback: feedback, updates: &updates)
            if recording {
                stepCount += 1
                if recordEvery <= 1 || (stepCount - 1) % recordEvery == 0 || (start == count - 1 && isLastEpoch) || cause != nil {
                    self.stepCount = stepCount
                    record(epoch: epoch, rows: start..<(start + 1), prediction: prediction, loss: loss)
                }
            }
            if let cause {
                outcome.sse = sse
                outcome.rows = start + 1
                outcome.divergence = Divergence(
                    step: recording ? stepCount : 0, epoch: epoch, duringWarmup: !recording, cause: cause)
                return outcome
            }
            steps += 1
            if steps & 0xFFF == 0 && !shouldContinue(steps) { throw TrainingInterrupted() }
        }
        outcome.sse = sse
        outcome.rows = count
        return outcome
    }

    /// Any batch size and derivative method.
    func generalPass(
        epoch: Int, recording: Bool, done: inout Int, _ shouldContinue: (Int) -> Bool
    ) throws(TrainingInterrupted) -> PassOutcome {
        var outcome = PassOutcome()
        let count = rowCount
        let isLastEpoch = epoch == setup.epochs
        let recordEvery = setup.recordEvery
        let shuffled = generator != nil
        var start = 0
        while start < count {
            let end = min(start + rowsPerStep, count)
            used.update(from: parameters, count: parameterCount)
            let loss: Double, prediction: Double
            if end - start == 1 {
                let i = shuffled ? order[start] : start
                (loss, prediction) = evaluateRow(i)
                outcome.sse += loss
            } else {
                loss = evaluateBatch(start..<end, addingTo: &outcome.sse)
                prediction = .nan
            }
            outcome.rows += end - start

            if hasStepRules { applyStepRules(loss: loss) }
            let cause = update(loss: loss, optimizer: optimizer, feedback: feedback, updates: &updates)
            if recording { stepCount += 1 }
            if let cause {
                outcome.divergence = Divergence(
                    step: recording ? stepCount : 0, epoch: epoch, duringWarmup: !recording, cause: cause)
            }
            if recording {
                if recordEvery <= 1 || (stepCount - 1) % recordEvery == 0 || (end == count && isLastEpoch) || cause != nil {
                    if record(epoch: epoch, rows: start..<end, prediction: prediction, loss: loss) && hasStepRules {
                        recordStepRuleColumns()
                    }
                }
            }
            if cause != nil { return outcome }
            start = end
            done += 1
            if done & 0xFFF == 0 && !shouldContinue(done) { throw TrainingInterrupted() }
        }
        return outcome
    }

    /// Updates every parameter from the step's `loss` and gradient, unless the loss is already
    /// not finite; returns what stopped being finite, if anything did.
    @inline(__always)
    func update(loss: Double, optimizer: Optimizer, feedback: Double, updates: inout Int) -> Divergence.Cause? {
        guard loss.isFinite else { return .loss }
        updates += 1
        optimizer.step(parameters, gradient, average, squareAverage, count: parameterCount, update: updates, feedback: feedback)
        if allFinite(parameters) { return nil }
        return allFinite(gradient) ? .weight : .derivative
    }

    @inline(__always)
    func allFinite(_ values: UnsafeMutablePointer<Double>) -> Bool {
        // x − x is 0 for every finite x and NaN otherwise; the sum is 0 only if all are finite.
        var sum = 0.0
        for i in 0..<parameterCount { sum += values[i] - values[i] }
        return sum == 0
    }
}

/// One online step of a model with analytic derivatives: the loss and prediction of a row,
/// and dL/dp written into the gradient.
protocol OnlineKernel {
    func step(x: Double, y: Double, _ p: UnsafeMutablePointer<Double>, _ g: UnsafeMutablePointer<Double>) -> (loss: Double, prediction: Double)
}

/// y = a·x + b, written out: the spreadsheet's `a*x + b`, `2*(pred-y)`, `2*(pred-y)*x`.
private struct LinearKernel: OnlineKernel {
    @inline(__always)
    func step(x: Double, y: Double, _ p: UnsafeMutablePointer<Double>, _ g: UnsafeMutablePointer<Double>) -> (loss: Double, prediction: Double) {
        let prediction = p[0] * x + p[1]
        let error = prediction - y
        let db = 2 * error
        g[0] = db * x
        g[1] = db
        return (error * error, prediction)
    }
}

/// Any network, through its compiled forward and backward passes.
private struct NetworkKernel: OnlineKernel {
    let network: CompiledNetwork

    @inline(__always)
    func step(x: Double, y: Double, _ p: UnsafeMutablePointer<Double>, _ g: UnsafeMutablePointer<Double>) -> (loss: Double, prediction: Double) {
        let prediction = network.predict(x, p)
        let error = prediction - y
        network.backward(x, lossGradient: 2 * error, p, g, accumulate: false)
        return (error * error, prediction)
    }
}
