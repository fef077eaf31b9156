/// The learning-rate finder's run (`LRFinder`): `numIt` batches at exponentially growing
/// rates, going round the data as fastai's `lr_find` does (its `n_epoch` passes at most), each
/// pass recorded as an epoch (the last one usually partial).
extension TrainingLoop {
    func findLearningRate(_ finder: LRFinder, shouldContinue: (Int) -> Bool) throws(TrainingInterrupted) -> TrainingResult {
        parameters.update(from: setup.initialParameters, count: parameterCount)
        var smoother = SmoothedLoss()
        var best = Double.infinity
        var batch = 0
        var divergence: Divergence?
        var rates: [Double] = [], smoothed: [Double] = []
        var finished = false
        let passes = finder.epochs(batchesPerEpoch: setup.stepsPerEpoch)
        for epoch in 1...passes where !finished {
            startPass()
            if var shuffler = generator {
                order = shuffler.permutation(of: rowCount)
                generator = shuffler
            }
            var outcome = PassOutcome()
            var start = 0
            while start < rowCount && !finished {
                let end = min(start + rowsPerStep, rowCount)
                used.update(from: parameters, count: parameterCount)
                let loss: Double, prediction: Double
                if end - start == 1 {
                    (loss, prediction) = evaluateRow(order[start])
                    outcome.sse += loss
                } else {
                    loss = evaluateBatch(start..<end, addingTo: &outcome.sse)
                    prediction = .nan
                }
                outcome.rows += end - start
                // fastai's before_batch: the rate of batch i at i/numIt.
                stepRate = finder.rate(batch: batch)
                optimizer = optimizer.withLearningRate(stepRate)
                applyStepRules(loss: loss)
                let cause = update(loss: loss, optimizer: optimizer, feedback: feedback, updates: &updates)
                stepCount += 1
                batch += 1
                // fastai's Recorder: the smoothed loss after this batch; then LRFinder.after_batch.
                smoothLoss = smoother.add(loss)
                rates.append(stepRate)
                smoothed.append(smoothLoss)
                if record(epoch: epoch, rows: start..<end, prediction: prediction, loss: loss) { recordStepRuleColumns() }
                if let cause {
                    divergence = Divergence(step: stepCount, epoch: epoch, duringWarmup: false, cause: cause)
                    outcome.divergence = divergence
                    finished = true
                }
                if smoothLoss < best { best = smoothLoss }
                if finder.stopDiv && smoothLoss > 4 * best { finished = true }
                if batch >= finder.numIt { finished = true }
                start = end
                if batch & 0xFFF == 0 && !shouldContinue(batch) { throw TrainingInterrupted() }
            }
            let extras = epochExtras()
            endPass(outcome)
            let rows = Double(outcome.rows)
            let weights = outcome.divergence == nil ? parameters : used
            epochs.append(epoch: epoch, sse: outcome.sse, rows: rows, weights: weights, count: parameterCount, extras: extras)
        }
        let final = divergence == nil ? parameters : used
        var result = TrainingResult(
            steps: steps, epochs: epochs, divergence: divergence,
            finalParameters: Array(UnsafeBufferPointer(start: final, count: parameterCount)),
            stepCount: stepCount)
        result.lrFind = finder.suggestions(lrs: rates, losses: smoothed)
        return result
    }
}
