/// What a step does besides the optimizer's update, in fastai's order: the schedule sets the
/// rate and momentum before the batch (`ParamScheduler.before_batch`), then weight decay runs
/// first among the optimizer's callbacks. Only runs with such rules come here; the others keep
/// the specialised online pass.
extension TrainingLoop {
    /// Sets the scheduled rate (and momentum) from the position, moves the position on by one
    /// batch, and decays the weights (or the derivatives, for L2) — unless the loss is not
    /// finite, when no update follows.
    func applyStepRules(loss: Double) {
        if let schedule = setup.schedule {
            let (lr, mom) = schedule.values(at: position.value)
            var scheduled = optimizer.withLearningRate(lr)
            if let mom { scheduled = scheduled.withMomentum(mom) }
            optimizer = scheduled
            stepRate = lr
            stepMomentum = mom ?? 0
            position.advance()
        }
        guard loss.isFinite, let decay = setup.weightDecay else { return }
        decayMask.withUnsafeBufferPointer { mask in
            decay.apply(parameters, gradient, decays: mask.baseAddress!, count: parameterCount, lr: optimizer.learningRate)
        }
    }
}
