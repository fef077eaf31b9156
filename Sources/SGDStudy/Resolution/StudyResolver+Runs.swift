import SGDEngine

// `defaults` merged into each run, and a run's settings checked and completed with the engine's defaults.
extension StudyResolver {
    /// The run's own fields over `defaults`'. Optimizer and derivative fields merge one by one,
    /// so `defaults: { optimizer: { lr } }` gives every run its learning rate whatever its type.
    func merge(_ run: RunSpec, over defaults: RunSpec?) -> RunSpec {
        guard let defaults else { return run }
        var merged = run
        merged.data = run.data ?? defaults.data
        merged.dataNormalize = run.data != nil ? run.dataNormalize : defaults.dataNormalize
        merged.model = run.model ?? defaults.model
        if run.initialization == nil {
            merged.initialization = defaults.initialization
            merged.initKeyLocations = defaults.initKeyLocations
        } else {
            merged.defaultInitialization = defaults.initialization
        }
        merged.epochs = run.epochs ?? defaults.epochs
        merged.batch = run.batch ?? defaults.batch
        merged.shuffle = run.shuffle ?? defaults.shuffle
        merged.derivatives.method = run.derivatives.method ?? defaults.derivatives.method
        merged.derivatives.epsilon = run.derivatives.epsilon ?? defaults.derivatives.epsilon
        merged.derivatives.check = run.derivatives.check ?? defaults.derivatives.check
        merged.optimizer.type = run.optimizer.type ?? defaults.optimizer.type
        // Default fields that do not apply to the run's type are dropped: a run that switches
        // to "adam" does not inherit the defaults' momentum "beta".
        let applicable = merged.optimizer.type.flatMap { OptimizerSpec.fieldsByType[$0.value] } ?? []
        var fields = defaults.optimizer.fields.filter { applicable.contains($0.key) }
        for (key, field) in run.optimizer.fields { fields[key] = field }
        merged.optimizer.fields = fields
        if run.optimizer.location == nil {
            merged.optimizer.location = defaults.optimizer.location
            merged.optimizer.path = defaults.optimizer.path
        }
        merged.state.average = run.state.average ?? defaults.state.average
        merged.state.squareAverage = run.state.squareAverage ?? defaults.state.squareAverage
        merged.warmupEpochs = run.warmupEpochs ?? defaults.warmupEpochs
        merged.epochRestart = run.epochRestart ?? defaults.epochRestart
        merged.recordEvery = run.recordEvery ?? defaults.recordEvery
        merged.recordEpochs = run.recordEpochs ?? defaults.recordEpochs
        merged.lrAnneal = run.lrAnneal ?? defaults.lrAnneal
        merged.schedule = run.schedule ?? defaults.schedule
        merged.lrFind = run.lrFind ?? defaults.lrFind
        merged.lrFindWritten = run.lrFindWritten ?? defaults.lrFindWritten
        merged.state.feedback = run.state.feedback ?? defaults.state.feedback
        merged.state.losses = run.state.losses ?? defaults.state.losses
        return merged
    }

    // MARK: Runs

    mutating func resolveRun(_ spec: RunSpec, studyData: DataSpec, studyNormalize: Field<Normalization>? = nil) -> Run? {
        guard let name = spec.name else { return nil }
        let errorsBefore = reader.diagnostics.count
        let model = spec.model?.value ?? .linear
        let names = Network(layers: model.layers).parameterNames
        let data = spec.data?.value ?? studyData
        let normalize = spec.data != nil ? spec.dataNormalize : studyNormalize
        if let normalize, normalize.value != .none, normalize.value.statistics(of: data.dataset.x) == nil {
            reader.report(
                normalize.value == .standardize
                    ? "data.normalize \"standardize\" divides by the standard deviation of x, which is 0: every x is the same"
                    : "data.normalize \"minmax\" divides by max − min of x, which is 0: every x is the same",
                field: normalize, hint: "use data whose x values differ, or remove \"normalize\"")
        }
        let optimizer = resolveOptimizer(spec)
        checkStepRules(spec)
        let initialization = resolveInit(spec, parameterNames: names)
        let average = resolveMoments(spec.state.average, parameterNames: names)
        let square = resolveMoments(spec.state.squareAverage, parameterNames: names)
        if let optimizer {
            let origin = DefaultsOrigin(run: spec)
            if let average = spec.state.average, !optimizer.keepsAverage {
                reader.report(
                    origin.isDefault(average)
                        ? "state.avg (from \"defaults\") is given but the optimizer of \(origin.run), \(optimizer.typeName), keeps no average"
                        : "state.avg is given but this optimizer keeps no average", field: average,
                    hint: origin.isDefault(average) ? "move \"avg\" from \"defaults\".state to the runs with momentum or adam" : "remove it, or use momentum or adam")
            }
            if let square = spec.state.squareAverage, !optimizer.keepsSquareAverage {
                reader.report(
                    origin.isDefault(square)
                        ? "state.sqr (from \"defaults\") is given but the optimizer of \(origin.run), \(optimizer.typeName), keeps no squared average"
                        : "state.sqr is given but this optimizer keeps no squared average", field: square,
                    hint: origin.isDefault(square) ? "move \"sqr\" from \"defaults\".state to the runs with rmsprop or adam" : "remove it, or use rmsprop or adam")
            }
            checkEpochRules(spec, optimizer: optimizer)
            checkStartingSquares(spec, optimizer: optimizer, square: square, parameterNames: names)
        }
        if let batch = spec.batch, case .size(let n) = batch.value, n > data.rowCount {
            reader.report("batch \(n) is larger than the data (\(data.rowCount) rows)", field: batch, hint: "use \"full\" for one step per epoch")
        }
        if let written = spec.parameters, written.value != names {
            reader.report(
                "parameters lists " + written.value.joined(separator: ", ") + " but the model's parameters are " + names.joined(separator: ", "),
                field: written, hint: "remove \"parameters\"; sgdreport names them from the model")
        }
        let schedule = optimizer.flatMap { resolveSchedule(spec, optimizer: $0) }
        let epochs = resolveEpochs(spec, schedule: schedule, rows: data.rowCount)
        guard reader.diagnostics.count == errorsBefore, let optimizer, let initialization else { return nil }
        let derivatives = Derivatives(
            method: spec.derivatives.method?.value ?? .analytic,
            epsilon: spec.derivatives.epsilon?.value ?? 0.01,
            check: spec.derivatives.check?.value ?? false)
        return Run(
            name: name.value, slug: spec.file?.value ?? Slug.fileName(for: name.value, fallback: "run"), file: spec.file?.value,
            data: data, normalization: normalize?.value ?? .none, model: model,
            initialization: initialization, epochs: epochs, batch: spec.batch?.value ?? .online,
            shuffleSeed: spec.shuffle?.value ?? nil, derivatives: derivatives, optimizer: optimizer,
            startingAverage: average ?? [:], startingSquareAverage: square ?? [:],
            warmupEpochs: spec.warmupEpochs?.value ?? 0, epochRestart: spec.epochRestart?.value ?? .continue,
            recordEvery: spec.recordEvery?.value ?? 1, recordEpochs: spec.recordEpochs?.value ?? 1, lrAnneal: spec.lrAnneal?.value,
            weightDecay: resolveWeightDecay(spec), schedule: schedule, lrFind: spec.lrFind?.value,
            startingFeedback: spec.state.feedback?.value, startingLosses: spec.state.losses?.value ?? [], sweep: spec.sweptFrom)
    }

    /// The optimizer's settings against its type: each setting the type does not take, and a
    /// variant it does not have, reported. They do not depend on the values of the settings nor on
    /// the rest of the run, so a run that fails for another reason is checked too. Returns whether
    /// all pass (true without a known type).
    mutating func checkOptimizerSettings(_ spec: RunSpec) -> Bool {
        guard let type = spec.optimizer.type?.value else { return true }
        var ok = !reportSettingsNotTaken(spec.optimizer.fields, type: type)
        if let variant = spec.optimizer.fields["variant"], case .string(let word) = variant.value.kind,
            let options = OptimizerSpec.variantsByType[type], !options.contains(word)
        {
            reader.report(
                "the variant \"\(word)\" is not one of " + options.map { "\"\($0)\"" }.joined(separator: ", ") + " for \(type)",
                field: variant, hint: Suggestions.closest(to: word, in: options).map { "did you mean \"\($0)\"?" } ?? "write one of them, in lower case as listed")
            ok = false
        }
        return ok
    }

    mutating func resolveOptimizer(_ spec: RunSpec) -> Optimizer? {
        let where_ = spec.optimizer.location ?? spec.location
        let path = spec.optimizer.location == nil ? spec.path : spec.optimizer.path
        guard let type = spec.optimizer.type?.value else {
            reader.report(
                "the run has no optimizer type", path: path, at: where_,
                hint: "add \"optimizer\": { \"type\": \"sgd\", \"lr\": 0.0001 } to the run or to \"defaults\"")
            return nil
        }
        let ok = checkOptimizerSettings(spec)
        func number(_ key: String, _ fallback: Double) -> Double {
            guard let node = spec.optimizer.fields[key]?.value, case .number(let v, _) = node.kind else { return fallback }
            return v
        }
        func flag(_ key: String, _ fallback: Bool) -> Bool {
            guard let node = spec.optimizer.fields[key]?.value, case .bool(let v) = node.kind else { return fallback }
            return v
        }
        // A sweep over lr gives every run its rate: the optimizer needs none of its own.
        let sweptRate = spec.sweep?.first { $0.key.value == .lr }?.values.first.flatMap { value -> Double? in
            if case .number(let n) = value.value { return n }
            return nil
        }
        guard spec.optimizer.fields["lr"] != nil || sweptRate != nil else {
            reader.report(
                "the \(type) optimizer needs a learning rate \"lr\"", path: path, at: where_,
                hint: "add \"lr\": 0.0001 to the optimizer or to \"defaults\".optimizer")
            return nil
        }
        guard ok else { return nil }
        let lr = number("lr", sweptRate ?? 0)
        switch type {
        case "sgd": return .sgd(lr: lr)
        case "momentum": return .momentum(lr: lr, beta: number("beta", 0.9), dampening: flag("dampening", false))
        case "rmsprop":
            var variant = Optimizer.RMSPropVariant.fastai
            if let node = spec.optimizer.fields["variant"]?.value, case .string(let s) = node.kind,
                let v = Optimizer.RMSPropVariant(rawValue: s)
            {
                variant = v
            }
            return .rmsprop(lr: lr, beta: number("beta", 0.99), eps: number("eps", 1e-8), variant: variant)
        case "adam":
            if flag("amsgrad", false) {
                return .amsgrad(lr: lr, beta1: number("beta1", 0.9), beta2: number("beta2", 0.99), eps: number("eps", 1e-5), debias: flag("debias", true))
            }
            return .adam(lr: lr, beta1: number("beta1", 0.9), beta2: number("beta2", 0.99), eps: number("eps", 1e-5), debias: flag("debias", true))
        case "eve":
            return .eve(
                lr: lr, beta1: number("beta1", 0.9), beta2: number("beta2", 0.99), beta3: number("beta3", 0.999),
                eps: number("eps", 1e-5), debias: flag("debias", true))
        case "adagrad":
            var variant = Optimizer.AdagradVariant.pytorch
            if let node = spec.optimizer.fields["variant"]?.value, case .string(let s) = node.kind,
                let v = Optimizer.AdagradVariant(rawValue: s)
            {
                variant = v
            }
            return .adagrad(lr: lr, eps: number("eps", variant == .pytorch ? 1e-10 : 0), variant: variant)
        default:
            return nil
        }
    }

    /// `lrAnneal` and Eve's `state.feedback`/`state.losses` need an optimizer that has what they use.
    mutating func checkEpochRules(_ spec: RunSpec, optimizer: Optimizer) {
        if let anneal = spec.lrAnneal {
            let origin = DefaultsOrigin(run: spec)
            let of = origin.isDefault(anneal) ? " (from \"defaults\")" : ""
            let not = origin.isDefault(anneal) ? "not \(origin.run)'s \(optimizer.typeName)" : "not \(optimizer.typeName)"
            let moveHint = "give \(origin.run) an \"lrAnneal\" of its own, or move it from \"defaults\" to the runs it fits"
            switch anneal.value.measure {
            case .gradientSize where !optimizer.keepsSquareAverage:
                reader.report(
                    "lrAnneal.measure \"gradient-size\"\(of) needs an optimizer that keeps squared derivatives, \(not)",
                    field: anneal, hint: origin.isDefault(anneal) ? moveHint : "use rmsprop, adam, adagrad or eve, or remove \"lrAnneal\"")
            case .stepSize where !optimizer.scalesPerEpoch:
                reader.report(
                    "lrAnneal.measure \"step-size\"\(of) needs the optimizer { \"type\": \"adagrad\", \"variant\": \"spreadsheet\" }, \(not)",
                    field: anneal, hint: origin.isDefault(anneal) ? moveHint : "use \"measure\": \"gradient-size\" with this optimizer")
            default: break
            }
        }
        if !optimizer.usesLossFeedback {
            for field in [spec.state.feedback.map { $0.map { _ in "feedback" } }, spec.state.losses.map { $0.map { _ in "losses" } }].compactMap({ $0 }) {
                let origin = DefaultsOrigin(run: spec)
                reader.report(
                    origin.isDefault(field)
                        ? "state.\(field.value) (from \"defaults\") is Eve's, but the optimizer of \(origin.run) is \(optimizer.typeName)"
                        : "state.\(field.value) is Eve's, but the optimizer is \(optimizer.typeName)", field: field,
                    hint: origin.isDefault(field)
                        ? "move \"\(field.value)\" from \"defaults\".state to the eve runs" : "remove it, or use { \"type\": \"eve\" }")
            }
        }
    }

    /// The run's `init` checked against its parameter names. A partial object takes the other
    /// parameters from `defaults.init` (its values, then its scheme), else from 1; `from` is
    /// checked once every run is resolved (`checkInitFrom`).
    mutating func resolveInit(_ spec: RunSpec, parameterNames names: [String]) -> InitSpec? {
        guard let initialization = spec.initialization else { return .constant(1) }
        var values: [String: Double]
        var rest: InitSpec
        switch initialization.value {
        case .values(let given):
            values = given
            rest = .constant(1)
            if let fallback = spec.defaultInitialization {
                switch fallback.value {
                case .values(let defaults):
                    values = defaults.merging(given) { _, own in own }
                case .partial(let defaults, let defaultRest):
                    values = defaults.merging(given) { _, own in own }
                    rest = defaultRest
                case .from:
                    if !names.allSatisfy({ given[$0] != nil }) {
                        reader.report(
                            "init gives some weights only, and defaults.init is another run's weights, which cannot fill in the others",
                            field: initialization, hint: "give every parameter a value, or add \"rest\": 1 (or a random scheme) to this init")
                        return nil
                    }
                case .constant, .random, .pytorch, .kaimingNormal:
                    rest = fallback.value
                }
                values = values.filter { names.contains($0.key) || given[$0.key] != nil }
            }
        case .partial(let given, let ownRest):
            values = given
            rest = ownRest
        case .constant, .random, .pytorch, .kaimingNormal, .from:
            return initialization.value
        }
        var ok = true
        for key in values.keys.sorted() where !names.contains(key) {
            reportUnknownInitName(key, spec: spec, initPath: initialization.path, at: initialization.location, parameterNames: names)
            ok = false
        }
        guard ok else { return nil }
        return names.allSatisfy({ values[$0] != nil }) ? .values(values) : .partial(values, rest: rest)
    }

    mutating func reportUnknownInitName(_ key: String, spec: RunSpec, initPath: String, at location: SourceLocation?, parameterNames names: [String]) {
        reader.report(
            "init names \"\(key)\", which the model does not have", path: JSONPath.appending(key: key, to: initPath),
            at: spec.initKeyLocations[key] ?? location,
            hint: (Suggestions.closest(to: key, in: names).map { "did you mean \"\($0)\"? " } ?? "") + "the model's parameters are " + names.joined(separator: ", "))
    }

    /// For a run with errors elsewhere: the names of an `init` object that could not be read as a
    /// whole (one value was wrong) are still checked against the model, unless the model has errors.
    mutating func checkInitNames(_ spec: RunSpec, model: ModelSpec?, modelHasErrors: Bool) {
        guard spec.initialization == nil, !spec.initKeyLocations.isEmpty, !modelHasErrors else { return }
        let names = Network(layers: (model ?? .linear).layers).parameterNames
        let initPath = JSONPath.appending(key: "init", to: spec.path)
        for key in spec.initKeyLocations.keys.sorted() where !names.contains(key) {
            reportUnknownInitName(key, spec: spec, initPath: initPath, at: nil, parameterNames: names)
        }
    }

    mutating func resolveMoments(_ field: Field<[String: Field<Double>]>?, parameterNames names: [String]) -> [String: Double]? {
        guard let field else { return nil }
        var values: [String: Double] = [:]
        for (key, value) in field.value.sorted(by: { $0.key < $1.key }) {
            if names.contains(key) {
                values[key] = value.value
            } else {
                reader.report(
                    "state names \"\(key)\", which the model does not have", field: value,
                    hint: (Suggestions.closest(to: key, in: names).map { "did you mean \"\($0)\"? " } ?? "") + "the model's parameters are " + names.joined(separator: ", "))
            }
        }
        return values
    }
}
