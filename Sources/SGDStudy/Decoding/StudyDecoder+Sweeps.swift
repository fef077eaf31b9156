import SGDEngine

// `sweep` and a written study's `sweptFrom`.
extension StudyDecoder {
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
}
