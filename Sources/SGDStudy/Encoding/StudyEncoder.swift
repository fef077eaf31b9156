import SGDEngine

/// Writes a resolved `Study` as `study.json`: the study file's own shape with every default
/// filled in, every sweep expanded and every seed written, so that building the written file
/// again gives the same traces.
public enum StudyEncoder {
    /// The study as `study.json`'s tree; `generator` (e.g. `sgdreport 0.1.0`) is written first. Does not throw.
    public static func encode(_ study: Study, generator: String) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("generator", .string(generator)),
            .init("title", .string(study.title)),
            .init("description", .string(study.description)),
            .init("runs", .array(study.runs.map(encode))),
        ]
        if !study.signals.isEmpty { members.append(.init("signals", .array(study.signals.map(encode)))) }
        members.append(.init("charts", .array(study.charts.map(encode))))
        return .object(members)
    }

    static func encode(_ run: Run) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("name", .string(run.name)),
        ]
        if let file = run.file { members.append(.init("file", .string(file))) }
        members += [
            .init("data", encode(run.data, normalization: run.normalization)),
            .init("model", encode(run.model)),
            .init("parameters", .array(run.parameterNames.map(JSONValue.string))),
            .init("init", encode(run.initialization, names: run.parameterNames)),
        ]
        // An lrFind run's passes follow from numIt; `epochs` on it is an error.
        if run.lrFind == nil { members.append(.init("epochs", .integer(run.epochs))) }
        members += [
            .init("batch", encode(run.batch)),
            .init("shuffle", run.shuffleSeed.map { .object([.init("seed", .number(Double($0)))]) } ?? .bool(false)),
            .init("derivatives", encode(run.derivatives)),
            .init("optimizer", encode(run.optimizer, decay: run.weightDecay)),
        ]
        if !run.startingAverage.isEmpty || !run.startingSquareAverage.isEmpty || run.startingFeedback != nil || !run.startingLosses.isEmpty {
            var state: [JSONValue.Member] = []
            if !run.startingAverage.isEmpty { state.append(.init("avg", moments(run.startingAverage, names: run.parameterNames))) }
            if !run.startingSquareAverage.isEmpty { state.append(.init("sqr", moments(run.startingSquareAverage, names: run.parameterNames))) }
            if let feedback = run.startingFeedback { state.append(.init("feedback", .number(feedback))) }
            if !run.startingLosses.isEmpty { state.append(.init("losses", .array(run.startingLosses.map(JSONValue.number)))) }
            members.append(.init("state", .object(state)))
        }
        members.append(.init("warmupEpochs", .integer(run.warmupEpochs)))
        members.append(.init("epochRestart", .string(run.epochRestart.rawValue)))
        if let anneal = run.lrAnneal { members.append(.init("lrAnneal", encode(anneal))) }
        if let schedule = run.schedule { members.append(.init("schedule", encode(schedule))) }
        if let finder = run.lrFind { members.append(.init("lrFind", encode(finder))) }
        var record: [JSONValue.Member] = [.init("every", .integer(run.recordEvery))]
        if run.recordEpochs != 1 { record.append(.init("epochs", .integer(run.recordEpochs))) }
        members.append(.init("record", .object(record)))
        if let sweep = run.sweep {
            members.append(.init("sweptFrom", .object([
                .init("run", .string(sweep.baseName)),
                .init("settings", .object(sweep.settings.map { setting in
                    switch setting.value {
                    case .number(let n): return .init(setting.key.rawValue, .number(n))
                    case .word(let w): return .init(setting.key.rawValue, .string(w))
                    }
                })),
            ])))
        }
        return .object(members)
    }

    /// The data with its `normalize` (SPEC §4.2) when it is not "none"; the built-in set is then
    /// written `{ "name": "graddesc", "normalize": … }`.
    static func encode(_ data: DataSpec, normalization: Normalization) -> JSONValue {
        guard normalization != .none else { return encode(data) }
        let written: JSONValue = data == .graddesc ? .object([.init("name", .string("graddesc"))]) : encode(data)
        guard case .object(var members) = written else { return written }
        members.append(.init("normalize", .string(normalization.rawValue)))
        return .object(members)
    }

    static func encode(_ data: DataSpec) -> JSONValue {
        switch data {
        case .graddesc: return .string("graddesc")
        case .explicit(let x, let y): return .object([.init("x", numbers(x)), .init("y", numbers(y))])
        case .target(let x, let slope, let intercept):
            return .object([.init("x", numbers(x)), .init("target", target(slope, intercept))])
        case .random(let count, let low, let high, let seed, let slope, let intercept):
            return .object([
                .init("x", .object([.init("random", .object([
                    .init("count", .integer(count)), .init("min", .integer(low)), .init("max", .integer(high)),
                    .init("seed", .number(Double(seed))),
                ]))])),
                .init("target", target(slope, intercept)),
            ])
        case .csv(let data):
            // The path as written: the report's copy is data/input.csv (see `Study.inputFiles`).
            var members: [JSONValue.Member] = [.init("csv", .string(data.file.written)), .init("x", column(data.x))]
            if let y = data.y { members.append(.init("y", column(y))) }
            if let line = data.target { members.append(.init("target", target(line.slope, line.intercept))) }
            if let delimiter = data.delimiter { members.append(.init("delimiter", .string(delimiter))) }
            if let decimal = data.decimal { members.append(.init("decimal", .string(decimal.rawValue))) }
            return .object(members)
        }
    }

    static func column(_ column: CSVColumn) -> JSONValue {
        switch column {
        case .name(let name): return .string(name)
        case .number(let number): return .integer(number)
        }
    }

    static func encode(_ model: ModelSpec) -> JSONValue {
        if model.isLinearShorthand { return .string("linear") }
        return .object([.init("layers", .array(model.layers.map { layer in
            var members: [JSONValue.Member] = [.init("units", .integer(layer.units)), .init("activation", .string(layer.activation.rawValue))]
            if layer.activation == .leakyRelu { members.append(.init("negativeSlope", .number(layer.negativeSlope))) }
            return .object(members)
        }))])
    }

    static func encode(_ initialization: InitSpec, names: [String]) -> JSONValue {
        switch initialization {
        case .constant(let value): return .number(value)
        case .values(let values): return .object(names.map { .init($0, .number(values[$0] ?? 1)) })
        case .random(let seed, let low, let high):
            return .object([.init("random", .object([
                .init("seed", .number(Double(seed))), .init("min", .number(low)), .init("max", .number(high)),
            ]))])
        case .pytorch(let seed): return .object([.init("pytorch", .object([.init("seed", .number(Double(seed)))]))])
        case .kaimingNormal(let seed): return .object([.init("kaiming-normal", .object([.init("seed", .number(Double(seed)))]))])
        case .partial(let values, let rest):
            return .object(names.compactMap { name in values[name].map { .init(name, .number($0)) } } + [.init("rest", encode(rest, names: names))])
        case .from(let run): return .object([.init("from", .string(run))])
        }
    }

    static func encode(_ batch: TrainingSetup.Batch) -> JSONValue {
        switch batch {
        case .online: return .string("online")
        case .full: return .string("full")
        case .size(let n): return .integer(n)
        }
    }

    static func encode(_ derivatives: Derivatives) -> JSONValue {
        var members: [JSONValue.Member] = [.init("method", .string(derivatives.method.rawValue))]
        if derivatives.method != .analytic || derivatives.check {
            members.append(.init("epsilon", .number(derivatives.epsilon)))
        }
        members.append(.init("check", .bool(derivatives.check)))
        return .object(members)
    }

    static func encode(_ optimizer: Optimizer) -> JSONValue {
        switch optimizer {
        case .sgd(let lr):
            return .object([.init("type", .string("sgd")), .init("lr", .number(lr))])
        case .momentum(let lr, let beta, let dampening):
            return .object([
                .init("type", .string("momentum")), .init("lr", .number(lr)), .init("beta", .number(beta)),
                .init("dampening", .bool(dampening)),
            ])
        case .rmsprop(let lr, let beta, let eps, let variant):
            return .object([
                .init("type", .string("rmsprop")), .init("lr", .number(lr)), .init("beta", .number(beta)),
                .init("eps", .number(eps)), .init("variant", .string(variant.rawValue)),
            ])
        case .adam(let lr, let beta1, let beta2, let eps, let debias):
            return .object([
                .init("type", .string("adam")), .init("lr", .number(lr)), .init("beta1", .number(beta1)),
                .init("beta2", .number(beta2)), .init("eps", .number(eps)), .init("debias", .bool(debias)),
            ])
        case .amsgrad(let lr, let beta1, let beta2, let eps, let debias):
            return .object([
                .init("type", .string("adam")), .init("lr", .number(lr)), .init("beta1", .number(beta1)),
                .init("beta2", .number(beta2)), .init("eps", .number(eps)), .init("debias", .bool(debias)),
                .init("amsgrad", .bool(true)),
            ])
        case .eve(let lr, let beta1, let beta2, let beta3, let eps, let debias):
            return .object([
                .init("type", .string("eve")), .init("lr", .number(lr)), .init("beta1", .number(beta1)),
                .init("beta2", .number(beta2)), .init("beta3", .number(beta3)), .init("eps", .number(eps)),
                .init("debias", .bool(debias)),
            ])
        case .adagrad(let lr, let eps, let variant):
            return .object([
                .init("type", .string("adagrad")), .init("lr", .number(lr)), .init("eps", .number(eps)),
                .init("variant", .string(variant.rawValue)),
            ])
        }
    }

    /// The optimizer, with `wd`, `decoupleWd` and `wdBias` when it decays.
    static func encode(_ optimizer: Optimizer, decay: WeightDecay?) -> JSONValue {
        let plain = encode(optimizer)
        guard let decay, case .object(let members) = plain else { return plain }
        return .object(members + [
            .init("wd", .number(decay.wd)), .init("decoupleWd", .bool(decay.decoupled)), .init("wdBias", .bool(decay.decaysBiases)),
        ])
    }

    static func encode(_ schedule: Schedule) -> JSONValue {
        var members: [JSONValue.Member] = [.init("type", .string(schedule.typeName))]
        switch schedule {
        case .oneCycle(let lrMax, let pctStart, let div, let divFinal, let moms):
            members += [
                .init("lrMax", .number(lrMax)), .init("pctStart", .number(pctStart)), .init("div", .number(div)),
                .init("divFinal", .number(divFinal)),
            ]
            if let moms { members.append(.init("moms", .array(moms.map(JSONValue.number)))) }
        case .cos(let from, let to), .lin(let from, let to), .exp(let from, let to):
            members += [.init("from", .number(from)), .init("to", .number(to))]
        case .poly(let from, let to, let power):
            members += [.init("from", .number(from)), .init("to", .number(to)), .init("power", .number(power))]
        case .flatCos(let lr, let pctStart, let divFinal):
            members += [.init("lr", .number(lr)), .init("pctStart", .number(pctStart)), .init("divFinal", .number(divFinal))]
        case .sgdr(let lrMax, let cycles, let cycleLen, let cycleMult):
            members += [
                .init("lrMax", .number(lrMax)), .init("cycles", .integer(cycles)), .init("cycleLen", .integer(cycleLen)),
                .init("cycleMult", .integer(cycleMult)),
            ]
        }
        return .object(members)
    }

    static func encode(_ finder: LRFinder) -> JSONValue {
        .object([
            .init("startLr", .number(finder.startLr)), .init("endLr", .number(finder.endLr)),
            .init("numIt", .integer(finder.numIt)), .init("stopDiv", .bool(finder.stopDiv)),
        ])
    }

    static func encode(_ anneal: LearningRateAnneal) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("measure", .string(anneal.measure.rawValue)), .init("factor", .number(anneal.factor)),
            .init("divisor", .number(anneal.divisor)),
        ]
        if let reference = anneal.reference { members.append(.init("reference", .number(reference))) }
        return .object(members)
    }

    static func encode(_ signal: Signal) -> JSONValue {
        var members: [JSONValue.Member] = [.init("name", .string(signal.name))]
        if let file = signal.file { members.append(.init("file", .string(file))) }
        switch signal.source {
        case .function(let from, let to, let step, let f):
            members.append(.init("x", .object([.init("from", .number(from)), .init("to", .number(to)), .init("step", .number(step))])))
            members.append(.init("f", .string(f.rawValue)))
        case .values(let values):
            members.append(.init("values", numbers(values)))
        case .run(let name, let column):
            members.append(.init("from", .object([.init("run", .string(name)), .init("column", .string(column))])))
        }
        if let ewma = signal.ewma {
            members.append(.init("ewma", .object([
                .init("beta", .number(ewma.beta)), .init("initial", .number(ewma.initial)),
                .init("dampening", .bool(ewma.dampening)), .init("debias", .bool(ewma.debias)),
            ])))
        }
        return .object(members)
    }

    static func encode(_ chart: ChartDefinition) -> JSONValue {
        var members: [JSONValue.Member] = [.init("name", .string(chart.name)), .init("title", .string(chart.title))]
        switch chart.content {
        case .runs(let per, let x, let y, let runs):
            members.append(.init("per", .string(per.rawValue)))
            members.append(.init("x", .string(x)))
            members.append(.init("y", .array(y.map(JSONValue.string))))
            members.append(.init("runs", .array(runs.map(JSONValue.string))))
        case .signal(let name, let x, let y):
            members.append(.init("signal", .string(name)))
            members.append(.init("x", .string(x)))
            members.append(.init("y", .array(y.map(JSONValue.string))))
        case .fit(let runs, let epochs):
            members.append(.init("fit", .object([
                .init("runs", .array(runs.map(JSONValue.string))), .init("epochs", .array(epochs.map { JSONValue.integer($0) })),
            ])))
        case .landscape(let x, let y, let runs):
            members.append(.init("landscape", .object([
                .init("x", .string(x)), .init("y", .string(y)), .init("runs", .array(runs.map(JSONValue.string))),
            ])))
        }
        // A fit or a landscape has no axis scales to record (SPEC §4.6); study.json stays a valid study.
        // A dot plot's y axis is its rows: it has no scale either.
        switch chart.content {
        case .runs(.run, ChartDefinition.byRun, _, _):
            members.append(.init("xScale", .string(chart.xScale.rawValue)))
        case .runs, .signal:
            members.append(.init("xScale", .string(chart.xScale.rawValue)))
            members.append(.init("yScale", .string(chart.yScale.rawValue)))
        case .fit, .landscape:
            break
        }
        if let reference = chart.reference { members.append(.init("reference", .string(reference))) }
        if let smoothing = chart.smoothing { members.append(.init("smoothing", .number(smoothing))) }
        if let caption = chart.caption { members.append(.init("caption", .string(caption))) }
        if let width = chart.width { members.append(.init("width", .integer(width))) }
        if let height = chart.height { members.append(.init("height", .integer(height))) }
        return .object(members)
    }

    private static func numbers(_ values: [Double]) -> JSONValue { .array(values.map(JSONValue.number)) }

    private static func target(_ slope: Double, _ intercept: Double) -> JSONValue {
        .object([.init("slope", .number(slope)), .init("intercept", .number(intercept))])
    }

    private static func moments(_ values: [String: Double], names: [String]) -> JSONValue {
        .object(names.compactMap { name in values[name].map { .init(name, .number($0)) } })
    }
}
