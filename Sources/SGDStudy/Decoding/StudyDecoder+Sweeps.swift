import SGDEngine

// `sweep` (SPEC §3, §4.3): lists of values or ranges, and a written study's `sweptFrom`.
extension StudyDecoder {
    /// The largest `count` a range may ask for (the study's run limit refuses big products later).
    static let maximumRangeCount = 10_000

    mutating func decodeSweep(_ node: JSONNode, path: String) -> [SweepAxis]? {
        guard case .object(let members) = node.kind else {
            reader.report("sweep must be an object such as { \"lr\": [1e-5, 1e-4] }, got \(node.typeDescription)", node: node, path: path, hint: "name each setting and list its values: { \"lr\": [1e-5, 1e-4], \"seed\": [1, 2] }")
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
            let candidates: [Field<SweepOrigin.Value>]
            if case .object = member.value.kind {
                guard let range = decodeSweepRange(member.value, path: memberPath, key: key) else { continue }
                candidates = range
            } else {
                guard let elements = reader.array(member.value, path: memberPath, what: "sweep.\(member.key)", nonEmpty: true) else { continue }
                candidates = elements.compactMap { decodeSweepValue($0.0, path: $0.1, key: key) }
            }
            var values: [Field<SweepOrigin.Value>] = []
            for value in candidates {
                if values.contains(where: { $0.value == value.value }) {
                    reader.report("sweep.\(member.key) lists \(value.value.text) twice", field: value, hint: "remove the second \(value.value.text): each value makes one run")
                } else {
                    values.append(value)
                }
            }
            axes.append(SweepAxis(key: Field(key, path: memberPath, location: member.keyLocation), values: values))
        }
        return axes
    }

    /// One value of a sweep, checked as the setting itself is checked.
    mutating func decodeSweepValue(_ node: JSONNode, path: String, key: SweepKey) -> Field<SweepOrigin.Value>? {
        if key == .activation {
            return reader.choice(node, path: path, what: "activation", as: Activation.self)?.map { .word($0.rawValue) }
        }
        return checkSweepNumber(node, path: path, key: key)
    }

    private mutating func checkSweepNumber(_ node: JSONNode, path: String, key: SweepKey) -> Field<SweepOrigin.Value>? {
        let name = key.rawValue
        switch key.bounds {
        case .whole(let low, let high):
            return reader.integer(node, path: path, what: name, min: low, max: high)?.map { .number(Double($0)) }
        case .real(let bounds):
            return reader.number(node, path: path, what: name, bounds: bounds)?.map { .number($0) }
        case .word:
            return nil
        }
    }

    /// `{ "from": 1e-5, "to": 1e-1, "count": 9, "scale": "log" }` (`scale` defaults to linear): see
    /// `SweepRange` for the values it makes.
    mutating func decodeSweepRange(_ node: JSONNode, path: String, key: SweepKey) -> [Field<SweepOrigin.Value>]? {
        if key == .activation {
            reader.report(
                "sweep.activation takes a list of activations, not a range", node: node, path: path,
                hint: "e.g. \"activation\": [\"relu\", \"leaky-relu\"]")
            return nil
        }
        // Each member is checked on its own, so that a bad count does not hide a bad scale.
        guard let object = reader.object(node, path: path, keys: ["from", "to", "count", "scale"], required: ["from", "to", "count"], what: "a sweep range"),
            let (fromNode, fromPath) = object["from"], let (toNode, toPath) = object["to"], let (countNode, countPath) = object["count"]
        else { return nil }
        let from = checkSweepNumber(fromNode, path: fromPath, key: key)
        let to = checkSweepNumber(toNode, path: toPath, key: key)
        let count = reader.integer(countNode, path: countPath, what: "count", min: 2, max: Self.maximumRangeCount,
                                   tooLarge: "a range makes at most \(Self.maximumRangeCount) values")
        var scale: SweepRange.Scale? = .linear
        if let (n, p) = object["scale"] { scale = reader.choice(n, path: p, what: "scale", as: SweepRange.Scale.self)?.value }
        guard let from, let to, let count, let scale else { return nil }
        guard case .number(let low) = from.value, case .number(let high) = to.value else { return nil }
        if scale == .log && (low <= 0 || high <= 0) {
            reader.report(
                "a log range needs from and to above 0, got from \(NumberText.compact(low)) to \(NumberText.compact(high))",
                node: node, path: path, hint: "use \"scale\": \"linear\", or start the range above 0 (e.g. 1e-5)")
            return nil
        }
        if low == high {
            reader.report("the range's from and to are both \(NumberText.compact(low))", node: node, path: path, hint: "give two different ends, or a list of one value")
            return nil
        }
        let range = SweepRange(from: low, to: high, count: count.value, scale: scale, wholeNumbers: key.isWholeNumber)
        guard let values = range.values else {
            reader.report(
                "from \(NumberText.compact(low)) to \(NumberText.compact(high)) holds fewer than \(count.value) different whole numbers",
                field: count, hint: "use a smaller count")
            return nil
        }
        return values.map { Field(.number($0), path: path, location: node.location) }
    }

    /// `sweptFrom` in a written `study.json`: the run a sweep expanded and the settings it took.
    mutating func decodeSweptFrom(_ node: JSONNode, path: String) -> SweepOrigin? {
        // The run and the settings are each checked.
        guard let object = reader.object(node, path: path, keys: ["run", "settings"], required: ["run", "settings"], what: "sweptFrom") else { return nil }
        let base = object["run"].flatMap { reader.string($0.node, path: $0.path, what: "the run") }
        guard let (settingsNode, settingsPath) = object["settings"] else { return nil }
        guard case .object(let members) = settingsNode.kind else {
            reader.report("settings must be an object such as { \"lr\": 0.001 }", node: settingsNode, path: settingsPath, hint: "write the swept settings in braces, e.g. { \"lr\": 0.001 }")
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
            if let value = decodeSweepValue(member.value, path: memberPath, key: key) {
                settings.append(.init(key: key, value: value.value))
            }
        }
        guard let base else { return nil }
        return SweepOrigin(baseName: base.value, settings: settings)
    }
}
