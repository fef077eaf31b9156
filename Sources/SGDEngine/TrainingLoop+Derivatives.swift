/// A step's loss and derivatives: analytic through the compiled network, or estimated by
/// finite differences (`derivatives.check`, `method: "forward"/"central"`).
extension TrainingLoop {
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

    /// A mini-batch: its mean loss; adds each row's squared error to `epochSSE` in turn (the
    /// epoch's sum runs row by row, as an online epoch's does: SPEC §2's sum over the epoch's
    /// rows, not a sum of batch sums); fills `gradient` with the mean of the rows' derivatives
    /// (and `estimate` when checking).
    func evaluateBatch(_ rows: Range<Int>, addingTo epochSSE: inout Double) -> Double {
        let n = Double(rows.count)
        var sse = 0.0
        if method == .analytic {
            for k in 0..<parameterCount { gradient[k] = 0 }
            for r in rows {
                let i = order[r]
                let x = xs[i], y = ys[i]
                let error = network.predict(x, parameters) - y
                let squared = error * error
                sse += squared
                epochSSE += squared
                network.backward(x, lossGradient: 2 * error, parameters, gradient, accumulate: true)
            }
            for k in 0..<parameterCount { gradient[k] = gradient[k] / n }
        } else {
            for r in rows {
                let i = order[r]
                let squared = rowLoss(xs[i], ys[i])
                sse += squared
                epochSSE += squared
            }
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
        return loss
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
}
