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
                    let origin = DefaultsOrigin(run: spec)
                    reader.report(
                        origin.isDefault(written)
                            ? "moms (from \"defaults\") schedules momentum, but the optimizer of \(origin.run), \(optimizer.typeName), has none"
                            : "moms schedules momentum, but \(optimizer.typeName) has none", field: written,
                        hint: origin.isDefault(written)
                            ? "give \(origin.run) a \"schedule\" of its own without \"moms\", or move \"moms\" from \"defaults\" to the runs with momentum"
                            : "remove \"moms\" to schedule the rate alone, or use momentum or adam, whose beta/beta1 it sets")
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
    /// warm-up passes (which fastai does not have). One message per combination. A setting that
    /// came from `defaults` is reported where it is written, naming the run it cannot apply to,
    /// with a fix that works for a default (see `DefaultsOrigin`).
    /// They do not depend on the optimizer, nor on `lrFind`'s own values: they are checked
    /// even when those have errors.
    mutating func checkStepRules(_ spec: RunSpec) {
        let origin = DefaultsOrigin(run: spec)
        if let finder = spec.lrFindWritten {
            if let schedule = spec.schedule {
                switch (origin.isDefault(finder), origin.isDefault(schedule)) {
                case (false, false):
                    reader.report(
                        "lrFind and schedule both set the learning rate of each batch", field: finder,
                        hint: "find the rate in one run with \"lrFind\", then train with a \"schedule\" in another")
                case (false, true):
                    reader.report(
                        "lrFind and the schedule from \"defaults\" both set the learning rate of each batch", field: finder,
                        hint: "move \"schedule\" from \"defaults\" to the runs that train with it")
                case (true, false):
                    reader.report(
                        "the schedule and lrFind from \"defaults\" both set the learning rate of each batch", field: schedule,
                        hint: "move \"lrFind\" from \"defaults\" to the run that finds the rate")
                case (true, true):
                    reader.report(
                        "lrFind and schedule in \"defaults\" both set the learning rate of each batch of every run", field: finder,
                        hint: "keep one of them in \"defaults\"; give the other to the runs that need it")
                }
            } else if let anneal = spec.lrAnneal {
                reader.report(
                    "\(origin.subject("lrFind", finder, setting: anneal)) sets the learning rate of each batch, so lrAnneal\(origin.from(anneal)) cannot change it between epochs",
                    field: anneal,
                    hint: origin.isDefault(anneal)
                        ? "move \"lrAnneal\" from \"defaults\" to the runs that train with it" : "remove \"lrAnneal\" from this run")
            }
            if let warmup = spec.warmupEpochs, warmup.value > 0 {
                reader.report(
                    "\(origin.subject("lrFind", finder, setting: warmup)) starts from the initial weights: warmupEpochs\(origin.from(warmup)) must be 0, got \(warmup.value)",
                    field: warmup, hint: origin.isDefault(warmup) ? origin.overrideHint("\"warmupEpochs\": 0") : "remove \"warmupEpochs\" from this run")
            }
            if let epochs = spec.epochs, !origin.isDefault(epochs) {
                reader.report(
                    "\(origin.subject("lrFind", finder, setting: epochs)) runs numIt batches, going round the data as often as needed: epochs does not apply", field: epochs,
                    hint: "remove \"epochs\"; set \"lrFind\": { \"numIt\": … } for more or fewer batches")
            }
            if let every = spec.recordEvery, every.value > 1 {
                reader.report(
                    "\(origin.subject("lrFind", finder, setting: every)) keeps every batch for its suggestions: record.every\(origin.from(every)) must be 1, got \(every.value)",
                    field: every, hint: origin.isDefault(every) ? origin.overrideHint("\"record\": { \"every\": 1 }") : "remove \"record\" from this run")
            }
            if let restart = spec.epochRestart, restart.value == .spreadsheet {
                reader.report(
                    "\(origin.subject("lrFind", finder, setting: restart)) trains straight on from batch to batch: epochRestart \"spreadsheet\"\(origin.from(restart)) does not apply",
                    field: restart,
                    hint: origin.isDefault(restart) ? origin.overrideHint("\"epochRestart\": \"continue\"") : "remove \"epochRestart\" from this run")
            }
        } else if let schedule = spec.schedule {
            if let anneal = spec.lrAnneal {
                reader.report(
                    "\(origin.subject("schedule", schedule, setting: anneal)) sets the learning rate of each batch, so lrAnneal\(origin.from(anneal)) cannot change it between epochs",
                    field: anneal,
                    hint: origin.isDefault(anneal) || origin.isDefault(schedule)
                        ? "keep \"lrAnneal\" and \"schedule\" on different runs: move the one in \"defaults\" to the runs that use it"
                        : "remove \"lrAnneal\", or the \"\(schedule.value.type)\" schedule")
            }
            if let warmup = spec.warmupEpochs, warmup.value > 0 {
                reader.report(
                    "\(origin.subject("a schedule", schedule, setting: warmup)) runs over the recorded epochs: warmupEpochs\(origin.from(warmup)) must be 0, got \(warmup.value)",
                    field: warmup,
                    hint: origin.isDefault(warmup)
                        ? origin.overrideHint("\"warmupEpochs\": 0") + "; a one-cycle schedule's first phase is fastai's warm-up"
                        : "remove \"warmupEpochs\"; a one-cycle schedule's first phase is fastai's warm-up")
            }
        }
    }
}

/// Where a run's merged setting came from, for messages: a setting written in `defaults` is
/// reported where it is written, and the message names the run it cannot apply to
/// (`runs[2] "finder"`), since other runs may take it.
struct DefaultsOrigin {
    /// `runs[2] "finder"`.
    let run: String

    init(run spec: RunSpec) {
        run = spec.name.map { "\(spec.path) \"\($0.value)\"" } ?? spec.path
    }

    func isDefault<T>(_ field: Field<T>) -> Bool { field.path == "defaults" || field.path.hasPrefix("defaults.") }

    /// ` (from "defaults")` for a setting written in `defaults`, else nothing.
    func from<T>(_ field: Field<T>) -> String { isDefault(field) ? " (from \"defaults\")" : "" }

    /// The rule (`lrFind`, `schedule`) a `setting` cannot go with, as the subject of a message:
    /// `lrFind on runs[2] "finder"` when the setting is a default (so other runs may take it),
    /// with ` (from "defaults")` when the rule is one too.
    func subject<T, U>(_ word: String, _ rule: Field<T>, setting: Field<U>) -> String {
        isDefault(setting) ? "\(word)\(from(rule)) on \(run)" : word + from(rule)
    }

    /// The fix for a default that cannot apply to this run: the run's own setting over it.
    func overrideHint(_ setting: String) -> String {
        "set \(setting) on \(run), or move it from \"defaults\" to the runs that use it"
    }
}
