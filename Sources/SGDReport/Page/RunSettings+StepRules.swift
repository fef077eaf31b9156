import SGDEngine
import SGDStudy

// The runs table's words for weight decay, a schedule and a learning-rate finder.
extension RunSettings {
    /// The optimizer's rate; a finder's runs from startLr to endLr instead, a schedule's varies.
    static func learningRate(_ run: Run) -> String {
        if run.lrFind != nil { return "set by lrFind" }
        let lr = NumberText.compact(run.optimizer.learningRate)
        return run.schedule == nil ? lr : "\(lr), scheduled"
    }

    /// A finder starts at most numIt/batches + 1 passes and may stop sooner.
    static func epochs(_ run: Run) -> String {
        run.lrFind == nil ? String(run.epochs) : "up to \(run.epochs) (lrFind)"
    }

    static func weightDecay(_ decay: WeightDecay?) -> String {
        guard let decay else { return "none" }
        return "wd=\(NumberText.compact(decay.wd)), " + (decay.decoupled ? "decoupled" : "L2") + (decay.decaysBiases ? ", biases too" : ", biases exempt")
    }

    static func schedule(_ schedule: Schedule?) -> String {
        guard let schedule else { return "none" }
        let c = NumberText.compact
        switch schedule {
        case .oneCycle(let lrMax, let pctStart, let div, let divFinal, let moms):
            var text = "one-cycle lrMax=\(c(lrMax)), pctStart=\(c(pctStart)), div=\(c(div)), divFinal=\(c(divFinal))"
            if let moms { text += ", moms=" + moms.map(c).joined(separator: "/") }
            return text
        case .cos(let from, let to): return "cos \(c(from)) → \(c(to))"
        case .lin(let from, let to): return "lin \(c(from)) → \(c(to))"
        case .exp(let from, let to): return "exp \(c(from)) → \(c(to))"
        case .poly(let from, let to, let power): return "poly \(c(from)) → \(c(to)), power \(c(power))"
        case .flatCos(let lr, let pctStart, let divFinal): return "flat-cos lr=\(c(lr)), pctStart=\(c(pctStart)), divFinal=\(c(divFinal))"
        case .sgdr(let lrMax, let cycles, let cycleLen, let cycleMult):
            return "sgdr lrMax=\(c(lrMax)), \(cycles) cycles from \(cycleLen) epoch\(cycleLen == 1 ? "" : "s"), ×\(cycleMult)"
        }
    }

    static func finder(_ finder: LRFinder?) -> String {
        guard let finder else { return "none" }
        let c = NumberText.compact
        return "\(c(finder.startLr)) → \(c(finder.endLr)) over \(finder.numIt) batches" + (finder.stopDiv ? ", stops on divergence" : "")
    }
}
