/// Thrown by `Trainer.run(shouldContinue:)` when its caller asks it to stop.
public struct TrainingInterrupted: Error, Sendable, Equatable {
    public init() {}
}

/// Trains one run the way the spreadsheets do.
///
/// Online training takes one row a step in data order; each row's prediction and derivatives
/// use the weights *before* that row's update, and all parameters update together. The first
/// step whose loss, derivatives or updated weights are not finite ends the run: the trace
/// keeps that step and the result says where it diverged.
public struct Trainer: Sendable {
    public let setup: TrainingSetup

    public init(_ setup: TrainingSetup) {
        self.setup = setup
    }

    /// Runs to the end.
    public func run() -> TrainingResult {
        // A closure that always continues cannot interrupt.
        (try? run(shouldContinue: { _ in true }))!
    }

    /// Runs, asking `shouldContinue` every few thousand steps (with the steps done so far) so
    /// that a long run can report progress or be interrupted.
    public func run(shouldContinue: (Int) -> Bool) throws(TrainingInterrupted) -> TrainingResult {
        let loop = TrainingLoop(setup)
        // The step trace is written in place into its final array, sized for every step the
        // run can record: no growing, no copying, one pass over the memory.
        var result: TrainingResult?
        var interrupted = false
        let values = [Double](unsafeUninitializedCapacity: loop.traceCapacity) { buffer, count in
            loop.trace = buffer.baseAddress
            do {
                result = try loop.run(shouldContinue: shouldContinue)
            } catch {
                interrupted = true
            }
            count = loop.traceCount
            loop.trace = nil
        }
        guard var result, !interrupted else { throw TrainingInterrupted() }
        result.steps.values = values
        return result
    }
}

/// The mutable state of one run, in raw memory so that a step costs a few nanoseconds.
/// A class only to own that memory, released in `deinit`. The epoch-level rules are in
/// TrainingLoop+EpochRules.swift.
final class TrainingLoop {
    let setup: TrainingSetup
    let network: CompiledNetwork
    /// The optimizer with the rate in force (annealing changes it between epochs).
    var optimizer: Optimizer
    /// Eve's d for the current pass, and the last two epochs' losses (√SSE), latest first.
    var feedback: Double
    var losses: [Double]
    let parameterCount: Int
    let rowsPerStep: Int
    let epsilon: Double
    let method: Derivatives.Method
    let check: Bool
    let keepsAverage: Bool
    let keepsSquareAverage: Bool
    let xs: UnsafeMutablePointer<Double>
    let ys: UnsafeMutablePointer<Double>
    let rowCount: Int

    let parameters: UnsafeMutablePointer<Double>
    let gradient: UnsafeMutablePointer<Double>
    let estimate: UnsafeMutablePointer<Double>
    /// The weights the current step uses (for the trace and the spreadsheet restart rule).
    let used: UnsafeMutablePointer<Double>
    /// The optimizer's first and second moments.
    let average: UnsafeMutablePointer<Double>
    let squareAverage: UnsafeMutablePointer<Double>
    var updates = 0
    /// Where the step trace is written, row after row, and how many numbers it holds.
    var trace: UnsafeMutablePointer<Double>?
    var traceCount = 0
    let traceCapacity: Int
    var order: [Int]
    var generator: SeededGenerator?

    var steps: StepTrace
    var epochs: EpochTrace
    var stepCount = 0

    init(_ setup: TrainingSetup) {
        self.setup = setup
        network = CompiledNetwork(setup.network)
        optimizer = setup.optimizer
        feedback = setup.initialState.feedback
        losses = setup.initialState.losses
        parameterCount = setup.network.parameterCount
        rowsPerStep = setup.rowsPerStep
        epsilon = setup.derivatives.epsilon
        method = setup.derivatives.method
        check = setup.derivatives.check
        keepsAverage = setup.optimizer.keepsAverage
        keepsSquareAverage = setup.optimizer.keepsSquareAverage
        rowCount = setup.data.count
        xs = .allocate(capacity: max(rowCount, 1))
        ys = .allocate(capacity: max(rowCount, 1))
        xs.initialize(from: setup.data.x, count: rowCount)
        ys.initialize(from: setup.data.y, count: rowCount)
        let count = max(parameterCount, 1)
        parameters = .allocate(capacity: count)
        gradient = .allocate(capacity: count)
        estimate = .allocate(capacity: count)
        used = .allocate(capacity: count)
        average = .allocate(capacity: count)
        squareAverage = .allocate(capacity: count)
        parameters.initialize(from: setup.initialParameters, count: parameterCount)
        gradient.initialize(repeating: 0, count: count)
        estimate.initialize(repeating: 0, count: count)
        used.initialize(repeating: 0, count: count)
        average.initialize(from: setup.initialState.average, count: parameterCount)
        squareAverage.initialize(from: setup.initialState.squareAverage, count: parameterCount)
        updates = setup.initialState.updates
        order = Array(0..<setup.data.count)
        generator = setup.shuffleSeed.map(SeededGenerator.init(seed:))
        steps = StepTrace(layout: .init(
            parameterNames: setup.network.parameterNames,
            hasEstimates: setup.derivatives.check,
            hasAverage: setup.optimizer.keepsAverage,
            hasSquareAverage: setup.optimizer.keepsSquareAverage,
            isBatched: rowsPerStep > 1))
        epochs = EpochTrace(parameterNames: setup.network.parameterNames, extraColumns: setup.epochExtraColumns)
        traceCapacity = setup.recordedSteps * steps.width
    }

    deinit {
        for buffer in [xs, ys, parameters, gradient, estimate, used, average, squareAverage] {
            buffer.deallocate()
        }
    }

    func run(shouldContinue: (Int) -> Bool) throws(TrainingInterrupted) -> TrainingResult {
        var divergence: Divergence?
        var done = 0
        for pass in 0..<setup.warmupEpochs where divergence == nil {
            parameters.update(from: setup.initialParameters, count: parameterCount)
            startPass()
            let outcome = try self.pass(epoch: pass + 1, recording: false, done: &done, shouldContinue)
            endPass(outcome)
            divergence = outcome.divergence
        }
        if divergence == nil {
            parameters.update(from: setup.initialParameters, count: parameterCount)
            var reference = setup.lrAnneal?.reference
            for epoch in 1...max(setup.epochs, 1) {
                startPass()
                if epoch > 1, let anneal = setup.lrAnneal, anneal.measure == .gradientSize {
                    var size = 0.0
                    for k in 0..<parameterCount { size = k == 0 ? squareAverage[k].squareRoot() : size + squareAverage[k].squareRoot() }
                    if anneal.exceeds(size, reference: reference) {
                        optimizer = optimizer.withLearningRate(optimizer.learningRate / anneal.divisor)
                    }
                    reference = anneal.nextReference(size, reference: reference)
                }
                var outcome: PassOutcome
                if epoch > 1, let anneal = setup.lrAnneal, anneal.measure == .stepSize {
                    let start = Snapshot(self)
                    var retries = 0
                    while true {
                        outcome = try self.pass(epoch: epoch, recording: true, done: &done, shouldContinue)
                        let size = stepSize(steps: stepsIn(outcome))
                        if outcome.divergence == nil && retries < LearningRateAnneal.maximumRetries
                            && anneal.exceeds(size, reference: reference)
                        {
                            optimizer = optimizer.withLearningRate(optimizer.learningRate / anneal.divisor)
                            start.restore(into: self)
                            retries += 1
                            continue
                        }
                        reference = anneal.nextReference(size, reference: reference)
                        break
                    }
                } else {
                    outcome = try self.pass(epoch: epoch, recording: true, done: &done, shouldContinue)
                }
                let extras = epochExtras()
                endPass(outcome)
                if outcome.divergence == nil && setup.epochRestart == .spreadsheet {
                    parameters.update(from: used, count: parameterCount)
                }
                let rows = Double(outcome.rows)
                let weights = outcome.divergence == nil ? parameters : used
                epochs.append(.init(
                    epoch: epoch, sse: outcome.sse, mse: outcome.sse / rows,
                    rmse: (outcome.sse / rows).squareRoot(), sqrtSSE: outcome.sse.squareRoot(),
                    parameters: Array(UnsafeBufferPointer(start: weights, count: parameterCount)),
                    extras: extras))
                if let stop = outcome.divergence {
                    divergence = stop
                    break
                }
            }
        }
        let final = divergence == nil ? parameters : used
        return TrainingResult(
            steps: steps, epochs: epochs, divergence: divergence,
            finalParameters: Array(UnsafeBufferPointer(start: final, count: parameterCount)),
            stepCount: stepCount)
    }

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
        // The spreadsheets' case — one row a step, analytic derivatives — gets a loop
        // specialised for its model, with the dispatch done once per pass instead of per step.
        if rowsPerStep == 1 && method == .analytic && !check {
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
            let loss: Double, sse: Double, prediction: Double
            if end - start == 1 {
                let i = shuffled ? order[start] : start
                (loss, prediction) = evaluateRow(i)
                sse = loss
            } else {
                (loss, sse) = evaluateBatch(start..<end)
                prediction = .nan
            }
            outcome.sse += sse
            outcome.rows += end - start

            let cause = update(loss: loss, optimizer: optimizer, feedback: feedback, updates: &updates)
            if recording { stepCount += 1 }
            if let cause {
                outcome.divergence = Divergence(
                    step: recording ? stepCount : 0, epoch: epoch, duringWarmup: !recording, cause: cause)
            }
            if recording {
                if recordEvery <= 1 || (stepCount - 1) % recordEvery == 0 || (end == count && isLastEpoch) || cause != nil {
                    record(epoch: epoch, rows: start..<end, prediction: prediction, loss: loss)
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

    /// One row: its loss and prediction; fills `gradient` (and `estimate` when checking).
    @inline(__always)
    func evaluateRow(_ i: Int) -> (loss: Double, prediction: Double) {
        let x = xs[i], y = ys[i]
        let prediction = network.predict(x, parameters)
        let error = prediction - y
        let loss = error * error
        switch method {
        case .analytic:
            network.backward(x, lossGradient: 2 * error, parameters, gradient, accumulate: false)
        case .forward:
            forwardDifferences(into: gradient, baseLoss: loss) { self.rowLoss(x, y) }
        case .central:
            centralDifferences { self.rowLoss(x, y) }
        }
        if check {
            forwardDifferences(into: estimate, baseLoss: loss) { self.rowLoss(x, y) }
        }
        return (loss, prediction)
    }

    /// A mini-batch: its mean loss and its rows' sum of squared errors; fills `gradient` with
    /// the mean of the rows' derivatives (and `estimate` when checking).
    func evaluateBatch(_ rows: Range<Int>) -> (loss: Double, sse: Double) {
        let n = Double(rows.count)
        var sse = 0.0
        if method == .analytic {
            for k in 0..<parameterCount { gradient[k] = 0 }
            for r in rows {
                let i = order[r]
                let x = xs[i], y = ys[i]
                let error = network.predict(x, parameters) - y
                sse += error * error
                network.backward(x, lossGradient: 2 * error, parameters, gradient, accumulate: true)
            }
            for k in 0..<parameterCount { gradient[k] = gradient[k] / n }
        } else {
            sse = batchSSE(rows)
        }
        let loss = sse / n
        switch method {
        case .analytic: break
        case .forward:
            forwardDifferences(into: gradient, baseLoss: loss) { self.batchSSE(rows) / n }
        case .central:
            centralDifferences { self.batchSSE(rows) / n }
        }
        if check {
            forwardDifferences(into: estimate, baseLoss: loss) { self.batchSSE(rows) / n }
        }
        return (loss, sse)
    }

    @inline(__always)
    func rowLoss(_ x: Double, _ y: Double) -> Double {
        let error = network.predict(x, parameters) - y
        return error * error
    }

    func batchSSE(_ rows: Range<Int>) -> Double {
        var sse = 0.0
        for r in rows {
            let i = order[r]
            sse += rowLoss(xs[i], ys[i])
        }
        return sse
    }

    /// (loss(p + ε) − loss(p)) / ε for each parameter in turn, as the spreadsheets estimate.
    @inline(__always)
    func forwardDifferences(into target: UnsafeMutablePointer<Double>, baseLoss: Double, _ loss: () -> Double) {
        for k in 0..<parameterCount {
            let kept = parameters[k]
            parameters[k] = kept + epsilon
            target[k] = (loss() - baseLoss) / epsilon
            parameters[k] = kept
        }
    }

    /// (loss(p + ε) − loss(p − ε)) / 2ε for each parameter in turn.
    func centralDifferences(_ loss: () -> Double) {
        for k in 0..<parameterCount {
            let kept = parameters[k]
            parameters[k] = kept + epsilon
            let above = loss()
            parameters[k] = kept - epsilon
            let below = loss()
            parameters[k] = kept
            gradient[k] = (above - below) / (2 * epsilon)
        }
    }

    /// Appends one trace row: the step's inputs and the weights it used, its derivatives, and the
    /// moments after its update.
    func record(epoch: Int, rows: Range<Int>, prediction: Double, loss: Double) {
        guard let trace, traceCount + steps.width <= traceCapacity else { return }
        let row = trace + traceCount
        var c = 0
        @inline(__always) func put(_ value: Double) {
            row[c] = value
            c += 1
        }
        put(Double(stepCount))
        put(Double(epoch))
        if rows.count == 1 {
            let i = order[rows.lowerBound]
            put(Double(i + 1))
            put(xs[i])
            put(ys[i])
            put(prediction)
        } else {
            for _ in 0..<4 { put(.nan) }
        }
        put(loss)
        for k in 0..<parameterCount { put(used[k]) }
        for k in 0..<parameterCount { put(gradient[k]) }
        if check { for k in 0..<parameterCount { put(estimate[k]) } }
        if keepsAverage { for k in 0..<parameterCount { put(average[k]) } }
        if keepsSquareAverage { for k in 0..<parameterCount { put(squareAverage[k]) } }
        traceCount += c
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
