import SGDEngine

// A run's optimizer, its learning-rate annealing and its starting state.
extension StudyDecoder {
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
        // Keys that belong to the run, not the optimizer, say where they go.
        let typeHint = hint
        let placed: (String) -> String? = { key in
            if ["state", "lrAnneal", "warmupEpochs", "epochRestart", "schedule", "lrFind"].contains(key) {
                return "\"\(key)\" belongs to the run, beside \"optimizer\": { \"name\": …, \"optimizer\": { … }, \"\(key)\": … }"
            }
            return typeHint.map { $0(key) } ?? Suggestions.hint(for: key, in: OptimizerSpec.allFields)
        }
        guard let object = reader.object(node, path: path, keys: OptimizerSpec.allFields, what: "the optimizer", hint: placed) else { return spec }
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
            case "wd": valid = reader.number(n, path: p, what: "wd", bounds: .nonNegative) != nil
            case "dampening", "debias", "amsgrad", "decoupleWd", "wdBias": valid = reader.bool(n, path: p, what: key) != nil
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
                reader.report(
                    "state.\(key) must be an object of parameter values such as { \"a\": 0.5 }, got \(n.typeDescription)", node: n, path: p,
                    hint: "give one value per weight, e.g. \"\(key)\": { \"a\": 10000, \"b\": 10000 }")
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
}
