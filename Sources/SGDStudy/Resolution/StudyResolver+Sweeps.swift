import SGDEngine

// A run's `sweep` expanded into one run per combination of values.
extension StudyResolver {
    /// One run per combination of the sweep's values, in the order written, named
    /// `"<name> lr=1e-5 units=4"`.
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
                } else if base.initialization.namesParameters {
                    reader.report(
                        "cannot sweep units with init given per parameter: the parameters change with the width", field: axis.key,
                        hint: "use a number or { \"random\": { \"seed\": 1 } } for init")
                    ok = false
                }
            case .seed:
                if base.initialization.seed == nil && base.shuffleSeed == nil {
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
            run.name = base.name + " " + settings.map { "\($0.key.rawValue)=\(NumberText.compact($0.value))" }.joined(separator: " ")
            run.slug = Slug.make(run.name)
            run.sweep = SweepOrigin(baseName: base.name, settings: settings)
            return run
        }
    }
}

extension Run {
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
            initialization = initialization.reseeded(UInt64(value))
            if shuffleSeed != nil { shuffleSeed = UInt64(value) }
        }
    }
}
