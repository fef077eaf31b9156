/// The mutable state of one run, in raw memory so that a step costs a few nanoseconds.
/// A class only to own that memory, released in `deinit`. Its concerns have files of their own:
/// the passes over the data (TrainingLoop+Passes.swift), a step's loss and derivatives
/// (TrainingLoop+Derivatives.swift), the trace row (TrainingLoop+Recording.swift) and the
/// epoch-level rules (TrainingLoop+EpochRules.swift).
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
    /// The specialised pass this run takes, if any (nil: the general loops).
    let kernel: ChainKernel?

    /// Decay, a schedule or a finder: such runs take the general pass (TrainingLoop+StepRules.swift).
    let hasStepRules: Bool
    /// Which parameters decay (`WeightDecay.mask`); empty without decay.
    let decayMask: [Bool]
    /// fastai's training position for the schedule.
    var position: SchedulePosition
    /// The step's rate, momentum and smoothed loss, for the trace's last columns.
    var stepRate = 0.0
    var stepMomentum = 0.0
    var smoothLoss = 0.0
    let recordsRate: Bool
    let recordsMomentum: Bool
    let recordsSmoothLoss: Bool

    init(_ setup: TrainingSetup, usesKernels: Bool = true) {
        self.setup = setup
        kernel = usesKernels ? ChainKernel.eligible(for: setup) : nil
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
            isBatched: rowsPerStep > 1,
            extras: setup.stepExtraColumns))
        epochs = EpochTrace(parameterNames: setup.network.parameterNames, extraColumns: setup.epochExtraColumns)
        traceCapacity = setup.recordedSteps * steps.width
        hasStepRules = setup.hasStepRules
        decayMask = setup.weightDecay?.mask(for: setup.network) ?? []
        position = SchedulePosition(epochs: max(setup.epochs, 1), batchesPerEpoch: max(setup.stepsPerEpoch, 1))
        let extras = setup.stepExtraColumns
        recordsRate = extras.contains(.learningRate)
        recordsMomentum = extras.contains(.momentum)
        recordsSmoothLoss = extras.contains(.smoothLoss)
        epochs.reserveCapacity(rows: min(setup.counts.recordedEpochs, 1 << 22))
    }

    deinit {
        for buffer in [xs, ys, parameters, gradient, estimate, used, average, squareAverage] {
            buffer.deallocate()
        }
    }

    func run(shouldContinue: (Int) -> Bool) throws(TrainingInterrupted) -> TrainingResult {
        if let finder = setup.lrFind { return try findLearningRate(finder, shouldContinue: shouldContinue) }
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
                // A run a `ChainKernel` takes in data order runs all its epochs in one call.
                if epoch == 1, let stop = try kernelEpochs(done: &done, shouldContinue) {
                    divergence = stop
                    break
                }
                startPass()
                if hasStepRules { position.startEpoch(epoch) }
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
                let kept = outcome.divergence != nil
                    || TrainingSetup.Counts.isRecorded(epoch: epoch, every: setup.recordEpochs, of: setup.epochs)
                if kept {
                    epochs.append(epoch: epoch, sse: outcome.sse, rows: rows, weights: weights, count: parameterCount, extras: extras)
                }
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
}
