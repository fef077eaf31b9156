import SGDEngine
import SGDStudy

/// A run's settings in words, one function per column of the runs table. Inputs are shown
/// exactly as written (`NumberText.compact`), never rounded.
enum RunSettings {
    /// One setting the page can show: its label, a short explanation, its text for a run, and
    /// whether every run that leaves it at the default can go unmentioned.
    struct Kind: Sendable {
        var label: String
        var help: String
        /// Always a column of the runs table (the settings a learner compares first).
        var isCore: Bool
        var text: @Sendable (Run) -> String
        /// The text of the default setting; nil when there is no default worth hiding.
        var defaultText: String?
        /// A formula, which reads badly when wrapped.
        var isFormula = false
    }

    static let kinds: [Kind] = [
        Kind(label: "Model", help: "The network, as a formula of its parameters", isCore: true, text: { model($0) }, isFormula: true),
        Kind(label: "Optimizer", help: "How each step turns derivatives into an update", isCore: true, text: { optimizer($0.optimizer) }),
        Kind(label: "Learning rate", help: "lr: the size of each step", isCore: true, text: { learningRate($0) }),
        Kind(label: "Derivatives", help: "How the derivatives are computed", isCore: true, text: { derivatives($0.derivatives) }),
        Kind(label: "Epochs", help: "Passes over the data", isCore: true, text: { epochs($0) }),
        Kind(label: "Batch", help: "Rows per update", isCore: false, text: { batch($0.batch) }, defaultText: batch(.online)),
        Kind(label: "Shuffle", help: "Whether the rows are shuffled each epoch", isCore: false, text: { shuffle($0.shuffleSeed) }, defaultText: shuffle(nil)),
        Kind(label: "Warm-up", help: "Passes run before recording, each from the initial weights (the spreadsheets' “reset”)", isCore: false, text: { warmup($0.warmupEpochs) }, defaultText: warmup(0)),
        Kind(label: "Epoch restart", help: "Where each new epoch starts", isCore: false, text: { restart($0.epochRestart) }, defaultText: restart(.continue)),
        Kind(label: "Rate annealing", help: "lrAnneal: the learning rate divided between epochs when the gradients grow", isCore: false, text: { anneal($0.lrAnneal) }, defaultText: anneal(nil)),
        Kind(label: "Weight decay", help: "wd: each step first shrinks the weights (decoupled, fastai's default; AdamW with adam) or adds wd·p to the derivatives (L2)", isCore: false, text: { weightDecay($0.weightDecay) }, defaultText: weightDecay(nil)),
        Kind(label: "Schedule", help: "schedule: the learning rate (and momentum) set before each batch, fastai's way", isCore: false, text: { schedule($0.schedule) }, defaultText: schedule(nil)),
        Kind(label: "LR finder", help: "lrFind: fastai's learning-rate finder, the rate growing exponentially batch by batch", isCore: false, text: { finder($0.lrFind) }, defaultText: finder(nil)),
        Kind(label: "Recorded", help: "Which steps the steps CSV and which epochs the epochs CSV keep", isCore: false, text: { recording($0.recordEvery, epochs: $0.recordEpochs) }, defaultText: recording(1)),
        Kind(label: "Starting moments", help: "The optimizer's moments before the first step", isCore: false, text: { moments($0) }, defaultText: moments(nil)),
        Kind(label: "Initial weights", help: "The weights before the first step", isCore: false, text: { initialization($0) }),
        Kind(label: "Data", help: "The rows the run trains on", isCore: false, text: { data($0.data) + normalization($0.normalization) }),
    ]

    static func optimizer(_ optimizer: Optimizer) -> String {
        switch optimizer {
        case .sgd:
            return "SGD"
        case .momentum(_, let beta, let dampening):
            return "momentum β=\(NumberText.compact(beta)), \(dampening ? "dampened" : "undampened")"
        case .rmsprop(_, let beta, let eps, let variant):
            switch variant {
            case .fastai: return "RMSProp β=\(NumberText.compact(beta)), ε=\(NumberText.compact(eps))"
            case .spreadsheet: return "RMSProp β=\(NumberText.compact(beta)), spreadsheet variant"
            }
        case .adam(_, let beta1, let beta2, let eps, let debias):
            return "Adam β₁=\(NumberText.compact(beta1)), β₂=\(NumberText.compact(beta2)), ε=\(NumberText.compact(eps))"
                + (debias ? "" : ", not debiased")
        case .amsgrad(_, let beta1, let beta2, let eps, let debias):
            return "AMSGrad (Adam keeping the largest v) β₁=\(NumberText.compact(beta1)), β₂=\(NumberText.compact(beta2)), ε=\(NumberText.compact(eps))"
                + (debias ? "" : ", not debiased")
        case .eve(_, let beta1, let beta2, let beta3, let eps, let debias):
            return "Eve β₁=\(NumberText.compact(beta1)), β₂=\(NumberText.compact(beta2)), β₃=\(NumberText.compact(beta3)), ε=\(NumberText.compact(eps))"
                + (debias ? "" : ", not debiased") + ", feedback per epoch"
        case .adagrad(_, let eps, let variant):
            switch variant {
            case .pytorch: return "Adagrad ε=\(NumberText.compact(eps))"
            case .spreadsheet: return "Adagrad, spreadsheet variant (steps scaled by the last epoch's gradient size)"
            }
        }
    }

    static func anneal(_ anneal: LearningRateAnneal?) -> String {
        guard let anneal else { return "none" }
        let what = anneal.measure == .gradientSize ? "Σ√v" : "the step size"
        var text = "lr ÷ \(NumberText.compact(anneal.divisor)) when \(what) exceeds \(NumberText.compact(anneal.factor))× its reference"
        if let reference = anneal.reference { text += " (first \(NumberText.compact(reference)))" }
        return text
    }

    static func derivatives(_ derivatives: Derivatives) -> String {
        let epsilon = NumberText.compact(derivatives.epsilon)
        var text: String
        switch derivatives.method {
        case .analytic: text = "analytic"
        case .forward: text = "forward ε=\(epsilon)"
        case .central: text = "central ε=\(epsilon)"
        }
        if derivatives.check { text += ", checked by forward ε=\(epsilon)" }
        return text
    }

    static func batch(_ batch: TrainingSetup.Batch) -> String {
        switch batch {
        case .online: return "online (1 row)"
        case .full: return "full (every row)"
        case .size(let n): return n == 1 ? "1 row" : "\(n) rows"
        }
    }

    static func shuffle(_ seed: UInt64?) -> String {
        seed.map { "shuffled, seed \($0)" } ?? "data order"
    }

    static func warmup(_ epochs: Int) -> String {
        epochs == 0 ? "none" : epochs == 1 ? "1 pass" : "\(epochs) passes"
    }

    static func restart(_ restart: TrainingSetup.EpochRestart) -> String {
        switch restart {
        case .continue: return "continue"
        case .spreadsheet: return "spreadsheet (drop each epoch's last update)"
        }
    }

    static func recording(_ every: Int, epochs: Int = 1) -> String {
        let steps = every <= 1 ? "every step" : "every \(every) steps"
        return epochs <= 1 ? steps : steps + ", every \(epochs) epochs"
    }

    static func moments(_ run: Run?) -> String {
        guard let run, !(run.startingAverage.isEmpty && run.startingSquareAverage.isEmpty && run.startingFeedback == nil && run.startingLosses.isEmpty)
        else { return "zero" }
        var parts: [String] = []
        if !run.startingAverage.isEmpty { parts.append("avg " + namedValues(run.startingAverage, order: run.parameterNames)) }
        if !run.startingSquareAverage.isEmpty { parts.append("sqr " + namedValues(run.startingSquareAverage, order: run.parameterNames)) }
        if let feedback = run.startingFeedback { parts.append("d = " + NumberText.compact(feedback)) }
        if !run.startingLosses.isEmpty { parts.append("losses " + run.startingLosses.map { NumberText.compact($0) }.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    static func initialization(_ run: Run) -> String {
        let text = initialization(run.initialization, order: run.parameterNames)
        guard let stop = run.inheritedDivergence else { return text }
        return text + ", which " + diverged(stop)
    }

    /// `diverged at step 123 (epoch 5)`, `diverged in warm-up pass 2`.
    static func diverged(_ stop: Divergence) -> String {
        stop.duringWarmup ? "diverged in warm-up pass \(stop.epoch)" : "diverged at step \(stop.step) (epoch \(stop.epoch))"
    }

    static func initialization(_ initialization: InitSpec, order: [String]) -> String {
        switch initialization {
        case .constant(let value):
            return "all \(NumberText.compact(value).replacingMinus())"
        case .values(let values):
            return namedValues(values, order: order)
        case .random(let seed, let low, let high):
            return "random in [\(NumberText.compact(low).replacingMinus()), \(NumberText.compact(high).replacingMinus())), seed \(seed)"
        case .pytorch(let seed):
            return "PyTorch's nn.Linear default (uniform in ±1/√fan_in), seed \(seed)"
        case .kaimingNormal(let seed):
            return "Kaiming normal (std √2/√fan_in, biases 0), seed \(seed)"
        case .partial(let values, let rest):
            return namedValues(values, order: order) + "; the others " + self.initialization(rest, order: order)
        case .from(let run):
            return "the final weights of “\(run)”"
        }
    }

    /// The formula, with the leaky ReLUs' negative slopes: `y = c·leaky-relu(a·x + b) + d, slope 0.01`.
    static func model(_ run: Run) -> String {
        var slopes: [Double] = []
        for layer in run.model.layers where layer.activation == .leakyRelu && !slopes.contains(layer.negativeSlope) {
            slopes.append(layer.negativeSlope)
        }
        guard !slopes.isEmpty else { return run.network.formula }
        return run.network.formula + ", slope " + slopes.map { NumberText.compact($0) }.joined(separator: ", ")
    }

    /// How x was rescaled before training (SPEC §4.2); empty when it was not.
    static func normalization(_ normalization: Normalization) -> String {
        switch normalization {
        case .none: return ""
        case .standardize: return ", x standardized"
        case .minmax: return ", x min–max scaled"
        }
    }

    static func data(_ data: DataSpec) -> String {
        switch data {
        case .graddesc:
            return "the workbook's \(data.rowCount) rows, y = 2x + 30"
        case .explicit(let x, _):
            return x.count == 1 ? "1 given row" : "\(x.count) given rows"
        case .target(let x, let slope, let intercept):
            return "\(x.count) given x, \(line(slope: slope, intercept: intercept))"
        case .random(let count, let low, let high, let seed, let slope, let intercept):
            return "\(count) random x in \(low)…\(high) (seed \(seed)), \(line(slope: slope, intercept: intercept))"
        case .csv(let csv):
            let rows = csv.xs.count == 1 ? "1 row" : "\(NumberText.grouped(csv.xs.count)) rows"
            let target = csv.target.map { line(slope: $0.slope, intercept: $0.intercept) } ?? "y = \(csv.y!)"
            return "\(rows) of \(csv.file.written): x = \(csv.x), \(target)"
        }
    }

    /// "y = 2x + 30", "y = x − 1", "y = 0.5x".
    static func line(slope: Double, intercept: Double) -> String {
        let slopeText = slope == 1 ? "" : slope == -1 ? "−" : NumberText.compact(slope).replacingMinus()
        var text = "y = \(slopeText)x"
        if intercept != 0 {
            text += intercept < 0 ? " − \(NumberText.compact(-intercept))" : " + \(NumberText.compact(intercept))"
        }
        return text
    }

    /// "a = 1, b = 2" in model order, then any other names alphabetically.
    static func namedValues(_ values: [String: Double], order: [String]) -> String {
        let known = order.filter { values[$0] != nil }
        let others = values.keys.filter { !order.contains($0) }.sorted()
        return (known + others).map { "\($0) = \(NumberText.compact(values[$0]!).replacingMinus())" }.joined(separator: ", ")
    }
}

extension String {
    /// A leading "-" as a typographic minus sign.
    fileprivate func replacingMinus() -> String {
        hasPrefix("-") ? "−" + dropFirst() : self
    }
}
