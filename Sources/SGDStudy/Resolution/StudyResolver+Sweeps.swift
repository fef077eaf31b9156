import SGDEngine

// A run's `sweep` expanded into one run per combination of values. Each value is written into
// the run as written (`SweepKey.Target`) and the run resolved again, so a swept value is checked
// and defaulted exactly as the same setting written in the run would be.
extension StudyResolver {
    /// One run per combination of the sweep's values, in the order written, named
    /// `"<name> lr=1e-5 units=4"`, with the file name `<base's file name>-lr-1e-5-units-4`.
    /// `base` is the run resolved without its sweep.
    mutating func expand(
        _ base: Run, sweep: [SweepAxis]?, spec: RunSpec, studyData: DataSpec, studyNormalize: Field<Normalization>?
    ) -> [Run] {
        guard let sweep, !sweep.isEmpty else { return [base] }
        // Check each axis applies to this run before multiplying.
        var ok = true
        let run = SweepTarget(layers: base.model.layers, initialization: base.initialization, shuffleSeed: base.shuffleSeed, optimizerType: base.optimizer.typeName)
        for axis in sweep where !checkApplies(axis, to: run, spec: spec, sweep: sweep) { ok = false }
        guard ok else { return [] }
        var combinations: [[(setting: SweepOrigin.Setting, field: Field<SweepOrigin.Value>)]] = [[]]
        for axis in sweep {
            combinations = combinations.flatMap { prefix in
                axis.values.map { prefix + [(SweepOrigin.Setting(key: axis.key.value, value: $0.value), $0)] }
            }
        }
        var runs: [Run] = []
        for combination in combinations {
            var swept = spec
            // Activations first, so that a swept negativeSlope reaches the layers a swept activation made leaky.
            for (setting, field) in combination.sorted(by: { ($0.setting.key == .activation ? 0 : 1) < ($1.setting.key == .activation ? 0 : 1) }) {
                Self.write(setting, at: field, into: &swept)
            }
            guard var run = resolveRun(swept, studyData: studyData, studyNormalize: studyNormalize) else { continue }
            let settings = combination.map(\.setting)
            let origin = SweepOrigin(baseName: base.name, settings: settings)
            run.name = base.name + " " + origin.writtenSettings
            if base.file == nil && base.slug == Slug.make(base.name) {
                run.slug = Slug.make(run.name)
                run.file = nil
            } else {
                // From the base's `file` or fallback, which the swept name alone would not give:
                // `study.json` records it as the run's `file`.
                run.slug = Slug.make(base.slug + " " + origin.writtenSettings)
                run.file = run.slug
            }
            run.sweep = origin
            runs.append(run)
        }
        return runs
    }

    /// What a sweep's check needs of its run; nil for a part not known (a run that failed to
    /// resolve, whose part has errors): the checks that need it are skipped.
    struct SweepTarget {
        var layers: [Layer]?
        var initialization: InitSpec?
        var shuffleSeed: UInt64?
        var optimizerType: String?
    }

    /// For a run that failed to resolve: each axis of its sweep checked against what is known of it.
    mutating func checkSweep(ofFailed spec: RunSpec, runSpecPath: String) {
        guard let sweep = spec.sweep, !sweep.isEmpty else { return }
        let modelHasErrors = hasErrors(under: "defaults.model") || hasErrors(under: JSONPath.appending(key: "model", to: runSpecPath))
        let initHasErrors = hasErrors(under: "defaults.init") || hasErrors(under: JSONPath.appending(key: "init", to: runSpecPath))
        let target = SweepTarget(
            layers: modelHasErrors ? nil : (spec.model?.value ?? .linear).layers,
            initialization: initHasErrors ? nil : spec.initialization?.value ?? .constant(1),
            shuffleSeed: spec.shuffle?.value ?? nil,
            optimizerType: spec.optimizer.type?.value)
        for axis in sweep { _ = checkApplies(axis, to: target, spec: spec, sweep: sweep) }
    }

    /// Whether `axis` can vary `base`; reports why not at the sweep's key.
    mutating func checkApplies(_ axis: SweepAxis, to base: SweepTarget, spec: RunSpec, sweep: [SweepAxis]) -> Bool {
        let key = axis.key.value
        let hidden = (base.layers?.count ?? 2) > 1
        switch key.target {
        case .optimizer(let field):
            guard let type = spec.optimizer.type?.value ?? base.optimizerType else { return true }
            let takes = OptimizerSpec.fieldsByType[type] ?? []
            if takes.contains(field) || (field == "beta" && takes.contains("beta1")) {
                return checkNotOverridden(axis, field: field, optimizerType: type, spec: spec)
            }
            let others = ["beta", "beta1", "beta2", "eps"].filter { takes.contains($0) }
            reader.report(
                "cannot sweep \(field): \(type) has no \(field)", field: axis.key,
                hint: others.isEmpty ? "use an optimizer that has it (\(Self.optimizersTaking(field)))" : "\(type) takes " + others.joined(separator: ", "))
            return false
        case .units:
            if !hidden {
                reader.report(
                    "cannot sweep units: the model has no hidden layer", field: axis.key,
                    hint: "use \"model\": { \"layers\": [ { \"units\": 1, \"activation\": \"relu\" }, { \"units\": 1 } ] }")
                return false
            }
            if base.initialization?.namesParameters == true {
                reader.report(
                    "cannot sweep units with init given per parameter: the parameters change with the width", field: axis.key,
                    hint: "use a number or { \"random\": { \"seed\": 1 } } for init")
                return false
            }
        case .activation:
            if !hidden {
                reader.report(
                    "cannot sweep activation: the model has no hidden layer (the output layer has none)", field: axis.key,
                    hint: "use \"model\": { \"layers\": [ { \"units\": 1, \"activation\": \"relu\" }, { \"units\": 1 } ] }")
                return false
            }
        case .negativeSlope:
            guard let layers = base.layers else { return true }
            let leaky = layers.contains { $0.activation == .leakyRelu }
            let activations = sweep.first { $0.key.value == .activation }?.values.map(\.value) ?? []
            let sweepsToLeaky = activations.contains(.word(Activation.leakyRelu.rawValue))
            if let other = activations.first(where: { $0 != .word(Activation.leakyRelu.rawValue) }) {
                // The slopes would change nothing in those runs: several identical runs with different names.
                reader.report(
                    "cannot sweep negativeSlope with activation \"\(other.text)\": only \"leaky-relu\" has a slope", field: axis.key,
                    hint: "sweep negativeSlope in a run whose activation is \"leaky-relu\", and the other activations in another run")
                return false
            }
            if !leaky && !sweepsToLeaky {
                reader.report(
                    "cannot sweep negativeSlope: no layer of the model is \"leaky-relu\"", field: axis.key,
                    hint: "use \"activation\": \"leaky-relu\" on a hidden layer")
                return false
            }
        case .seed:
            if let initialization = base.initialization, initialization.seed == nil && base.shuffleSeed == nil {
                reader.report(
                    "cannot sweep seed: this run uses no randomness", field: axis.key,
                    hint: "use \"init\": { \"random\": { \"seed\": 1 } } (or \"pytorch\", \"kaiming-normal\") or \"shuffle\": true")
                return false
            }
        case .lrMax:
            let type = spec.schedule?.value.type
            if type != "one-cycle" && type != "sgdr" {
                reader.report(
                    type.map { "cannot sweep lrMax: the \"\($0)\" schedule has no lrMax" } ?? "cannot sweep lrMax: the run has no schedule",
                    field: axis.key,
                    hint: "lrMax is the peak rate of a \"one-cycle\" or \"sgdr\" schedule: add \"schedule\": { \"type\": \"one-cycle\" }, or sweep lr")
                return false
            }
        case .epochs:
            if let finder = spec.lrFindWritten {
                reader.report(
                    "cannot sweep epochs: lrFind\(DefaultsOrigin(run: spec).from(finder)) runs numIt batches, going round the data as often as needed, so every run would be the same",
                    field: axis.key, hint: "sweep epochs in a run without \"lrFind\"; set \"lrFind\": { \"numIt\": … } for more or fewer batches")
                return false
            }
            if let schedule = spec.schedule, schedule.value.type == "sgdr" {
                reader.report(
                    "cannot sweep epochs: the sgdr schedule sets them (cycleLen·(cycleMult^cycles − 1)/(cycleMult − 1))", field: axis.key,
                    hint: "sweep the schedule's cycles in separate runs, or use another schedule (\"one-cycle\", \"cos\", …) to sweep epochs")
                return false
            }
        case .batch:
            break
        }
        return true
    }

    /// A swept optimizer setting that the run's `lrFind` or `schedule` sets before each batch
    /// would leave every run the same: lr under `lrFind`, under a cos/lin/exp/poly schedule (which
    /// need `from` and `to`) and under a one-cycle or sgdr `lrMax` or flat-cos `lr` written; the
    /// momentum (momentum's `beta`, Adam's and Eve's `beta1`) under one-cycle's `moms`.
    mutating func checkNotOverridden(_ axis: SweepAxis, field: String, optimizerType type: String, spec: RunSpec) -> Bool {
        let origin = DefaultsOrigin(run: spec)
        if field == "lr" {
            if let finder = spec.lrFindWritten {
                reader.report(
                    "cannot sweep lr: lrFind\(origin.from(finder)) sets the learning rate of each batch itself, so every run would be the same",
                    field: axis.key,
                    hint: "remove the sweep and read the rate from the finder's suggestions, or remove \"lrFind\" to train at each rate")
                return false
            }
            if let schedule = spec.schedule {
                let kind = schedule.value.type
                let own: String?
                switch kind {
                case "cos", "lin", "exp", "poly": own = "from"
                case "one-cycle", "sgdr": own = schedule.value.numbers["lrMax"] == nil ? nil : "lrMax"
                case "flat-cos": own = schedule.value.numbers["lr"] == nil ? nil : "lr"
                default: own = nil
                }
                if let own {
                    let sweepInstead = own == "lrMax" ? ", or sweep lrMax" : ""
                    let fix = kind == "one-cycle" || kind == "sgdr" || kind == "flat-cos"
                        ? "remove \"\(own)\" from the schedule (it then is the swept lr)\(sweepInstead)"
                        : "sweep lr in a run without a \"\(kind)\" schedule, or write one run per \"from\""
                    reader.report(
                        "cannot sweep lr: the \(kind) schedule\(origin.from(schedule)) sets the learning rate of each batch from its \(own), so every run would be the same",
                        field: axis.key, hint: fix)
                    return false
                }
            }
        }
        // fastai's `mom` (`Optimizer.hasMomentum`): momentum's beta, adam's beta1 (amsgrad too: an
        // adam setting) and eve's.
        let momentumField = type == "momentum" ? "beta" : (type == "adam" || type == "eve") ? "beta1" : nil
        let target = field == "beta" && type != "momentum" ? "beta1" : field
        if let momentumField, target == momentumField, let schedule = spec.schedule, schedule.value.type == "one-cycle" {
            reader.report(
                "cannot sweep \(field): the one-cycle schedule\(origin.from(schedule)) sets \(type)'s \(momentumField) before each batch from moms\(schedule.value.moms == nil ? " (default [0.95, 0.85, 0.95])" : ""), so every run would be the same",
                field: axis.key,
                hint: "write one run per \"moms\" (e.g. \"moms\": [0.9, 0.8, 0.9]), or sweep \(field) in a run without the one-cycle schedule")
            return false
        }
        return true
    }

    static func optimizersTaking(_ field: String) -> String {
        OptimizerSpec.types.filter { OptimizerSpec.fieldsByType[$0]?.contains(field) == true }.joined(separator: ", ")
    }

    /// Writes one swept value into a run as written, located at the value.
    static func write(_ setting: SweepOrigin.Setting, at field: Field<SweepOrigin.Value>, into spec: inout RunSpec) {
        let number = setting.number ?? 0
        switch setting.key.target {
        case .optimizer(var name):
            let type = spec.optimizer.type?.value ?? ""
            if name == "beta", OptimizerSpec.fieldsByType[type]?.contains("beta") != true { name = "beta1" }
            let node = JSONNode(.number(number, text: setting.value.text), at: field.location ?? SourceLocation(line: 1, column: 1))
            spec.optimizer.fields[name] = Field(node, path: field.path, location: field.location)
        case .lrMax:
            if var schedule = spec.schedule {
                schedule.value.numbers["lrMax"] = Field(number, path: field.path, location: field.location)
                spec.schedule = schedule
            }
        case .epochs:
            spec.epochs = Field(Int(number), path: field.path, location: field.location)
        case .batch:
            spec.batch = Field(.size(Int(number)), path: field.path, location: field.location)
        case .units:
            if var model = spec.model {
                model.value.layers[0].units = Int(number)
                model.value.isLinearShorthand = false
                spec.model = model
            }
        case .seed:
            if let initialization = spec.initialization {
                spec.initialization = initialization.map { $0.reseeded(UInt64(number)) }
            }
            if let shuffle = spec.shuffle, shuffle.value != nil {
                spec.shuffle = Field(UInt64(number), path: field.path, location: field.location)
            }
        case .negativeSlope:
            if var model = spec.model {
                for l in model.value.layers.indices where model.value.layers[l].activation == .leakyRelu {
                    model.value.layers[l].negativeSlope = number
                }
                spec.model = model
            }
        case .activation:
            if var model = spec.model, case .word(let word) = setting.value, let activation = Activation(rawValue: word) {
                for l in model.value.layers.indices.dropLast() { model.value.layers[l].activation = activation }
                spec.model = model
            }
        }
    }
}

extension SweepOrigin {
    /// The settings as a swept run's name ends: `lr=1e-5 units=4`.
    var writtenSettings: String {
        settings.map(\.label).joined(separator: " ")
    }
}

extension Run {
    /// What a slug collision's hint needs of a swept run: the run as written, its file name, and
    /// the settings' part of the file name. Nil for a run no sweep made.
    var sweepFileParts: (baseName: String, baseSlug: String, settings: String)? {
        guard let sweep else { return nil }
        let settings = Slug.make(sweep.writtenSettings)
        let baseSlug = slug.hasSuffix("-" + settings) ? String(slug.dropLast(settings.count + 1)) : Slug.fileName(for: sweep.baseName, fallback: "run")
        return (sweep.baseName, baseSlug, settings)
    }
}
