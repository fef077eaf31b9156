import SGDEngine

// A run's `sweep` expanded into one run per combination of values.
extension StudyResolver {
    /// One run per combination of the sweep's values, in the order written, named
    /// `"<name> lr=1e-5 units=4"`, with the file name `<base's file name>-lr-1e-5-units-4`.
    mutating func expand(_ base: Run, sweep: [SweepAxis]?, spec: RunSpec) -> [Run] {
        guard let sweep, !sweep.isEmpty else { return [base] }
        // Check each axis applies to this run before multiplying.
        var ok = true
        for axis in sweep {
            switch axis.key.value {
            case .beta:
                if case .sgd = base.optimizer {
                    reader.report("cannot sweep beta: sgd has no beta", field: axis.key, hint: "use momentum, rmsprop or adam")
                    ok = false
                } else if case .adagrad = base.optimizer {
                    reader.report("cannot sweep beta: adagrad has no beta", field: axis.key, hint: "use momentum, rmsprop, adam or eve")
                    ok = false
                }
            case .units:
                if base.model.layers.count < 2 {
                    reader.report(
                        "cannot sweep units: the model has no hidden layer", field: axis.key,
                        hint: "use \"model\": { \"layers\": [ { \"units\": 1, \"activation\": \"relu\" }, { \"units\": 1 } ] }")
                    ok = false
                } else if case .values = base.initialization {
                    reader.report(
                        "cannot sweep units with init given per parameter: the parameters change with the width", field: axis.key,
                        hint: "use a number or { \"random\": { \"seed\": 1 } } for init")
                    ok = false
                }
            case .seed:
                let randomInit: Bool
                if case .random = base.initialization { randomInit = true } else { randomInit = false }
                if !randomInit && base.shuffleSeed == nil {
                    reader.report(
                        "cannot sweep seed: this run uses no randomness", field: axis.key,
                        hint: "use \"init\": { \"random\": { \"seed\": 1 } } or \"shuffle\": true")
                    ok = false
                }
            case .lr, .epochs:
                break
            }
        }
        guard ok else { return [] }
        var combinations: [[SweepOrigin.Setting]] = [[]]
        for axis in sweep {
            combinations = combinations.flatMap { prefix in
                axis.values.map { prefix + [SweepOrigin.Setting(key: axis.key.value, value: $0.value)] }
            }
        }
        return combinations.map { settings in
            var run = base
            for setting in settings { run.apply(setting) }
            let written = SweepOrigin(baseName: base.name, settings: settings).writtenSettings
            run.name = base.name + " " + written
            if base.file == nil && base.slug == Slug.make(base.name) {
                run.slug = Slug.make(run.name)
            } else {
                // From the base's `file` or fallback, which the swept name alone would not give:
                // `study.json` records it as the run's `file`.
                run.slug = Slug.make(base.slug + " " + written)
                run.file = run.slug
            }
            run.sweep = SweepOrigin(baseName: base.name, settings: settings)
            return run
        }
    }
}

extension SweepOrigin {
    /// The settings as a swept run's name ends: `lr=1e-5 units=4`.
    var writtenSettings: String {
        settings.map { "\($0.key.rawValue)=\(NumberText.compact($0.value))" }.joined(separator: " ")
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

    /// Applies one swept setting.
    mutating func apply(_ setting: SweepOrigin.Setting) {
        let value = setting.value
        switch setting.key {
        case .lr:
            optimizer = optimizer.withLearningRate(value)
        case .beta:
            switch optimizer {
            case .sgd, .adagrad: break
            case .amsgrad(let lr, _, let b2, let eps, let debias): optimizer = .amsgrad(lr: lr, beta1: value, beta2: b2, eps: eps, debias: debias)
            case .eve(let lr, _, let b2, let b3, let eps, let debias):
                optimizer = .eve(lr: lr, beta1: value, beta2: b2, beta3: b3, eps: eps, debias: debias)
            case .momentum(let lr, _, let dampening): optimizer = .momentum(lr: lr, beta: value, dampening: dampening)
            case .rmsprop(let lr, _, let eps, let variant): optimizer = .rmsprop(lr: lr, beta: value, eps: eps, variant: variant)
            case .adam(let lr, _, let b2, let eps, let debias): optimizer = .adam(lr: lr, beta1: value, beta2: b2, eps: eps, debias: debias)
            }
        case .epochs:
            epochs = Int(value)
        case .units:
            model.layers[0].units = Int(value)
            model.isLinearShorthand = false
        case .seed:
            if case .random(_, let low, let high) = initialization { initialization = .random(seed: UInt64(value), min: low, max: high) }
            if shuffleSeed != nil { shuffleSeed = UInt64(value) }
        }
    }
}
