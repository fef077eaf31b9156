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
        return try loop.run(shouldContinue: shouldContinue)
    }
}

/// The mutable state of one run. A class only to own its scratch buffers, released in `deinit`.
private final class TrainingLoop {
    let setup: TrainingSetup
    let network: Network
    let parameterCount: Int
    let rowsPerStep: Int
    let epsilon: Double

    let parameters: UnsafeMutableBufferPointer<Double>
    let gradient: UnsafeMutableBufferPointer<Double>
    let estimate: UnsafeMutableBufferPointer<Double>
    /// The weights the current step uses (for the trace and the spreadsheet restart rule).
    let used: UnsafeMutableBufferPointer<Double>
    var workspace: NetworkWorkspace
    var state: OptimizerState
    var order: [Int]
    var generator: SeededGenerator?

    var steps: StepTrace
    var epochs: EpochTrace
    var row: [Double] = []
    var stepCount = 0

    init(_ setup: TrainingSetup) {
        self.setup = setup
        network = setup.network
        parameterCount = network.parameterCount
        rowsPerStep = setup.rowsPerStep
        epsilon = setup.derivatives.epsilon
        parameters = .allocate(capacity: parameterCount)
        gradient = .allocate(capacity: parameterCount)
        estimate = .allocate(capacity: parameterCount)
        used = .allocate(capacity: parameterCount)
        _ = parameters.initialize(from: setup.initialParameters)
        gradient.initialize(repeating: 0)
        estimate.initialize(repeating: 0)
        used.initialize(repeating: 0)
        workspace = NetworkWorkspace(for: network)
        state = setup.initialState
        order = Array(0..<setup.data.count)
        generator = setup.shuffleSeed.map(SeededGenerator.init(seed:))
        steps = StepTrace(layout: .init(
            parameterNames: network.parameterNames,
            hasEstimates: setup.derivatives.check,
            hasAverage: setup.optimizer.keepsAverage,
            hasSquareAverage: setup.optimizer.keepsSquareAverage,
            isBatched: rowsPerStep > 1))
        epochs = EpochTrace(parameterNames: network.parameterNames)
        steps.reserve(rows: min(setup.recordedSteps, 1 << 20))
        row.reserveCapacity(steps.width)
    }

    deinit {
        parameters.deallocate()
        gradient.deallocate()
        estimate.deallocate()
        used.deallocate()
    }

    func run(shouldContinue: (Int) -> Bool) throws(TrainingInterrupted) -> TrainingResult {
        var divergence: Divergence?
        var done = 0
        for pass in 0..<setup.warmupEpochs where divergence == nil {
            _ = parameters.update(from: setup.initialParameters)
            let outcome = try self.pass(epoch: pass + 1, recording: false, done: &done, shouldContinue)
            divergence = outcome.divergence
        }
        if divergence == nil {
            _ = parameters.update(from: setup.initialParameters)
            for epoch in 1...max(setup.epochs, 1) {
                let outcome = try self.pass(epoch: epoch, recording: true, done: &done, shouldContinue)
                if outcome.divergence == nil && setup.epochRestart == .spreadsheet {
                    _ = parameters.update(from: used)
                }
                let rows = Double(outcome.rows)
                epochs.append(.init(
                    epoch: epoch, sse: outcome.sse, mse: outcome.sse / rows,
                    rmse: (outcome.sse / rows).squareRoot(), sqrtSSE: outcome.sse.squareRoot(),
                    parameters: Array(outcome.divergence == nil ? parameters : used)))
                if let stop = outcome.divergence {
                    divergence = stop
                    break
                }
            }
        }
        let final = divergence == nil ? Array(parameters) : Array(used)
        return TrainingResult(
            steps: steps, epochs: epochs, divergence: divergence, finalParameters: final,
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
        var outcome = PassOutcome()
        let count = order.count
        if var shuffler = generator {
            order = shuffler.permutation(of: count)
            generator = shuffler
        }
        var start = 0
        while start < count {
            let end = min(start + rowsPerStep, count)
            _ = used.update(fromContentsOf: parameters)
            let (loss, rowSSE, prediction) = evaluate(rows: start..<end)
            outcome.sse += rowSSE
            outcome.rows += end - start

            var cause: Divergence.Cause?
            if !loss.isFinite {
                cause = .loss
            } else if !gradient.allSatisfy(\.isFinite) {
                cause = .derivative
            }
            if recording { stepCount += 1 }
            if cause == nil {
                setup.optimizer.step(
                    parameters: parameters, gradient: UnsafeBufferPointer(gradient), state: &state)
                if !parameters.allSatisfy(\.isFinite) { cause = .weight }
            }
            if let cause {
                outcome.divergence = Divergence(
                    step: recording ? stepCount : 0, epoch: epoch, duringWarmup: !recording,
                    cause: cause)
            }
            if recording {
                let isLast = end == count && epoch == setup.epochs
                if setup.recordEvery <= 1 || (stepCount - 1) % setup.recordEvery == 0
                    || isLast || cause != nil
                {
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

    /// The loss of one step (mean over its rows), the sum of its rows' squared errors, and the
    /// prediction of a single-row step; fills `gradient` (and `estimate` when checking).
    func evaluate(rows: Range<Int>) -> (loss: Double, sse: Double, prediction: Double) {
        let data = setup.data
        let p = UnsafeBufferPointer(parameters)
        if rows.count == 1 {
            let i = order[rows.lowerBound]
            let x = data.x[i], y = data.y[i]
            let prediction = network.predict(x, parameters: p, workspace: &workspace)
            let error = prediction - y
            let loss = error * error
            switch setup.derivatives.method {
            case .analytic:
                network.backward(
                    x: x, lossGradient: 2 * error, parameters: p, workspace: &workspace,
                    gradient: gradient, accumulate: false)
            case .forward:
                forwardDifferences(into: gradient, baseLoss: loss) { self.rowLoss(x, y) }
            case .central:
                centralDifferences { self.rowLoss(x, y) }
            }
            if setup.derivatives.check {
                forwardDifferences(into: estimate, baseLoss: loss) { self.rowLoss(x, y) }
            }
            return (loss, loss, prediction)
        }

        let n = Double(rows.count)
        var sse = 0.0
        if setup.derivatives.method == .analytic {
            for k in 0..<parameterCount { gradient[k] = 0 }
            for r in rows {
                let i = order[r]
                let x = data.x[i], y = data.y[i]
                let prediction = network.predict(x, parameters: p, workspace: &workspace)
                let error = prediction - y
                sse += error * error
                network.backward(
                    x: x, lossGradient: 2 * error, parameters: p, workspace: &workspace,
                    gradient: gradient, accumulate: true)
            }
            for k in 0..<parameterCount { gradient[k] = gradient[k] / n }
        } else {
            sse = batchSSE(rows)
        }
        let loss = sse / n
        switch setup.derivatives.method {
        case .analytic: break
        case .forward:
            forwardDifferences(into: gradient, baseLoss: loss) { self.batchSSE(rows) / n }
        case .central:
            centralDifferences { self.batchSSE(rows) / n }
        }
        if setup.derivatives.check {
            forwardDifferences(into: estimate, baseLoss: loss) { self.batchSSE(rows) / n }
        }
        return (loss, sse, .nan)
    }

    func rowLoss(_ x: Double, _ y: Double) -> Double {
        let error = network.predict(x, parameters: UnsafeBufferPointer(parameters), workspace: &workspace) - y
        return error * error
    }

    func batchSSE(_ rows: Range<Int>) -> Double {
        var sse = 0.0
        for r in rows {
            let i = order[r]
            sse += rowLoss(setup.data.x[i], setup.data.y[i])
        }
        return sse
    }

    /// (loss(p + ε) − loss(p)) / ε for each parameter in turn, as the spreadsheets estimate.
    func forwardDifferences(
        into target: UnsafeMutableBufferPointer<Double>, baseLoss: Double, _ loss: () -> Double
    ) {
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

    func record(epoch: Int, rows: Range<Int>, prediction: Double, loss: Double) {
        row.removeAll(keepingCapacity: true)
        row.append(Double(stepCount))
        row.append(Double(epoch))
        if rows.count == 1 {
            let i = order[rows.lowerBound]
            row.append(Double(i + 1))
            row.append(setup.data.x[i])
            row.append(setup.data.y[i])
            row.append(prediction)
        } else {
            row.append(contentsOf: [Double.nan, .nan, .nan, .nan])
        }
        row.append(loss)
        row.append(contentsOf: used)
        row.append(contentsOf: gradient)
        if setup.derivatives.check { row.append(contentsOf: estimate) }
        if setup.optimizer.keepsAverage { row.append(contentsOf: state.average) }
        if setup.optimizer.keepsSquareAverage { row.append(contentsOf: state.squareAverage) }
        steps.values.append(contentsOf: row)
    }
}
