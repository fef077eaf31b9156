import SGDEngine
import SGDStudy

extension RunSheet {
    /// Why a run with weight decay, a schedule or a learning-rate finder holds values: its rate
    /// changes batch by batch (the `lr` column shows it) or its update has a term the row
    /// formulas do not write. Nil for a run with none of them.
    var stepRulesReason: String? {
        if let finder = run.lrFind {
            return "the learning rate grows before each batch from \(NumberText.compact(finder.startLr)) towards \(NumberText.compact(finder.endLr)) (lrFind, fastai's learning-rate finder), as its lr and smooth_loss columns show; the row formulas take one rate for the whole run"
        }
        if let schedule = run.schedule {
            let what = schedule.schedulesMomentum ? "learning rate and momentum follow" : "learning rate follows"
            return "the \(what) the \(schedule.typeName) schedule batch by batch (the lr\(schedule.schedulesMomentum ? " and mom columns" : " column")); the row formulas take one rate for the whole run"
        }
        if let decay = run.weightDecay {
            let how = decay.decoupled ? "each weight is multiplied by 1 − lr·wd before the step (decoupled)" : "wd·p is added to each derivative before the step (L2)"
            return "weight decay (wd \(NumberText.compact(decay.wd))): \(how), which these row formulas do not yet follow"
        }
        return nil
    }
}
