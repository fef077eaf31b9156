import SGDEngine

// Weight decay, `schedule` and `lrFind` (SPEC §4.3): their defaults, which depend on the
// run's optimizer, and the settings they cannot be combined with.
extension StudyResolver {
    /// `wd` (default 0: no decay), `decoupleWd` (default true), `wdBias` (default false).
    func resolveWeightDecay(_ spec: RunSpec) -> WeightDecay? {
        let fields = spec.optimizer.fields
        guard let node = fields["wd"]?.value, case .number(let wd, _) = node.kind, wd > 0 else { return nil }
        func flag(_ key: String, _ fallback: Bool) -> Bool {
            guard let node = fields[key]?.value, case .bool(let v) = node.kind else { return fallback }
            return v
        }
        return WeightDecay(wd: wd, decoupled: flag("decoupleWd", true), decaysBiases: flag("wdBias", false))
    }

    /// The schedule with fastai's defaults: `lrMax` (one-cycle, sgdr) and `lr` (flat-cos) are the
    /// optimizer's `lr` when not given, as fastai's `lr_max=None` takes the learner's rate;
    /// one-cycle's `moms` default to [0.95, 0.85, 0.95] for an optimizer with momentum and are
    /// left out for one without (fastai sets its unused `mom`); written on one, they are an error.
    mutating func resolveSchedule(_ spec: RunSpec, optimizer: Optimizer) -> Schedule? {
        guard let field = spec.schedule else { return nil }
        let schedule = field.value
        let lr = optimizer.learningRate
        func number(_ key: String, _ fallback: Double) -> Double { schedule.numbers[key]?.value ?? fallback }
        func integer(_ key: String, _ fallback: Int) -> Int { schedule.integers[key]?.value ?? fallback }
        switch schedule.type {
        case "one-cycle":
            var moms: [Double]? = schedule.moms?.value ?? [0.95, 0.85, 0.95]
            if !optimizer.hasMomentum {
                if let written = schedule.moms {
                    reader.report(
                        "moms schedules momentum, but \(optimizer.typeName) has none", field: written,
                        hint: "remove \"moms\" to schedule the rate alone, or use momentum or adam, whose beta/beta1 it sets")
                    return nil
                }
                moms = nil
            }
            return .oneCycle(
                lrMax: number("lrMax", lr), pctStart: number("pctStart", 0.25), div: number("div", 25),
                divFinal: number("divFinal", 1e5), moms: moms)
        case "cos": return .cos(from: number("from", lr), to: number("to", 0))
        case "lin": return .lin(from: number("from", lr), to: number("to", 0))
        case "exp": return .exp(from: number("from", lr), to: number("to", lr))
        case "poly": return .poly(from: number("from", lr), to: number("to", 0), power: number("power", 1))
        case "flat-cos":
            return .flatCos(lr: number("lr", lr), pctStart: number("pctStart", 0.75), divFinal: number("divFinal", 1e5))
        case "sgdr":
            return .sgdr(lrMax: number("lrMax", lr), cycles: integer("cycles", 1), cycleLen: integer("cycleLen", 1), cycleMult: integer("cycleMult", 2))
        default:
            return nil
        }
    }

    /// The run's epochs. An `sgdr` schedule sets them (fastai's `fit_sgdr`); the run's own
    /// `epochs`, if written, must agree. An `lrFind` run starts at most numIt/batches + 1 passes
    /// (fastai's `lr_find`); `defaults`' epochs apply to neither.
    mutating func resolveEpochs(_ spec: RunSpec, schedule: Schedule?, rows: Int) -> Int {
        let own = spec.epochs.flatMap { $0.path.hasPrefix("defaults") ? nil : $0 }
        if let finder = spec.lrFind?.value {
            let counts = TrainingSetup.Counts(
                rows: rows, batch: spec.batch?.value ?? .online, epochs: 1, warmupEpochs: 0, recordEvery: 1)
            return finder.epochs(batchesPerEpoch: counts.stepsPerEpoch)
        }
        if let needed = schedule?.epochs {
            if let own, own.value != needed {
                reader.report(
                    "epochs is \(own.value), but this sgdr schedule trains \(needed) epochs (cycleLen·(cycleMult^cycles − 1)/(cycleMult − 1))",
                    field: own, hint: "write \"epochs\": \(needed), or remove it: sgdr sets the epochs, as fastai's fit_sgdr does")
            }
            return needed
        }
        return spec.epochs?.value ?? 1
    }

    /// `lrFind` sets the rate itself and runs its own number of batches; a schedule sets the rate
    /// before each batch: neither goes with a rule that changes the rate between epochs, nor with
    /// warm-up passes (which fastai does not have). One message per combination.
    mutating func checkStepRules(_ spec: RunSpec, optimizer: Optimizer) {
        if let finder = spec.lrFind {
            if spec.schedule != nil {
                reader.report(
                    "lrFind and schedule both set the learning rate of each batch", field: finder,
                    hint: "find the rate in one run with \"lrFind\", then train with a \"schedule\" in another")
            } else if let anneal = spec.lrAnneal {
                reader.report(
                    "lrFind sets the learning rate of each batch, so lrAnneal cannot change it between epochs", field: anneal,
                    hint: "remove \"lrAnneal\" from this run (or from \"defaults\")")
            }
            if let warmup = spec.warmupEpochs, warmup.value > 0 {
                reader.report(
                    "lrFind starts from the initial weights: warmupEpochs must be 0, got \(warmup.value)", field: warmup,
                    hint: "remove \"warmupEpochs\" from this run")
            }
            if let epochs = spec.epochs, !epochs.path.hasPrefix("defaults") {
                reader.report(
                    "lrFind runs numIt batches, going round the data as often as needed: epochs does not apply", field: epochs,
                    hint: "remove \"epochs\"; set \"lrFind\": { \"numIt\": … } for more or fewer batches")
            }
            if let every = spec.recordEvery, every.value > 1 {
                reader.report(
                    "lrFind keeps every batch for its suggestions: record.every must be 1, got \(every.value)", field: every,
                    hint: "remove \"record\" from this run")
            }
            if let restart = spec.epochRestart, restart.value == .spreadsheet {
                reader.report(
                    "lrFind trains straight on from batch to batch: epochRestart \"spreadsheet\" does not apply", field: restart,
                    hint: "remove \"epochRestart\" from this run")
            }
        } else if let schedule = spec.schedule {
            if let anneal = spec.lrAnneal {
                reader.report(
                    "schedule sets the learning rate of each batch, so lrAnneal cannot change it between epochs", field: anneal,
                    hint: "remove \"lrAnneal\", or the \"\(schedule.value.type)\" schedule")
            }
            if let warmup = spec.warmupEpochs, warmup.value > 0 {
                reader.report(
                    "a schedule runs over the recorded epochs: warmupEpochs must be 0, got \(warmup.value)", field: warmup,
                    hint: "remove \"warmupEpochs\"; a one-cycle schedule's first phase is fastai's warm-up")
            }
        }
    }
}
