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
        "name", "file", "data", "model", "init", "epochs", "batch", "shuffle", "derivatives", "optimizer",
        "state", "warmupEpochs", "epochRestart", "lrAnneal", "schedule", "lrFind", "record", "sweep", "parameters", "sweptFrom",
    ]
    static let defaultsKeys = runKeys.filter { !["name", "file", "sweep", "parameters", "sweptFrom"].contains($0) }
    /// Keys a build writes into `study.json` (so that it builds again) but a study file written by
    /// hand has no use for: accepted, never offered in a "valid keys here" hint.
    static let keysWrittenByBuilds: Set<String> = ["$schema", "generator", "parameters", "sweptFrom"]

    /// The keys a hint may offer: `keys` without those only builds write.
    static func documented(_ keys: [String]) -> [String] { keys.filter { !keysWrittenByBuilds.contains($0) } }

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
        guard let top = reader.object(
            root, path: "", keys: Self.topKeys, what: "a study", hint: { Suggestions.hint(for: $0, in: Self.documented(Self.topKeys)) },
            notAnObject: "a study file is one object in braces: { \"title\": …, \"runs\": [ … ] }; a list of runs goes in its \"runs\"")
        else {
            return spec
        }
        if let (node, path) = top["$schema"] { _ = reader.string(node, path: path, what: "$schema") }
        if let (node, path) = top["generator"] { _ = reader.string(node, path: path, what: "generator") }
        if let (node, path) = top["title"] { spec.title = reader.string(node, path: path, what: "the title") }
        if let (node, path) = top["description"] { spec.description = reader.string(node, path: path, what: "the description") }
        if let (node, path) = top["data"] {
            spec.data = decodeData(node, path: path)
            spec.dataNormalize = decodeNormalize(node, path: path)
        }
        if let (node, path) = top["defaults"] {
            spec.defaults = decodeRun(node, path: path, keys: Self.defaultsKeys, what: "defaults")
        }
        if let (node, path) = top["runs"] {
            spec.runsLocation = node.location
            if let elements = reader.array(node, path: path, what: "runs", ofObjects: true) {
                for (element, elementPath) in elements {
                    if let run = decodeRun(element, path: elementPath, keys: Self.runKeys, what: "a run") {
                        spec.runs.append(run)
                    } else {
                        spec.invalid.addRun(named: element["name"]?.stringValue)
                    }
                }
            }
        }
        if let (node, path) = top["signals"], let elements = reader.array(node, path: path, what: "signals", ofObjects: true) {
            for (element, elementPath) in elements {
                if let signal = decodeSignal(element, path: elementPath) {
                    spec.signals.append(signal)
                    spec.signalNames.append(signal.name)
                } else {
                    spec.invalid.addSignal(named: element["name"]?.stringValue)
                    if let node = element["name"], let name = node.stringValue, Slug.hasVisibleCharacter(name) {
                        spec.signalNames.append(Field(name, path: JSONPath.appending(key: "name", to: elementPath), location: node.location))
                    }
                }
            }
        }
        spec.chartsWereGiven = top.has("charts")
        if let (node, path) = top["charts"], let elements = reader.array(node, path: path, what: "charts", ofObjects: true) {
            for (element, elementPath) in elements {
                if let chart = decodeChart(element, path: elementPath) { spec.charts.append(chart) }
            }
        }
        if spec.runs.isEmpty && spec.signals.isEmpty && reader.diagnostics.isEmpty {
            let example = "\"runs\": [ { \"name\": \"1 neuron\", \"model\": \"linear\", \"optimizer\": { \"type\": \"sgd\", \"lr\": 0.0001 } } ]"
            // An empty list is pointed at where it is written.
            if let (node, path) = top["runs"] ?? top["signals"] {
                reader.report(
                    "the list of \(path) is empty: a study needs at least one run (or one signal)", node: node, path: path,
                    hint: path == "runs" ? "e.g. " + example : "add a signal, or e.g. " + example)
            } else {
                reader.report("a study needs \"runs\" (or \"signals\")", node: root, path: "", hint: "e.g. " + example)
            }
        }
        return spec
    }

    // MARK: Data

    /// `data.normalize` (SPEC §4.2), when the data is an object that gives it.
    mutating func decodeNormalize(_ node: JSONNode, path: String) -> Field<Normalization>? {
        guard case .object(let members) = node.kind, let member = members.first(where: { $0.key == "normalize" }) else { return nil }
        return reader.choice(member.value, path: JSONPath.appending(key: "normalize", to: path), what: "data.normalize", as: Normalization.self)
    }

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
        if case .object = node.kind, node["name"] != nil {
            // `{ "name": "graddesc", "normalize": … }`: the built-in data set with a normalization.
            guard let object = reader.object(node, path: path, keys: ["name", "normalize"], required: ["name"], what: "data"),
                let (n, p) = object["name"], let name = reader.string(n, path: p, what: "the data set's name")
            else { return nil }
            guard name.value == "graddesc" else {
                reader.report("unknown data set \"\(name.value)\"", field: name, hint: "the built-in data set is \"graddesc\"")
                return nil
            }
            return Field(.graddesc, path: path, location: node.location)
        }
        guard let object = reader.object(node, path: path, keys: ["x", "y", "target", "normalize"], required: ["x"], what: "data") else {
            return nil
        }
        if object.has("y") && object.has("target") {
            reader.report("data has both \"y\" and \"target\"; give one", node: node, path: path, hint: "remove \"target\" to train on the y values, or \"y\" to compute them from the target line")
            return nil
        }
        guard let (xNode, xPath) = object["x"] else { return nil }
        // x, y and target are each checked; how they go together only when they are valid.
        var target: (slope: Double, intercept: Double)?
        var targetFailed = false
        if let (targetNode, targetPath) = object["target"] {
            target = decodeTarget(targetNode, path: targetPath)
            targetFailed = target == nil
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
            if let low, let high, low.value > high.value {
                reader.report("min (\(low.value)) is greater than max (\(high.value))", field: high, hint: "swap them: min is the lower end of the range")
                return nil
            }
            guard let count, let low, let high, let seed, !targetFailed else { return nil }
            guard let target else {
                reader.report("random data needs a \"target\" to compute y", node: node, path: path, hint: "add \"target\": { \"slope\": 2, \"intercept\": 30 }")
                return nil
            }
            return Field(
                .random(count: count.value, min: low.value, max: high.value, seed: UInt64(seed.value), slope: target.slope, intercept: target.intercept),
                path: path, location: node.location)
        }
        var x = reader.numbers(xNode, path: xPath, what: "data.x")
        if let rows = x?.value.count, rows > Self.maximumRows {
            reader.report("data has \(NumberText.grouped(rows)) rows; the limit is \(NumberText.grouped(Self.maximumRows))", node: xNode, path: xPath,
                hint: "use fewer rows: every \(Int((Double(rows) / Double(Self.maximumRows)).rounded(.up)))th, or a sample")
            x = nil
        }
        if targetFailed { return nil }
        if let target {
            guard let x else { return nil }
            return Field(.target(x: x.value, slope: target.slope, intercept: target.intercept), path: path, location: node.location)
        }
        guard let (yNode, yPath) = object["y"] else {
            // A misspelt "y" or "target" is reported as an unknown key: one mistake, one message.
            if object.hasOrMisspells("y") || object.hasOrMisspells("target") { return nil }
            reader.report("data needs \"y\" or \"target\"", node: node, path: path, hint: "add \"target\": { \"slope\": 2, \"intercept\": 30 } or the y values")
            return nil
        }
        guard let y = reader.numbers(yNode, path: yPath, what: "data.y"), let x else { return nil }
        guard x.value.count == y.value.count else {
            reader.report("data.y has \(y.value.count) values but data.x has \(x.value.count)", node: yNode, path: yPath, hint: "give one y per x")
            return nil
        }
        return Field(.explicit(x: x.value, y: y.value), path: path, location: node.location)
    }

    /// `{ "slope": …, "intercept": … }`: both checked.
    mutating func decodeTarget(_ node: JSONNode, path: String) -> (slope: Double, intercept: Double)? {
        guard let members = reader.object(node, path: path, keys: ["slope", "intercept"], required: ["slope", "intercept"], what: "target") else { return nil }
        let slope = members["slope"].flatMap { reader.number($0.node, path: $0.path, what: "slope") }
        let intercept = members["intercept"].flatMap { reader.number($0.node, path: $0.path, what: "intercept") }
        guard let slope, let intercept else { return nil }
        return (slope.value, intercept.value)
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
