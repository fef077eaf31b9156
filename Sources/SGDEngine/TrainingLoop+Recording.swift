/// The step trace's rows, written in place into the buffer `Trainer` sized for the run.
extension TrainingLoop {
    /// Appends one trace row: the step's inputs and the weights it used, its derivatives, and the
    /// moments after its update (a run with step rules then adds `recordStepRuleColumns()`).
    /// Returns whether the row was written (the buffer holds every row the run can record).
    @discardableResult
    func record(epoch: Int, rows: Range<Int>, prediction: Double, loss: Double) -> Bool {
        guard let trace, traceCount + steps.width <= traceCapacity else { return false }
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
        return true
    }

    /// Appends the last columns of the row `record` just wrote: the step's `lr`, `mom` and
    /// `smooth_loss` (runs with step rules only, so that a plain run's row costs nothing more).
    func recordStepRuleColumns() {
        guard let trace else { return }
        let row = trace + traceCount
        var c = 0
        if recordsRate { row[c] = stepRate; c += 1 }
        if recordsMomentum { row[c] = stepMomentum; c += 1 }
        if recordsSmoothLoss { row[c] = smoothLoss; c += 1 }
        traceCount += c
    }
}
