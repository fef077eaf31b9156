/// The step trace's rows, written in place into the buffer `Trainer` sized for the run.
extension TrainingLoop {
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
        if recordsRate { put(stepRate) }
        if recordsMomentum { put(stepMomentum) }
        if recordsSmoothLoss { put(smoothLoss) }
        traceCount += c
    }
}
