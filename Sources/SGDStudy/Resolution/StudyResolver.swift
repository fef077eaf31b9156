import SGDEngine

/// Turns a decoded `StudySpec` into a `Study`: merges `defaults` into each run, fills the
/// engine's defaults, expands sweeps, and checks everything that spans fields — names and
/// slugs unique, charts and signals naming runs and columns that exist, the study's size.
struct StudyResolver {
    var reader: NodeReader
    let slug: String
    let file: String
    let limits: StudyLimits

    init(reader: NodeReader, slug: String, file: String, limits: StudyLimits) {
        self.reader = reader
        self.slug = slug
        self.file = file
        self.limits = limits
    }

    mutating func resolve(_ spec: StudySpec) -> Study? {
        let studyData = spec.data?.value ?? .graddesc
        var runs: [Run] = []
        var origins: [String: (path: String, location: SourceLocation?)] = [:]

        // Count sweep expansions before making them, so an enormous product is refused cheaply.
        let expandedCount = spec.runs.reduce(0) { total, run in
            let product = (run.sweep ?? []).reduce(1) { $0.multipliedReportingOverflow(by: max($1.values.count, 1)).partialValue }
            return total.addingReportingOverflow(product).overflow ? Int.max : total + product
        }
        if expandedCount > limits.maximumRuns {
            reader.report(
                "the runs and their sweeps make \(NumberText.grouped(expandedCount)) runs; the limit is \(NumberText.grouped(limits.maximumRuns))",
                path: "runs", at: spec.runsLocation, hint: "sweep fewer values, or split the study into several files")
            return nil
        }

        // A run whose own text (or the defaults') has errors, or that fails to resolve, is
        // remembered as invalid: charts and signals naming it do not add a second, misleading error.
        let defaultsHaveErrors = spec.defaults.map { hasErrors(under: $0.path) } ?? false
        var invalid = spec.invalid
        for runSpec in spec.runs {
            if let name = runSpec.name { reader.checkName(name, what: "run") }
            if defaultsHaveErrors || hasErrors(under: runSpec.path) {
                invalid.addRun(named: runSpec.name?.value)
                continue
            }
            let merged = merge(runSpec, over: spec.defaults)
            guard let base = resolveRun(merged, studyData: studyData) else {
                invalid.addRun(named: runSpec.name?.value)
                continue
            }
            for run in expand(base, sweep: merged.sweep, spec: merged) {
                if let first = origins[run.name] {
                    reader.report(
                        "the run name \"\(run.name)\" is used twice (first at \(first.path))",
                        path: runSpec.name?.path ?? runSpec.path, at: runSpec.name?.location ?? runSpec.location,
                        hint: "give each run its own name")
                    continue
                }
                origins[run.name] = (runSpec.name?.path ?? runSpec.path, runSpec.name?.location ?? runSpec.location)
                runs.append(run)
            }
        }
        checkSlugs(runs.map { ($0.name, $0.slug) }, what: "run", origins: origins)

        let signals = resolveSignals(spec.signals, runs: runs, invalid: invalid)
        for name in Set(spec.signals.map(\.name.value)).subtracting(signals.map(\.name)) { invalid.addSignal(named: name) }
        let charts: [ChartDefinition]
        if spec.charts.isEmpty && !spec.chartsWereGiven {
            charts = DefaultCharts.make(runs: runs, signals: signals)
        } else {
            var chartResolver = ChartResolver(reader: reader, runs: runs, signals: signals, invalid: invalid)
            charts = chartResolver.resolve(spec.charts)
            reader = chartResolver.reader
        }
        checkSize(runs, spec: spec)
        let images = checkImages(spec)

        guard reader.diagnostics.isEmpty else { return nil }
        return Study(
            slug: slug, sourceFile: file, title: spec.title?.value ?? slug,
            description: spec.description?.value ?? "", runs: runs, signals: signals, charts: charts, images: images)
    }

    /// The images of the description and the captions, each once; a bad one is reported at its field.
    mutating func checkImages(_ spec: StudySpec) -> [StudyImage] {
        let check = StudyImageCheck(studyFile: file)
        var images: [StudyImage] = []
        for field in [spec.description].compactMap({ $0 }) + spec.charts.compactMap(\.caption) {
            switch check.images(in: field.value) {
            case .success(let found):
                for image in found where !images.contains(where: { $0.address == image.address }) { images.append(image) }
            case .failure(let refusal):
                reader.report(refusal.message, field: field, hint: refusal.hint)
            }
        }
        return images
    }

    // MARK: Defaults

    /// The run's own fields over `defaults`'. Optimizer and derivative fields merge one by one,
    /// so `defaults: { optimizer: { lr } }` gives every run its learning rate whatever its type.
    func merge(_ run: RunSpec, over defaults: RunSpec?) -> RunSpec {
        guard let defaults else { return run }
        var merged = run
        merged.data = run.data ?? defaults.data
        merged.model = run.model ?? defaults.model
        if run.initialization == nil {
            merged.initialization = defaults.initialization
            merged.initKeyLocations = defaults.initKeyLocations
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
        merged.lrAnneal = run.lrAnneal ?? defaults.lrAnneal
        merged.state.feedback = run.state.feedback ?? defaults.state.feedback
        merged.state.losses = run.state.losses ?? defaults.state.losses
        return merged
    }

    // MARK: Runs

    mutating func resolveRun(_ spec: RunSpec, studyData: DataSpec) -> Run? {
        guard let name = spec.name else { return nil }
        let errorsBefore = reader.diagnostics.count
        let model = spec.model?.value ?? .linear
        let names = Network(layers: model.layers).parameterNames
        let data = spec.data?.value ?? studyData
        let optimizer = resolveOptimizer(spec)
        let initialization = resolveInit(spec, parameterNames: names)
        let average = resolveMoments(spec.state.average, parameterNames: names)
        let square = resolveMoments(spec.state.squareAverage, parameterNames: names)
        if let optimizer {
            if let average = spec.state.average, !optimizer.keepsAverage {
                reader.report("state.avg is given but this optimizer keeps no average", field: average, hint: "remove it, or use momentum or adam")
            }
            if let square = spec.state.squareAverage, !optimizer.keepsSquareAverage {
                reader.report("state.sqr is given but this optimizer keeps no squared average", field: square, hint: "remove it, or use rmsprop or adam")
            }
            checkEpochRules(spec, optimizer: optimizer)
        }
        if let batch = spec.batch, case .size(let n) = batch.value, n > data.rowCount {
            reader.report("batch \(n) is larger than the data (\(data.rowCount) rows)", field: batch, hint: "use \"full\" for one step per epoch")
        }
        if let written = spec.parameters, written.value != names {
            reader.report(
                "parameters lists " + written.value.joined(separator: ", ") + " but the model's parameters are " + names.joined(separator: ", "),
                field: written, hint: "remove \"parameters\"; sgdreport names them from the model")
        }
        guard reader.diagnostics.count == errorsBefore, let optimizer, let initialization else { return nil }
        let derivatives = Derivatives(
            method: spec.derivatives.method?.value ?? .analytic,
            epsilon: spec.derivatives.epsilon?.value ?? 0.01,
            check: spec.derivatives.check?.value ?? false)
        return Run(
            name: name.value, slug: Slug.make(name.value), data: data, model: model,
            initialization: initialization, epochs: spec.epochs?.value ?? 1, batch: spec.batch?.value ?? .online,
            shuffleSeed: spec.shuffle?.value ?? nil, derivatives: derivatives, optimizer: optimizer,
            startingAverage: average ?? [:], startingSquareAverage: square ?? [:],
            warmupEpochs: spec.warmupEpochs?.value ?? 0, epochRestart: spec.epochRestart?.value ?? .continue,
            recordEvery: spec.recordEvery?.value ?? 1, lrAnneal: spec.lrAnneal?.value,
            startingFeedback: spec.state.feedback?.value, startingLosses: spec.state.losses?.value ?? [], sweep: spec.sweptFrom)
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
        let applicable = OptimizerSpec.fieldsByType[type] ?? []
        var ok = true
        for (key, field) in spec.optimizer.fields.sorted(by: { $0.key < $1.key }) where !applicable.contains(key) {
            reader.report(
                "\(type) has no setting \"\(key)\"", field: field,
                hint: "\(type) takes " + applicable.map { "\"\($0)\"" }.joined(separator: ", "))
            ok = false
        }
        func number(_ key: String, _ fallback: Double) -> Double {
            guard let node = spec.optimizer.fields[key]?.value, case .number(let v, _) = node.kind else { return fallback }
            return v
        }
        func flag(_ key: String, _ fallback: Bool) -> Bool {
            guard let node = spec.optimizer.fields[key]?.value, case .bool(let v) = node.kind else { return fallback }
            return v
        }
        guard spec.optimizer.fields["lr"] != nil else {
            reader.report(
                "the \(type) optimizer needs a learning rate \"lr\"", path: path, at: where_,
                hint: "add \"lr\": 0.0001 to the optimizer or to \"defaults\".optimizer")
            return nil
        }
        if let variant = spec.optimizer.fields["variant"], case .string(let word) = variant.value.kind,
            let options = OptimizerSpec.variantsByType[type], !options.contains(word)
        {
            reader.report(
                "the variant \"\(word)\" is not one of " + options.map { "\"\($0)\"" }.joined(separator: ", ") + " for \(type)",
                field: variant, hint: Suggestions.closest(to: word, in: options).map { "did you mean \"\($0)\"?" })
            ok = false
        }
        guard ok else { return nil }
        let lr = number("lr", 0)
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
            switch anneal.value.measure {
            case .gradientSize where !optimizer.keepsSquareAverage:
                reader.report(
                    "lrAnneal.measure \"gradient-size\" needs an optimizer that keeps squared derivatives, not \(optimizer.typeName)",
                    field: anneal, hint: "use rmsprop, adam, adagrad or eve, or remove \"lrAnneal\"")
            case .stepSize where !optimizer.scalesPerEpoch:
                reader.report(
                    "lrAnneal.measure \"step-size\" needs the optimizer { \"type\": \"adagrad\", \"variant\": \"spreadsheet\" }, not \(optimizer.typeName)",
                    field: anneal, hint: "use \"measure\": \"gradient-size\" with this optimizer")
            default: break
            }
        }
        if !optimizer.usesLossFeedback {
            for field in [spec.state.feedback.map { $0.map { _ in "feedback" } }, spec.state.losses.map { $0.map { _ in "losses" } }].compactMap({ $0 }) {
                reader.report(
                    "state.\(field.value) is Eve's, but the optimizer is \(optimizer.typeName)", field: field,
                    hint: "remove it, or use { \"type\": \"eve\" }")
            }
        }
    }

    mutating func resolveInit(_ spec: RunSpec, parameterNames names: [String]) -> InitSpec? {
        guard let initialization = spec.initialization else { return .constant(1) }
        guard case .values(let values) = initialization.value else { return initialization.value }
        var ok = true
        for key in values.keys.sorted() where !names.contains(key) {
            reader.report(
                "init names \"\(key)\", which the model does not have", path: JSONPath.appending(key: key, to: initialization.path),
                at: spec.initKeyLocations[key] ?? initialization.location,
                hint: (Suggestions.closest(to: key, in: names).map { "did you mean \"\($0)\"? " } ?? "") + "the model's parameters are " + names.joined(separator: ", "))
            ok = false
        }
        let missing = names.filter { values[$0] == nil }
        if !missing.isEmpty {
            reader.report(
                "init gives no value for " + missing.joined(separator: ", "), field: initialization,
                hint: "give every parameter a value, or a single number for all of them")
            ok = false
        }
        return ok ? initialization.value : nil
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

    // MARK: Sweeps

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
            run.name = base.name + " " + settings.map { "\($0.key.rawValue)=\(NumberText.compact($0.value))" }.joined(separator: " ")
            run.slug = Slug.make(run.name)
            run.sweep = SweepOrigin(baseName: base.name, settings: settings)
            return run
        }
    }

    // MARK: Signals

    mutating func resolveSignals(_ specs: [SignalSpec], runs: [Run], invalid: InvalidNames) -> [Signal] {
        var signals: [Signal] = []
        var seen: [String: String] = [:]
        let runSlugs = Dictionary(runs.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
        for spec in specs {
            reader.checkName(spec.name, what: "signal")
            let slug = Slug.make(spec.name.value)
            if let first = seen[spec.name.value] {
                reader.report("the signal name \"\(spec.name.value)\" is used twice (first at \(first))", field: spec.name, hint: "give each signal its own name")
                continue
            }
            seen[spec.name.value] = spec.name.path
            if slug.isEmpty {
                reader.report(
                    "the signal name \"\(spec.name.value)\" has no letters or digits to make a file name from", field: spec.name,
                    hint: "use a name with letters or digits")
                continue
            }
            if let other = signals.first(where: { $0.slug == slug }) {
                reader.report(
                    "the signal names \"\(other.name)\" and \"\(spec.name.value)\" make the same file name \"\(slug).csv\"", field: spec.name,
                    hint: "rename one of them")
                continue
            }
            if let run = runSlugs[slug] {
                reader.report(
                    "the signal \"\(spec.name.value)\" and the run \"\(run)\" make the same file name \"\(slug)\"", field: spec.name,
                    hint: "rename the signal or the run")
                continue
            }
            var source: Signal.Source
            switch spec.source {
            case .function(let from, let to, let step, let f): source = .function(from: from, to: to, step: step, f: f)
            case .values(let values): source = .values(values)
            case .run(let name, let column):
                guard let run = runs.first(where: { $0.name == name.value }) else {
                    if invalid.coversRun(name.value) { continue }
                    reader.report(
                        "the signal takes its values from the run \"\(name.value)\", which does not exist", field: name,
                        hint: Suggestions.hint(for: name.value, in: runs.map(\.name), kind: "run name"))
                    continue
                }
                guard run.stepColumns.contains(column.value), !TraceColumns.names(TraceColumns.stepCounters).contains(column.value) else {
                    reader.report(
                        "the run \"\(run.name)\" has no column \"\(column.value)\"", field: column,
                        hint: Suggestions.hint(for: column.value, in: run.stepColumns, kind: "column"))
                    continue
                }
                if spec.ewma != nil, run.counts.recordedSteps < run.epochs * run.counts.stepsPerEpoch {
                    // The trace holds only the recorded rows; an average of those is not the run's.
                    reader.report(
                        "the signal averages the run \"\(run.name)\"'s column \"\(column.value)\", but that run keeps only one step in \(run.recordEvery) (\"record\": { \"every\": \(run.recordEvery) }), so the average would skip the others",
                        field: name,
                        hint: "remove \"record\" from the run \"\(run.name)\" so every step is kept, or remove \"ewma\" to plot the recorded steps as they are")
                    continue
                }
                source = .run(name: name.value, column: column.value)
            }
            signals.append(Signal(name: spec.name.value, slug: slug, source: source, ewma: spec.ewma))
        }
        return signals
    }

    // MARK: Checks


    /// Whether a diagnostic was already reported at `path` or inside it.
    func hasErrors(under path: String) -> Bool {
        reader.diagnostics.contains { diagnostic in
            guard let p = diagnostic.path else { return false }
            return p == path || p.hasPrefix(path + ".") || p.hasPrefix(path + "[")
        }
    }

    mutating func checkSlugs(
        _ named: [(name: String, slug: String)], what: String, origins: [String: (path: String, location: SourceLocation?)]
    ) {
        var bySlug: [String: String] = [:]
        for (name, slug) in named {
            let origin = origins[name]
            if slug.isEmpty {
                reader.report(
                    "the \(what) name \"\(name)\" has no letters or digits to make a file name from", path: origin?.path, at: origin?.location,
                    hint: "use a name with letters or digits")
                continue
            }
            if let other = bySlug[slug] {
                reader.report(
                    "the \(what) names \"\(other)\" and \"\(name)\" make the same file name \"\(slug)\"", path: origin?.path, at: origin?.location,
                    hint: "rename one of them so they differ in letters or digits")
                continue
            }
            bySlug[slug] = name
        }
    }

    /// Refuses studies whose work or memory would be absurd, with the estimate and the override.
    mutating func checkSize(_ runs: [Run], spec: StudySpec) {
        var steps = 0
        var values = 0
        var largest: (name: String, steps: Int)?
        for run in runs {
            let counts = run.counts
            let runSteps = counts.totalSteps
            steps = steps.addingReportingOverflow(runSteps).overflow ? Int.max : steps + runSteps
            let recorded = counts.recordedSteps.multipliedReportingOverflow(by: run.stepColumns.count)
            values = recorded.overflow || values.addingReportingOverflow(recorded.partialValue).overflow ? Int.max : values + recorded.partialValue
            if largest == nil || runSteps > largest!.steps { largest = (run.name, runSteps) }
        }
        if steps > limits.maximumSteps, let largest {
            reader.report(
                "the study would make \(approximately(steps)) updates (the run \"\(largest.name)\" alone \(approximately(largest.steps))); the limit is \(approximately(limits.maximumSteps))",
                path: "runs", at: spec.runsLocation,
                hint: "lower epochs or the data size, or raise the limit with --max-steps")
        } else if values > limits.maximumTraceValues {
            let gigabytes = Double(values) * 8 / 1e9
            reader.report(
                "the step traces would hold \(approximately(values)) numbers (about \(NumberText.compact((gigabytes * 10).rounded() / 10)) GB); the limit is \(approximately(limits.maximumTraceValues))",
                path: "runs", at: spec.runsLocation,
                hint: "record fewer steps with \"record\": { \"every\": 100 }, or raise the limit with --max-trace-values")
        }
    }

    private func approximately(_ count: Int) -> String {
        count == Int.max ? "more than 9.2e18" : NumberText.grouped(count)
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
            if case .random(_, let low, let high) = initialization { initialization = .random(seed: UInt64(value), min: low, max: high) }
            if shuffleSeed != nil { shuffleSeed = UInt64(value) }
        }
    }
}
