import SGDEngine

/// Reads a located JSON tree into a `StudySpec`, checking types, ranges and key names.
///
/// Cross-field rules (a chart naming a run, a sweep that cannot apply, `state` naming a
/// parameter the model lacks) are `StudyResolver`'s job, after defaults are merged.
struct StudyDecoder {
    var reader: NodeReader

    init(file: String) {
        reader = NodeReader(file: file)
    }

    // `generator`, `parameters` and `sweptFrom` are what `study.json` adds to a study, so that a
    // written study builds again: the first is ignored, the other two are checked or kept.
    static let topKeys = ["$schema", "title", "description", "data", "defaults", "runs", "signals", "charts", "generator"]
    static let runKeys = [
        "name", "data", "model", "init", "epochs", "batch", "shuffle", "derivatives", "optimizer",
        "state", "warmupEpochs", "epochRestart", "lrAnneal", "record", "sweep", "parameters", "sweptFrom",
    ]
    static let defaultsKeys = runKeys.filter { !["name", "sweep", "parameters", "sweptFrom"].contains($0) }

    /// Upper bounds that keep a typo (an extra few zeros) from becoming a day-long job.
    static let maximumEpochs = 100_000_000
    static let maximumRows = 10_000_000
    static let maximumUnits = 4096
    /// A chart's largest width or height in CSS pixels: its PNG, drawn at 2×, is at most 4000 pixels.
    static let maximumChartSize = 2000
    static let maximumLayers = 64
    static let maximumSignalPoints = 10_000_000

    mutating func decode(_ root: JSONNode) -> StudySpec {
        var spec = StudySpec()
        guard let top = reader.object(root, path: "", keys: Self.topKeys, what: "a study") else {
            return spec
        }
        if let (node, path) = top["$schema"] { _ = reader.string(node, path: path, what: "$schema") }
        if let (node, path) = top["generator"] { _ = reader.string(node, path: path, what: "generator") }
        if let (node, path) = top["title"] { spec.title = reader.string(node, path: path, what: "the title") }
        if let (node, path) = top["description"] { spec.description = reader.string(node, path: path, what: "the description") }
        if let (node, path) = top["data"] { spec.data = decodeData(node, path: path) }
        if let (node, path) = top["defaults"] {
            spec.defaults = decodeRun(node, path: path, keys: Self.defaultsKeys, what: "defaults")
        }
        if let (node, path) = top["runs"] {
            spec.runsLocation = node.location
            if let elements = reader.array(node, path: path, what: "runs") {
                for (element, elementPath) in elements {
                    if let run = decodeRun(element, path: elementPath, keys: Self.runKeys, what: "a run") {
                        spec.runs.append(run)
                    } else {
                        spec.invalid.addRun(named: element["name"]?.stringValue)
                    }
                }
            }
        }
        if let (node, path) = top["signals"], let elements = reader.array(node, path: path, what: "signals") {
            for (element, elementPath) in elements {
                if let signal = decodeSignal(element, path: elementPath) {
                    spec.signals.append(signal)
                } else {
                    spec.invalid.addSignal(named: element["name"]?.stringValue)
                }
            }
        }
        spec.chartsWereGiven = top.has("charts")
        if let (node, path) = top["charts"], let elements = reader.array(node, path: path, what: "charts") {
            for (element, elementPath) in elements {
                if let chart = decodeChart(element, path: elementPath) { spec.charts.append(chart) }
            }
        }
        if spec.runs.isEmpty && spec.signals.isEmpty && reader.diagnostics.isEmpty {
            reader.report(
                "a study needs \"runs\" (or \"signals\")", node: root, path: "",
                hint: "e.g. \"runs\": [ { \"name\": \"1 neuron\", \"model\": \"linear\", \"optimizer\": { \"type\": \"sgd\", \"lr\": 0.0001 } } ]")
        }
        return spec
    }

    // MARK: Data

    mutating func decodeData(_ node: JSONNode, path: String) -> Field<DataSpec>? {
        if case .string(let name) = node.kind {
            guard name == "graddesc" else {
                reader.report(
                    "unknown data set \"\(name)\"", node: node, path: path,
                    hint: "the built-in data set is \"graddesc\"; or give { \"x\": [..], \"y\": [..] }")
                return nil
            }
            return Field(.graddesc, path: path, location: node.location)
        }
        if case .object = node.kind, node["csv"] != nil { return decodeCSVData(node, path: path) }
        guard let object = reader.object(node, path: path, keys: ["x", "y", "target"], required: ["x"], what: "data") else {
            return nil
        }
        if object.has("y") && object.has("target") {
            reader.report("data has both \"y\" and \"target\"; give one", node: node, path: path)
            return nil
        }
        guard let (xNode, xPath) = object["x"] else { return nil }
        var target: (slope: Double, intercept: Double)?
        if let (targetNode, targetPath) = object["target"] {
            guard let decoded = decodeTarget(targetNode, path: targetPath) else { return nil }
            target = decoded
        }
        if case .object = xNode.kind {
            guard let xObject = reader.object(xNode, path: xPath, keys: ["random"], required: ["random"], what: "data.x"),
                let (randomNode, randomPath) = xObject["random"],
                let random = reader.object(
                    randomNode, path: randomPath, keys: ["count", "min", "max", "seed"], required: ["count", "min", "max"],
                    what: "random data")
            else { return nil }
            let count = random["count"].flatMap { reader.integer($0.node, path: $0.path, what: "count", min: 1, max: Self.maximumRows) }
            let low = random["min"].flatMap { reader.integer($0.node, path: $0.path, what: "min", min: -1_000_000_000, max: 1_000_000_000) }
            let high = random["max"].flatMap { reader.integer($0.node, path: $0.path, what: "max", min: -1_000_000_000, max: 1_000_000_000) }
            let seed = random["seed"].map { reader.integer($0.node, path: $0.path, what: "seed", min: 0, max: Int(Int32.max)) } ?? Field(1, path: "", location: nil)
            guard let count, let low, let high, let seed else { return nil }
            if low.value > high.value {
                reader.report("min (\(low.value)) is greater than max (\(high.value))", field: high)
                return nil
            }
            guard let target else {
                reader.report("random data needs a \"target\" to compute y", node: node, path: path, hint: "add \"target\": { \"slope\": 2, \"intercept\": 30 }")
                return nil
            }
            return Field(
                .random(count: count.value, min: low.value, max: high.value, seed: UInt64(seed.value), slope: target.slope, intercept: target.intercept),
                path: path, location: node.location)
        }
        guard let x = reader.numbers(xNode, path: xPath, what: "data.x") else { return nil }
        if x.value.count > Self.maximumRows {
            reader.report("data has \(NumberText.grouped(x.value.count)) rows; the limit is \(NumberText.grouped(Self.maximumRows))", node: xNode, path: xPath)
            return nil
        }
        if let target {
            return Field(.target(x: x.value, slope: target.slope, intercept: target.intercept), path: path, location: node.location)
        }
        guard let (yNode, yPath) = object["y"] else {
            reader.report("data needs \"y\" or \"target\"", node: node, path: path, hint: "add \"target\": { \"slope\": 2, \"intercept\": 30 } or the y values")
            return nil
        }
        guard let y = reader.numbers(yNode, path: yPath, what: "data.y") else { return nil }
        guard x.value.count == y.value.count else {
            reader.report("data.y has \(y.value.count) values but data.x has \(x.value.count)", node: yNode, path: yPath, hint: "give one y per x")
            return nil
        }
        return Field(.explicit(x: x.value, y: y.value), path: path, location: node.location)
    }

    /// `{ "slope": …, "intercept": … }`.
    mutating func decodeTarget(_ node: JSONNode, path: String) -> (slope: Double, intercept: Double)? {
        guard let members = reader.object(node, path: path, keys: ["slope", "intercept"], required: ["slope", "intercept"], what: "target"),
            let (s, sp) = members["slope"], let slope = reader.number(s, path: sp, what: "slope"),
            let (i, ip) = members["intercept"], let intercept = reader.number(i, path: ip, what: "intercept")
        else { return nil }
        return (slope.value, intercept.value)
    }

    // MARK: Runs

    mutating func decodeRun(_ node: JSONNode, path: String, keys: [String], what: String) -> RunSpec? {
        guard let object = reader.object(node, path: path, keys: keys, required: keys.contains("name") ? ["name"] : [], what: what) else {
            return nil
        }
        var run = RunSpec(path: path, location: node.location)
        if let (n, p) = object["name"] {
            run.name = reader.string(n, path: p, what: "the run's name")
            if let name = run.name, name.value.trimmingWhitespace.isEmpty {
                reader.report("the run's name is empty", field: name)
                run.name = nil
            }
        }
        if let (n, p) = object["data"] { run.data = decodeData(n, path: p) }
        if let (n, p) = object["model"] { run.model = decodeModel(n, path: p) }
        if let (n, p) = object["init"] { decodeInit(n, path: p, into: &run) }
        if let (n, p) = object["epochs"] { run.epochs = reader.integer(n, path: p, what: "epochs", min: 1, max: Self.maximumEpochs) }
        if let (n, p) = object["batch"] { run.batch = decodeBatch(n, path: p) }
        if let (n, p) = object["shuffle"] { run.shuffle = decodeShuffle(n, path: p) }
        if let (n, p) = object["derivatives"] { run.derivatives = decodeDerivatives(n, path: p) }
        if let (n, p) = object["optimizer"] { run.optimizer = decodeOptimizer(n, path: p) }
        if let (n, p) = object["state"] { run.state = decodeState(n, path: p) }
        if let (n, p) = object["warmupEpochs"] {
            run.warmupEpochs = reader.integer(n, path: p, what: "warmupEpochs", min: 0, max: Self.maximumEpochs)
        }
        if let (n, p) = object["epochRestart"] {
            run.epochRestart = reader.choice(n, path: p, what: "epochRestart", as: TrainingSetup.EpochRestart.self)
        }
        if let (n, p) = object["lrAnneal"] { run.lrAnneal = decodeAnneal(n, path: p) }
        if let (n, p) = object["record"],
            let record = reader.object(n, path: p, keys: ["every"], required: ["every"], what: "record"),
            let (e, ep) = record["every"]
        {
            run.recordEvery = reader.integer(e, path: ep, what: "record.every", min: 1, max: 1_000_000_000)
        }
        if let (n, p) = object["sweep"] { run.sweep = decodeSweep(n, path: p) }
        if let (n, p) = object["parameters"], let names = reader.array(n, path: p, what: "parameters") {
            run.parameters = Field(names.compactMap { reader.string($0.0, path: $0.1, what: "each parameter name")?.value }, path: p, location: n.location)
        }
        if let (n, p) = object["sweptFrom"] { run.sweptFrom = decodeSweptFrom(n, path: p) }
        return run
    }

    mutating func decodeModel(_ node: JSONNode, path: String) -> Field<ModelSpec>? {
        if case .string(let word) = node.kind {
            guard word == "linear" else {
                reader.report(
                    "unknown model \"\(word)\"", node: node, path: path,
                    hint: "use \"linear\" (y = a·x + b) or { \"layers\": [ { \"units\": 1, \"activation\": \"relu\" }, { \"units\": 1 } ] }")
                return nil
            }
            return Field(.linear, path: path, location: node.location)
        }
        guard let object = reader.object(node, path: path, keys: ["layers"], required: ["layers"], what: "the model"),
            let (layersNode, layersPath) = object["layers"],
            let elements = reader.array(layersNode, path: layersPath, what: "layers", nonEmpty: true)
        else { return nil }
        if elements.count > Self.maximumLayers {
            reader.report("a model has at most \(Self.maximumLayers) layers, got \(elements.count)", node: layersNode, path: layersPath)
            return nil
        }
        var layers: [Layer] = []
        var ok = true
        for (element, elementPath) in elements {
            guard let layer = reader.object(element, path: elementPath, keys: ["units", "activation"], required: ["units"], what: "a layer"),
                let (u, up) = layer["units"], let units = reader.integer(u, path: up, what: "units", min: 1, max: Self.maximumUnits)
            else {
                ok = false
                continue
            }
            var activation = Activation.none
            if let (a, ap) = layer["activation"] {
                guard let chosen = reader.choice(a, path: ap, what: "the activation", as: Activation.self) else {
                    ok = false
                    continue
                }
                activation = chosen.value
            }
            layers.append(Layer(units: units.value, activation: activation))
        }
        guard ok else { return nil }
        if let last = layers.last, last.units != 1 {
            let lastPath = JSONPath.appending(key: "units", to: JSONPath.appending(index: layers.count - 1, to: layersPath))
            reader.report(
                "the last layer must have 1 unit (the prediction), got \(last.units)", path: lastPath, at: elements.last?.0.location,
                hint: "add { \"units\": 1 } as the last layer")
            return nil
        }
        return Field(ModelSpec(layers: layers, isLinearShorthand: false), path: path, location: node.location)
    }

    mutating func decodeInit(_ node: JSONNode, path: String, into run: inout RunSpec) {
        switch node.kind {
        case .number:
            if let value = reader.number(node, path: path, what: "init") {
                run.initialization = value.map { .constant($0) }
            }
        case .object(let members):
            if members.count == 1, members[0].key == "random" {
                let randomPath = JSONPath.appending(key: "random", to: path)
                guard let random = reader.object(members[0].value, path: randomPath, keys: ["seed", "min", "max"], what: "random init") else { return }
                var seed = 1, low = -1.0, high = 1.0
                var ok = true
                if let (n, p) = random["seed"] {
                    if let s = reader.integer(n, path: p, what: "seed", min: 0, max: Int(Int32.max)) { seed = s.value } else { ok = false }
                }
                if let (n, p) = random["min"] {
                    if let v = reader.number(n, path: p, what: "min") { low = v.value } else { ok = false }
                }
                if let (n, p) = random["max"] {
                    if let v = reader.number(n, path: p, what: "max") { high = v.value } else { ok = false }
                }
                guard ok else { return }
                if low > high {
                    reader.report("min is greater than max", node: members[0].value, path: randomPath)
                    return
                }
                run.initialization = Field(.random(seed: UInt64(seed), min: low, max: high), path: path, location: node.location)
                return
            }
            var values: [String: Double] = [:]
            var ok = true
            for member in members {
                let memberPath = JSONPath.appending(key: member.key, to: path)
                if let value = reader.number(member.value, path: memberPath, what: "init.\(member.key)") {
                    values[member.key] = value.value
                    run.initKeyLocations[member.key] = member.keyLocation
                } else {
                    ok = false
                }
            }
            if ok { run.initialization = Field(.values(values), path: path, location: node.location) }
        default:
            reader.report(
                "init must be a number, an object of weights or { \"random\": { \"seed\": 1 } }, got \(node.typeDescription)",
                node: node, path: path)
        }
    }

    mutating func decodeBatch(_ node: JSONNode, path: String) -> Field<TrainingSetup.Batch>? {
        switch node.kind {
        case .string(let word):
            switch word {
            case "online": return Field(.online, path: path, location: node.location)
            case "full": return Field(.full, path: path, location: node.location)
            default:
                reader.report(
                    "batch \"\(word)\" is not \"online\", \"full\" or a number of rows", node: node, path: path,
                    hint: Suggestions.closest(to: word, in: ["online", "full"]).map { "did you mean \"\($0)\"?" })
                return nil
            }
        case .number:
            return reader.integer(node, path: path, what: "batch", min: 1, max: Self.maximumRows).map { $0.map { .size($0) } }
        default:
            reader.report("batch must be \"online\", \"full\" or a number of rows, got \(node.typeDescription)", node: node, path: path)
            return nil
        }
    }

    mutating func decodeShuffle(_ node: JSONNode, path: String) -> Field<UInt64?>? {
        switch node.kind {
        case .bool(let on):
            return Field(on ? 1 : nil, path: path, location: node.location)
        case .object:
            guard let object = reader.object(node, path: path, keys: ["seed"], required: ["seed"], what: "shuffle"),
                let (n, p) = object["seed"], let seed = reader.integer(n, path: p, what: "seed", min: 0, max: Int(Int32.max))
            else { return nil }
            return Field(UInt64(seed.value), path: path, location: node.location)
        default:
            reader.report("shuffle must be true, false or { \"seed\": 1 }, got \(node.typeDescription)", node: node, path: path)
            return nil
        }
    }

    mutating func decodeDerivatives(_ node: JSONNode, path: String) -> DerivativesSpec {
        var spec = DerivativesSpec()
        guard let object = reader.object(node, path: path, keys: ["method", "epsilon", "check"], what: "derivatives") else { return spec }
        if let (n, p) = object["method"] { spec.method = reader.choice(n, path: p, what: "the method", as: Derivatives.Method.self) }
        if let (n, p) = object["epsilon"] { spec.epsilon = reader.number(n, path: p, what: "epsilon", bounds: .positive) }
        if let (n, p) = object["check"] { spec.check = reader.bool(n, path: p, what: "check") }
        return spec
    }

    mutating func decodeOptimizer(_ node: JSONNode, path: String) -> OptimizerSpec {
        var spec = OptimizerSpec(location: node.location, path: path)
        // A misspelt key is matched against the keys of the optimizer's own type when it has one:
        // adam's hint lists adam's keys, not momentum's "beta".
        var hint: ((String) -> String?)?
        if let type = node["type"]?.stringValue, let own = OptimizerSpec.fieldsByType[type] {
            let keys = ["type"] + own
            hint = { key in
                Suggestions.closest(to: key, in: keys).map { "did you mean \"\($0)\"?" }
                    ?? "\(type) takes " + keys.map { "\"\($0)\"" }.joined(separator: ", ")
            }
        }
        guard let object = reader.object(node, path: path, keys: OptimizerSpec.allFields, what: "the optimizer", hint: hint) else { return spec }
        if let (n, p) = object["type"], let type = reader.string(n, path: p, what: "the optimizer type") {
            if OptimizerSpec.types.contains(type.value) {
                spec.type = type
            } else {
                reader.report(
                    "unknown optimizer type \"\(type.value)\"", field: type,
                    hint: Suggestions.hint(for: type.value, in: OptimizerSpec.types, kind: "type"))
            }
        }
        for key in OptimizerSpec.allFields where key != "type" {
            guard let (n, p) = object[key] else { continue }
            // Values are checked now (so every problem is reported) and kept as nodes, since which
            // fields apply is only known once `type` is merged with `defaults`.
            let valid: Bool
            switch key {
            case "lr": valid = reader.number(n, path: p, what: "lr", bounds: .positive) != nil
            case "beta", "beta1", "beta2", "beta3": valid = reader.number(n, path: p, what: key, bounds: .decay) != nil
            case "eps": valid = reader.number(n, path: p, what: "eps", bounds: .nonNegative) != nil
            case "dampening", "debias", "amsgrad": valid = reader.bool(n, path: p, what: key) != nil
            // Which variants apply depends on the type: checked once defaults are merged.
            case "variant": valid = reader.string(n, path: p, what: "the variant") != nil
            default: valid = false
            }
            if valid { spec.fields[key] = Field(n, path: p, location: n.location) }
        }
        return spec
    }

    mutating func decodeAnneal(_ node: JSONNode, path: String) -> Field<LearningRateAnneal>? {
        guard let object = reader.object(
            node, path: path, keys: ["measure", "factor", "divisor", "reference"], required: ["measure"], what: "lrAnneal")
        else { return nil }
        var ok = true
        var anneal = LearningRateAnneal(measure: .gradientSize)
        if let (n, p) = object["measure"] {
            if let measure = reader.choice(n, path: p, what: "lrAnneal.measure", as: LearningRateAnneal.Measure.self) {
                anneal.measure = measure.value
            } else { ok = false }
        }
        if let (n, p) = object["factor"] {
            if let factor = reader.number(n, path: p, what: "lrAnneal.factor", bounds: .positive) { anneal.factor = factor.value } else { ok = false }
        }
        if let (n, p) = object["divisor"] {
            if let divisor = reader.number(n, path: p, what: "lrAnneal.divisor", bounds: .any) {
                if divisor.value > 1 {
                    anneal.divisor = divisor.value
                } else {
                    reader.report(
                        "lrAnneal.divisor must be greater than 1, got \(NumberText.compact(divisor.value))", field: divisor,
                        hint: "the rate is divided by it when the gradients grow: 2 halves it, 4 quarters it")
                    ok = false
                }
            } else { ok = false }
        }
        if let (n, p) = object["reference"] {
            if let reference = reader.number(n, path: p, what: "lrAnneal.reference", bounds: .positive) { anneal.reference = reference.value } else { ok = false }
        }
        return ok ? Field(anneal, path: path, location: node.location) : nil
    }

    mutating func decodeState(_ node: JSONNode, path: String) -> StateSpec {
        var spec = StateSpec()
        guard let object = reader.object(node, path: path, keys: ["avg", "sqr", "feedback", "losses"], what: "state") else { return spec }
        if let (n, p) = object["feedback"] { spec.feedback = reader.number(n, path: p, what: "state.feedback", bounds: .positive) }
        if let (n, p) = object["losses"], let elements = reader.array(n, path: p, what: "state.losses") {
            let values = elements.compactMap { reader.number($0.0, path: $0.1, what: "each loss", bounds: .positive)?.value }
            if elements.count > 2 {
                reader.report(
                    "state.losses has \(elements.count) values; Eve uses the last two epochs' losses", node: n, path: p,
                    hint: "give [f1, f2], the latest epoch's √SSE first")
            } else if values.count == elements.count {
                spec.losses = Field(values, path: p, location: n.location)
            }
        }
        func moments(_ key: String, bounds: Bounds, _ reader: inout NodeReader) -> Field<[String: Field<Double>]>? {
            guard let (n, p) = object[key] else { return nil }
            guard case .object(let members) = n.kind else {
                reader.report("state.\(key) must be an object of parameter values such as { \"a\": 0.5 }, got \(n.typeDescription)", node: n, path: p)
                return nil
            }
            var values: [String: Field<Double>] = [:]
            for member in members {
                let memberPath = JSONPath.appending(key: member.key, to: p)
                if var value = reader.number(member.value, path: memberPath, what: "state.\(key).\(member.key)", bounds: bounds) {
                    value.location = member.keyLocation
                    values[member.key] = value
                }
            }
            return Field(values, path: p, location: n.location)
        }
        spec.average = moments("avg", bounds: .any, &reader)
        spec.squareAverage = moments("sqr", bounds: .nonNegative, &reader)
        return spec
    }

    mutating func decodeSweep(_ node: JSONNode, path: String) -> [SweepAxis]? {
        guard case .object(let members) = node.kind else {
            reader.report("sweep must be an object such as { \"lr\": [1e-5, 1e-4] }, got \(node.typeDescription)", node: node, path: path)
            return nil
        }
        if members.isEmpty {
            reader.report("sweep names no setting", node: node, path: path, hint: "e.g. { \"lr\": [1e-5, 1e-4, 1e-3] }")
            return nil
        }
        var axes: [SweepAxis] = []
        for member in members {
            let memberPath = JSONPath.appending(key: member.key, to: path)
            guard let key = SweepKey(rawValue: member.key) else {
                reader.report(
                    "cannot sweep \"\(member.key)\"", path: memberPath, at: member.keyLocation,
                    hint: Suggestions.hint(for: member.key, in: SweepKey.allCases.map(\.rawValue), kind: "setting"))
                continue
            }
            guard let elements = reader.array(member.value, path: memberPath, what: "sweep.\(member.key)", nonEmpty: true) else { continue }
            var values: [Field<Double>] = []
            for (element, elementPath) in elements {
                let value: Field<Double>?
                switch key {
                case .lr: value = reader.number(element, path: elementPath, what: "lr", bounds: .positive)
                case .beta: value = reader.number(element, path: elementPath, what: "beta", bounds: .decay)
                case .epochs: value = reader.integer(element, path: elementPath, what: "epochs", min: 1, max: Self.maximumEpochs)?.map(Double.init)
                case .units: value = reader.integer(element, path: elementPath, what: "units", min: 1, max: Self.maximumUnits)?.map(Double.init)
                case .seed: value = reader.integer(element, path: elementPath, what: "seed", min: 0, max: Int(Int32.max))?.map(Double.init)
                }
                if let value {
                    if values.contains(where: { $0.value == value.value }) {
                        reader.report("sweep.\(member.key) lists \(NumberText.compact(value.value)) twice", field: value)
                    } else {
                        values.append(value)
                    }
                }
            }
            axes.append(SweepAxis(key: Field(key, path: memberPath, location: member.keyLocation), values: values))
        }
        return axes
    }

    /// `sweptFrom` in a written `study.json`: the run a sweep expanded and the settings it took.
    mutating func decodeSweptFrom(_ node: JSONNode, path: String) -> SweepOrigin? {
        guard let object = reader.object(node, path: path, keys: ["run", "settings"], required: ["run", "settings"], what: "sweptFrom"),
            let (runNode, runPath) = object["run"], let base = reader.string(runNode, path: runPath, what: "the run"),
            let (settingsNode, settingsPath) = object["settings"]
        else { return nil }
        guard case .object(let members) = settingsNode.kind else {
            reader.report("settings must be an object such as { \"lr\": 0.001 }", node: settingsNode, path: settingsPath)
            return nil
        }
        var settings: [SweepOrigin.Setting] = []
        for member in members {
            let memberPath = JSONPath.appending(key: member.key, to: settingsPath)
            guard let key = SweepKey(rawValue: member.key) else {
                reader.report("cannot sweep \"\(member.key)\"", path: memberPath, at: member.keyLocation,
                              hint: Suggestions.hint(for: member.key, in: SweepKey.allCases.map(\.rawValue), kind: "setting"))
                continue
            }
            if let value = reader.number(member.value, path: memberPath, what: member.key) {
                settings.append(.init(key: key, value: value.value))
            }
        }
        return SweepOrigin(baseName: base.value, settings: settings)
    }

    // MARK: Signals

    mutating func decodeSignal(_ node: JSONNode, path: String) -> SignalSpec? {
        guard let object = reader.object(
            node, path: path, keys: ["name", "x", "f", "values", "from", "ewma"], required: ["name"], what: "a signal")
        else { return nil }
        guard let (n, p) = object["name"], let name = reader.string(n, path: p, what: "the signal's name") else { return nil }
        let sources = ["x", "values", "from"].filter(object.has)
        guard sources.count == 1 else {
            reader.report(
                sources.isEmpty ? "a signal needs \"x\" with \"f\", \"values\", or \"from\"" : "a signal takes one of \"x\", \"values\" and \"from\", got \(sources.joined(separator: " and "))",
                node: node, path: path,
                hint: "e.g. \"x\": { \"from\": 0, \"to\": 20, \"step\": 0.1 }, \"f\": \"sin\"")
            return nil
        }
        var source: SignalSpec.Source?
        if let (xNode, xPath) = object["x"] {
            if let range = reader.object(xNode, path: xPath, keys: ["from", "to", "step"], required: ["from", "to", "step"], what: "x"),
                let from = range["from"].flatMap({ reader.number($0.node, path: $0.path, what: "from") }),
                let to = range["to"].flatMap({ reader.number($0.node, path: $0.path, what: "to") }),
                let step = range["step"].flatMap({ reader.number($0.node, path: $0.path, what: "step", bounds: .positive) })
            {
                guard let (fNode, fPath) = object["f"] else {
                    reader.report("a signal with \"x\" needs \"f\"", node: node, path: path, hint: "e.g. \"f\": \"sin\"")
                    return nil
                }
                guard let f = reader.choice(fNode, path: fPath, what: "f", as: ElementaryFunction.self) else { return nil }
                if to.value < from.value {
                    reader.report("x.to (\(NumberText.compact(to.value))) is less than x.from (\(NumberText.compact(from.value)))", field: to)
                    return nil
                }
                let count = Signal.pointCount(from: from.value, to: to.value, step: step.value)
                if count > Double(Self.maximumSignalPoints) {
                    reader.report(
                        "x from \(NumberText.compact(from.value)) to \(NumberText.compact(to.value)) by \(NumberText.compact(step.value)) makes \(NumberText.compact(count)) points; the limit is \(NumberText.grouped(Self.maximumSignalPoints))",
                        field: step, hint: "use a larger step")
                    return nil
                }
                source = .function(from: from.value, to: to.value, step: step.value, f: f.value)
            }
        } else if object.has("f"), let (fNode, fPath) = object["f"] {
            reader.report("\"f\" applies only to a signal with \"x\"", node: fNode, path: fPath)
        }
        if let (valuesNode, valuesPath) = object["values"],
            let values = reader.numbers(valuesNode, path: valuesPath, what: "values")
        {
            if values.value.count > Self.maximumSignalPoints {
                reader.report("a signal has at most \(NumberText.grouped(Self.maximumSignalPoints)) values", field: values)
            } else {
                source = .values(values.value)
            }
        }
        if let (fromNode, fromPath) = object["from"],
            let from = reader.object(fromNode, path: fromPath, keys: ["run", "column"], required: ["run", "column"], what: "from"),
            let run = from["run"].flatMap({ reader.string($0.node, path: $0.path, what: "the run") }),
            let column = from["column"].flatMap({ reader.string($0.node, path: $0.path, what: "the column") })
        {
            source = .run(name: run, column: column)
        }
        var ewma: ExponentialMovingAverage?
        if let (eNode, ePath) = object["ewma"],
            let e = reader.object(eNode, path: ePath, keys: ["beta", "initial", "dampening", "debias"], what: "ewma")
        {
            var average = ExponentialMovingAverage()
            var ok = true
            if let (n, p) = e["beta"] { if let v = reader.number(n, path: p, what: "beta", bounds: .decay) { average.beta = v.value } else { ok = false } }
            if let (n, p) = e["initial"] { if let v = reader.number(n, path: p, what: "initial") { average.initial = v.value } else { ok = false } }
            if let (n, p) = e["dampening"] { if let v = reader.bool(n, path: p, what: "dampening") { average.dampening = v.value } else { ok = false } }
            if let (n, p) = e["debias"] { if let v = reader.bool(n, path: p, what: "debias") { average.debias = v.value } else { ok = false } }
            if ok { ewma = average }
        }
        guard let source else { return nil }
        return SignalSpec(path: path, location: node.location, name: name, source: source, ewma: ewma)
    }

    // MARK: Charts

    static let chartKeys = [
        "name", "title", "per", "x", "y", "runs", "signal", "xScale", "yScale", "smoothing", "caption", "width", "height", "fit", "landscape",
    ]

    mutating func decodeChart(_ node: JSONNode, path: String) -> ChartSpec? {
        guard let object = reader.object(node, path: path, keys: Self.chartKeys, what: "a chart") else { return nil }
        var chart = ChartSpec(path: path, location: node.location)
        if let (n, p) = object["name"] { chart.name = reader.string(n, path: p, what: "the chart's name") }
        if let (n, p) = object["title"] { chart.title = reader.string(n, path: p, what: "the chart's title") }
        if let (n, p) = object["per"] { chart.per = reader.choice(n, path: p, what: "per", as: ChartPer.self) }
        if let (n, p) = object["x"] { chart.x = reader.string(n, path: p, what: "x") }
        if let (n, p) = object["y"] {
            if case .array = n.kind {
                if let elements = reader.array(n, path: p, what: "y", nonEmpty: true) {
                    chart.y = elements.compactMap { reader.string($0.0, path: $0.1, what: "each column of y") }
                }
            } else if let single = reader.string(n, path: p, what: "y (a column or a list of columns)") {
                chart.y = [single]
            }
        }
        if let (n, p) = object["runs"], let elements = reader.array(n, path: p, what: "runs", nonEmpty: true) {
            chart.runs = elements.compactMap { reader.string($0.0, path: $0.1, what: "each run name") }
        }
        if let (n, p) = object["signal"] { chart.signal = reader.string(n, path: p, what: "signal") }
        if let (n, p) = object["xScale"] { chart.xScale = reader.choice(n, path: p, what: "xScale", as: AxisScale.self) }
        if let (n, p) = object["yScale"] { chart.yScale = reader.choice(n, path: p, what: "yScale", as: AxisScale.self) }
        if let (n, p) = object["smoothing"] { chart.smoothing = reader.number(n, path: p, what: "smoothing", bounds: .smoothing) }
        if let (n, p) = object["caption"] { chart.caption = reader.string(n, path: p, what: "the caption") }
        // The PNG has twice the CSS size; past 4000 pixels forums refuse or shrink it.
        let cap = Self.maximumChartSize
        let tooLarge = "the PNG is drawn at twice this size, and \(NumberText.grouped(2 * cap)) pixels is the most forums take; use at most \(cap)"
        if let (n, p) = object["width"] { chart.width = reader.integer(n, path: p, what: "width", min: 160, max: cap, tooLarge: tooLarge) }
        if let (n, p) = object["height"] { chart.height = reader.integer(n, path: p, what: "height", min: 120, max: cap, tooLarge: tooLarge) }
        if let (n, p) = object["fit"] { chart.fit = decodeFit(n, path: p) }
        if let (n, p) = object["landscape"] { chart.landscape = decodeLandscape(n, path: p) }
        if object.has("fit") || object.has("landscape") {
            checkSpecialChart(object, node: node, path: path)
            // Already reported: resolving it as a line chart would only add a second message.
            if chart.fit == nil && chart.landscape == nil { return nil }
        } else if chart.signal != nil && (chart.runs != nil || chart.per != nil) {
            reader.report("a chart shows either a signal or runs, not both", node: node, path: path, hint: "remove \"signal\", or \"runs\" and \"per\"")
        }
        return chart
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }
}
