import SGDEngine

// A run's settings: its model, initial weights, batches, shuffling and derivatives.
extension StudyDecoder {
    mutating func decodeRun(_ node: JSONNode, path: String, keys: [String], what: String) -> RunSpec? {
        // An optimizer's setting written on the run says where it goes.
        let placed: (String) -> String? = { key in
            if OptimizerSpec.allFields.contains(key) && key != "type" {
                return "\"\(key)\" belongs to the optimizer: \"optimizer\": { \"type\": …, \"\(key)\": … }"
            }
            return Suggestions.hint(for: key, in: Self.documented(keys))
        }
        guard let object = reader.object(
            node, path: path, keys: keys, required: keys.contains("name") ? ["name"] : [], what: what, hint: placed)
        else {
            return nil
        }
        var run = RunSpec(path: path, location: node.location)
        if let (n, p) = object["name"] { run.name = decodeName(n, path: p, of: "run") }
        if let (n, p) = object["file"] { run.file = decodeFile(n, path: p, of: "run") }
        if let (n, p) = object["data"] {
            run.data = decodeData(n, path: p)
            run.dataNormalize = decodeNormalize(n, path: p)
        }
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
        if let (n, p) = object["schedule"] { run.schedule = decodeSchedule(n, path: p) }
        if let (n, p) = object["lrFind"] {
            run.lrFind = decodeLRFind(n, path: p)
            run.lrFindWritten = Field(true, path: p, location: n.location)
        }
        if let (n, p) = object["record"], let record = reader.object(n, path: p, keys: ["every", "epochs"], what: "record") {
            if let (e, ep) = record["every"] {
                run.recordEvery = reader.integer(e, path: ep, what: "record.every", min: 1, max: 1_000_000_000)
            }
            if let (e, ep) = record["epochs"] {
                run.recordEpochs = reader.integer(e, path: ep, what: "record.epochs", min: 1, max: 1_000_000_000)
            }
            // An unknown key is reported as such (one mistake, one message); only `{}` is missing both.
            if case .object(let members) = n.kind, members.isEmpty {
                reader.report(
                    "record needs \"every\" or \"epochs\"", node: n, path: p,
                    hint: "write { \"every\": 1000 } to keep every 1000th step, { \"epochs\": 100 } to keep every 100th epoch, or remove \"record\" to keep all")
            }
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
            let elements = reader.array(layersNode, path: layersPath, what: "layers", nonEmpty: true, ofObjects: true)
        else { return nil }
        if elements.count > Self.maximumLayers {
            reader.report(
                "a model has at most \(Self.maximumLayers) layers, got \(elements.count)", node: layersNode, path: layersPath,
                hint: "remove layers down to \(Self.maximumLayers), or make the hidden layers wider (\"units\")")
            return nil
        }
        var layers: [Layer] = []
        var ok = true
        var lastUnits: Field<Int>?
        for (element, elementPath) in elements {
            // Units, activation and negativeSlope are each checked; negativeSlope against the
            // activation only when both are valid.
            guard let layer = reader.object(element, path: elementPath, keys: ["units", "activation", "negativeSlope"], required: ["units"], what: "a layer") else {
                ok = false
                continue
            }
            let units = layer["units"].flatMap { reader.integer($0.node, path: $0.path, what: "units", min: 1, max: Self.maximumUnits) }
            if elementPath == elements.last?.1 { lastUnits = units }
            var activation: Activation? = Activation.none
            if let (a, ap) = layer["activation"] { activation = reader.choice(a, path: ap, what: "the activation", as: Activation.self)?.value }
            var negativeSlope: Double? = Activation.defaultNegativeSlope
            if let (n, p) = layer["negativeSlope"] {
                let slope = reader.number(n, path: p, what: "negativeSlope", bounds: .nonNegative)
                negativeSlope = slope?.value
                if let slope, let activation, activation != .leakyRelu {
                    reader.report(
                        "negativeSlope is given but this layer's activation is \"\(activation.rawValue)\", not \"leaky-relu\"", field: slope,
                        hint: "use \"activation\": \"leaky-relu\" with it, or remove \"negativeSlope\"")
                    negativeSlope = nil
                }
            }
            guard let units, let activation, let negativeSlope else {
                ok = false
                continue
            }
            layers.append(Layer(units: units.value, activation: activation, negativeSlope: negativeSlope))
        }
        if let lastUnits, lastUnits.value != 1, let last = elements.last {
            reader.report(
                "the last layer must have 1 unit (the prediction), got \(lastUnits.value)", path: lastUnits.path, at: last.0.location,
                hint: "add { \"units\": 1 } as the last layer")
            return nil
        }
        guard ok else { return nil }
        return Field(ModelSpec(layers: layers, isLinearShorthand: false), path: path, location: node.location)
    }

    /// The random schemes an `init` object may name, each `{ "<scheme>": { "seed": 1 } }`.
    static let initSchemes = ["random", "pytorch", "kaiming-normal"]

    mutating func decodeInit(_ node: JSONNode, path: String, into run: inout RunSpec) {
        switch node.kind {
        case .number:
            if let value = reader.number(node, path: path, what: "init") {
                run.initialization = value.map { .constant($0) }
            }
        case .object(let members):
            if members.count == 1, Self.initSchemes.contains(members[0].key) {
                run.initialization = decodeInitScheme(members[0], path: path, location: node.location)
                return
            }
            if members.count == 1, members[0].key == "from" {
                let fromPath = JSONPath.appending(key: "from", to: path)
                guard let name = reader.string(members[0].value, path: fromPath, what: "init.from") else { return }
                run.initialization = Field(.from(run: name.value), path: fromPath, location: members[0].value.location)
                return
            }
            var values: [String: Double] = [:]
            var rest: InitSpec?
            var ok = true
            for member in members {
                let memberPath = JSONPath.appending(key: member.key, to: path)
                if member.key == "from" || Self.initSchemes.contains(member.key) {
                    reader.report(
                        "init \"\(member.key)\" must be the only key of init", path: memberPath, at: member.keyLocation,
                        hint: "write \"init\": { \"\(member.key)\": … } alone, or give the other weights' scheme as \"rest\": { \"\(member.key)\": … }")
                    ok = false
                } else if member.key == "rest" {
                    if case .number = member.value.kind, let value = reader.number(member.value, path: memberPath, what: "init.rest") {
                        rest = .constant(value.value)
                    } else if case .object(let schemes) = member.value.kind, schemes.count == 1, Self.initSchemes.contains(schemes[0].key),
                        let scheme = decodeInitScheme(schemes[0], path: memberPath, location: member.value.location)
                    {
                        rest = scheme.value
                    } else {
                        if case .number = member.value.kind {} else {
                            reader.report(
                                "init.rest must be a number or one of " + Self.initSchemes.map { "{ \"\($0)\": … }" }.joined(separator: ", ") + ", got \(member.value.typeDescription)",
                                node: member.value, path: memberPath, hint: "e.g. \"rest\": { \"random\": { \"seed\": 1 } }")
                        }
                        ok = false
                    }
                } else if let value = reader.number(member.value, path: memberPath, what: "init.\(member.key)") {
                    values[member.key] = value.value
                    run.initKeyLocations[member.key] = member.keyLocation
                } else {
                    ok = false
                }
            }
            // On an error the names that were read stay in `initKeyLocations`: they are still
            // checked against the model's parameters (see `checkInitNames`).
            guard ok else { return }
            run.initialization = Field(rest.map { .partial(values, rest: $0) } ?? .values(values), path: path, location: node.location)
        default:
            reader.report(
                "init must be a number, an object of weights, { \"random\": { \"seed\": 1 } }, { \"pytorch\": { \"seed\": 1 } }, { \"kaiming-normal\": { \"seed\": 1 } } or { \"from\": \"<run>\" }, got \(node.typeDescription)",
                node: node, path: path,
                hint: node.stringValue.map { "to start from another run's final weights write { \"from\": \"\($0)\" }; for every weight at 1 write \"init\": 1" }
                    ?? "write e.g. \"init\": 1 (every weight 1) or \"init\": { \"random\": { \"seed\": 1 } }")
        }
    }

    /// `{ "random": { "seed", "min", "max" } }`, `{ "pytorch": { "seed" } }` or `{ "kaiming-normal": { "seed" } }` (seed default 1).
    mutating func decodeInitScheme(_ member: JSONNode.Member, path: String, location: SourceLocation) -> Field<InitSpec>? {
        let schemePath = JSONPath.appending(key: member.key, to: path)
        let isRandom = member.key == "random"
        guard let scheme = reader.object(
            member.value, path: schemePath, keys: isRandom ? ["seed", "min", "max"] : ["seed"], what: "\(member.key) init")
        else { return nil }
        var seed = 1, low = -1.0, high = 1.0
        var ok = true
        if let (n, p) = scheme["seed"] {
            if let s = reader.integer(n, path: p, what: "seed", min: 0, max: Int(Int32.max)) { seed = s.value } else { ok = false }
        }
        if let (n, p) = scheme["min"] {
            if let v = reader.number(n, path: p, what: "min") { low = v.value } else { ok = false }
        }
        if let (n, p) = scheme["max"] {
            if let v = reader.number(n, path: p, what: "max") { high = v.value } else { ok = false }
        }
        guard ok else { return nil }
        if low > high {
            reader.report("min is greater than max", node: member.value, path: schemePath, hint: "swap them: min is the lower end of the range")
            return nil
        }
        let value: InitSpec
        switch member.key {
        case "pytorch": value = .pytorch(seed: UInt64(seed))
        case "kaiming-normal": value = .kaimingNormal(seed: UInt64(seed))
        default: value = .random(seed: UInt64(seed), min: low, max: high)
        }
        return Field(value, path: path, location: location)
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
            reader.report(
                "batch must be \"online\", \"full\" or a number of rows, got \(node.typeDescription)", node: node, path: path,
                hint: "write \"online\" (one row per step), \"full\" (all rows per step) or a number of rows such as 4")
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
            reader.report(
                "shuffle must be true, false or { \"seed\": 1 }, got \(node.typeDescription)", node: node, path: path,
                hint: node.stringValue.map { ["true", "false"].contains($0.lowercased()) } == true
                    ? "write \(node.stringValue!.lowercased()) without quotes" : "write true to shuffle with seed 1, or { \"seed\": 7 } for another order")
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
}
