/// The training loop's epoch-level rules: Eve's feedback before a pass, the spreadsheet
/// Adagrad's new scales after it, `lrAnneal`'s step-size measure, the epoch trace's extra
/// columns, and the snapshot an epoch is recomputed from.
extension TrainingLoop {
    /// Before a pass: Eve's d from the last two epochs' losses.
    func startPass() {
        guard optimizer.usesLossFeedback else { return }
        feedback = optimizer.feedback(previous: feedback, losses: losses)
    }

    /// After a pass: the spreadsheet Adagrad's new scales; Eve's losses move along (f₂ ← f₁, f₁ ← √SSE).
    func endPass(_ outcome: PassOutcome) {
        optimizer.endEpoch(sums: average, scales: squareAverage, count: parameterCount, steps: stepsIn(outcome))
        if optimizer.usesLossFeedback {
            losses = [outcome.sse.squareRoot()] + losses.prefix(1)
        }
    }

    /// Updates a pass made.
    func stepsIn(_ outcome: PassOutcome) -> Int {
        (outcome.rows + rowsPerStep - 1) / rowsPerStep
    }

    /// `LearningRateAnneal.Measure.stepSize` of the pass just run: Σ_p (√(Σ g_p²)/n)·(lr/σ_p),
    /// as the workbook's `H33` computes it.
    func stepSize(steps: Int) -> Double {
        let lr = optimizer.learningRate
        var sum = 0.0
        for k in 0..<parameterCount {
            let term = (average[k].squareRoot() / Double(steps)) * (lr / squareAverage[k])
            sum = k == 0 ? term : sum + term
        }
        return sum
    }

    /// The values of the epoch trace's extra columns for the pass just run (before `endPass`).
    func epochExtras() -> [Double] {
        var extras: [Double] = []
        if setup.lrAnneal != nil { extras.append(optimizer.learningRate) }
        if optimizer.scalesPerEpoch {
            for k in 0..<parameterCount { extras.append(optimizer.learningRate / squareAverage[k]) }
        }
        if optimizer.usesLossFeedback { extras.append(feedback) }
        return extras
    }

    /// Where an epoch started, so that it can be run again at another rate: weights, moments,
    /// counters, the trace's length and the shuffling generator.
    struct Snapshot {
        var parameters: [Double]
        var average: [Double]
        var squareAverage: [Double]
        var updates: Int
        var stepCount: Int
        var traceCount: Int
        var generator: SeededGenerator?

        init(_ loop: TrainingLoop) {
            let n = loop.parameterCount
            parameters = Array(UnsafeBufferPointer(start: loop.parameters, count: n))
            average = Array(UnsafeBufferPointer(start: loop.average, count: n))
            squareAverage = Array(UnsafeBufferPointer(start: loop.squareAverage, count: n))
            updates = loop.updates
            stepCount = loop.stepCount
            traceCount = loop.traceCount
            generator = loop.generator
        }

        func restore(into loop: TrainingLoop) {
            let n = loop.parameterCount
            loop.parameters.update(from: parameters, count: n)
            loop.average.update(from: average, count: n)
            loop.squareAverage.update(from: squareAverage, count: n)
            loop.updates = updates
            loop.stepCount = stepCount
            loop.traceCount = traceCount
            loop.generator = generator
        }
    }
}
