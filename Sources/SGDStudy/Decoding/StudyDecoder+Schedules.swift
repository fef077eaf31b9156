import SGDEngine

/// A run's `schedule` as written (SPEC §4.3): its type and its fields, each located. Which
/// defaults apply (`lrMax` is the optimizer's `lr` when not given, `moms` only for an optimizer
/// with momentum) is decided once the run's optimizer is known.
struct ScheduleSpec: Sendable {
    var type: String
    var numbers: [String: Field<Double>] = [:]
    var integers: [String: Field<Int>] = [:]
    var moms: Field<[Double]>?

    /// The keys each schedule type takes, `type` first.
    static let keysByType: [String: [String]] = [
        "one-cycle": ["type", "lrMax", "pctStart", "div", "divFinal", "moms"],
        "cos": ["type", "from", "to"],
        "lin": ["type", "from", "to"],
        "exp": ["type", "from", "to"],
        "poly": ["type", "from", "to", "power"],
        "flat-cos": ["type", "lr", "pctStart", "divFinal"],
        "sgdr": ["type", "lrMax", "cycles", "cycleLen", "cycleMult"],
    ]
    static let types = ["one-cycle", "cos", "lin", "exp", "poly", "flat-cos", "sgdr"]
    static let requiredByType: [String: [String]] = [
        "cos": ["from", "to"], "lin": ["from", "to"], "exp": ["from", "to"], "poly": ["from", "to", "power"],
        "sgdr": ["cycles", "cycleLen"],
    ]
}

// `schedule` and `lrFind` on a run.
extension StudyDecoder {
    mutating func decodeSchedule(_ node: JSONNode, path: String) -> Field<ScheduleSpec>? {
        guard case .object = node.kind else {
            reader.report(
                "schedule must be an object such as { \"type\": \"one-cycle\", \"lrMax\": 0.01 }, got \(node.typeDescription)",
                node: node, path: path, hint: "schedule types: " + ScheduleSpec.types.map { "\"\($0)\"" }.joined(separator: ", "))
            return nil
        }
        guard let typeNode = node["type"] else {
            reader.report(
                "schedule needs \"type\"", node: node, path: path,
                hint: "add \"type\": one of " + ScheduleSpec.types.map { "\"\($0)\"" }.joined(separator: ", "))
            return nil
        }
        let typePath = JSONPath.appending(key: "type", to: path)
        guard let type = reader.string(typeNode, path: typePath, what: "the schedule type") else { return nil }
        guard let keys = ScheduleSpec.keysByType[type.value] else {
            reader.report(
                "unknown schedule type \"\(type.value)\"", field: type,
                hint: Suggestions.hint(for: type.value, in: ScheduleSpec.types, kind: "type"))
            return nil
        }
        let hint: (String) -> String? = { key in
            Suggestions.closest(to: key, in: keys).map { "did you mean \"\($0)\"?" }
                ?? "the \(type.value) schedule takes " + keys.map { "\"\($0)\"" }.joined(separator: ", ")
        }
        guard let object = reader.object(
            node, path: path, keys: keys, required: ScheduleSpec.requiredByType[type.value] ?? [],
            what: "the \(type.value) schedule", hint: hint)
        else { return nil }
        var spec = ScheduleSpec(type: type.value)
        var ok = true
        for key in keys where key != "type" {
            guard let (n, p) = object[key] else { continue }
            switch key {
            case "moms":
                guard case .array = n.kind else {
                    reader.report(
                        "moms must be an array of 3 momentums, got \(n.typeDescription)", node: n, path: p,
                        hint: "write [0.95, 0.85, 0.95] (fastai's default): the momentum at the start, at lrMax and at the end")
                    ok = false
                    continue
                }
                if let moms = reader.numbers(n, path: p, what: "moms", bounds: .decay) {
                    if moms.value.count == 3 {
                        spec.moms = moms
                    } else {
                        reader.report(
                            "moms has \(moms.value.count) values; one-cycle takes 3: the momentum at the start, at lrMax and at the end",
                            field: moms, hint: "write [0.95, 0.85, 0.95] (fastai's default)")
                        ok = false
                    }
                } else { ok = false }
            case "cycles", "cycleLen", "cycleMult":
                if let value = reader.integer(n, path: p, what: key, min: 1, max: 1000) { spec.integers[key] = value } else { ok = false }
            case "pctStart":
                if let value = reader.number(n, path: p, what: key, bounds: .closed(0, 1)) { spec.numbers[key] = value } else { ok = false }
            case "from", "to":
                // exp multiplies by (to/from)^pos: both must be positive; the others may reach 0.
                let bounds: Bounds = type.value == "exp" ? .positive : .nonNegative
                if let value = reader.number(n, path: p, what: "\(type.value).\(key)", bounds: bounds) { spec.numbers[key] = value } else { ok = false }
            default:
                if let value = reader.number(n, path: p, what: key, bounds: .positive) { spec.numbers[key] = value } else { ok = false }
            }
        }
        guard ok else { return nil }
        if let cycles = spec.integers["cycles"], let length = spec.integers["cycleLen"],
           Schedule.sgdr(lrMax: 1, cycles: cycles.value, cycleLen: length.value, cycleMult: spec.integers["cycleMult"]?.value ?? 2).epochs
            .map({ $0 > Self.maximumEpochs }) ?? true
        {
            reader.report(
                "sgdr with \(cycles.value) cycles of cycleLen \(length.value) growing ×\(spec.integers["cycleMult"]?.value ?? 2) would train more than \(NumberText.grouped(Self.maximumEpochs)) epochs",
                field: cycles, hint: "use fewer cycles, or \"cycleMult\": 1 for cycles of equal length")
            return nil
        }
        return Field(spec, path: path, location: node.location)
    }

    mutating func decodeLRFind(_ node: JSONNode, path: String) -> Field<LRFinder>? {
        guard let object = reader.object(
            node, path: path, keys: ["startLr", "endLr", "numIt", "stopDiv"], what: "lrFind",
            notAnObject: "write \"lrFind\": {} for fastai's defaults (startLr 1e-7, endLr 10, numIt 100, stopDiv true), or give some of them")
        else { return nil }
        var finder = LRFinder()
        var ok = true
        // The rates' order is checked whenever both rates are valid, beside a bad numIt or stopDiv.
        var ratesOK = true
        if let (n, p) = object["startLr"] {
            if let v = reader.number(n, path: p, what: "lrFind.startLr", bounds: .positive) { finder.startLr = v.value } else { ratesOK = false }
        }
        if let (n, p) = object["endLr"] {
            if let v = reader.number(n, path: p, what: "lrFind.endLr", bounds: .positive) { finder.endLr = v.value } else { ratesOK = false }
        }
        ok = ratesOK
        if let (n, p) = object["numIt"] {
            if let v = reader.integer(n, path: p, what: "lrFind.numIt", min: 6, max: 1_000_000) { finder.numIt = v.value } else { ok = false }
        }
        if let (n, p) = object["stopDiv"] {
            if let v = reader.bool(n, path: p, what: "lrFind.stopDiv") { finder.stopDiv = v.value } else { ok = false }
        }
        if ratesOK, finder.endLr <= finder.startLr {
            reader.report(
                "lrFind.endLr (\(NumberText.compact(finder.endLr))) must be above startLr (\(NumberText.compact(finder.startLr)))",
                node: node, path: path, hint: "the finder's rate grows from startLr to endLr: fastai's defaults are 1e-7 and 10")
            ok = false
        }
        return ok ? Field(finder, path: path, location: node.location) : nil
    }
}
