/// `"fit": { "runs": [...], "epochs": [...] }` as written (SPEC §4.6).
struct FitChartSpec: Sendable {
    var path: String
    var location: SourceLocation?
    var runs: [Field<String>]
    var epochs: [Field<Int>]
    /// Some epoch was not valid (reported): the runs are still checked, the epochs are not.
    var hasBadEpochs = false
}

/// `"landscape": { "x": …, "y": …, "runs": [...] }` as written (SPEC §4.6).
struct LandscapeChartSpec: Sendable {
    var path: String
    var location: SourceLocation?
    var x: Field<String>
    var y: Field<String>
    var runs: [Field<String>]
}

extension StudyDecoder {
    static let fitKeys = ["runs", "epochs"]
    static let landscapeKeys = ["x", "y", "runs"]
    /// Keys of a line chart that a `fit` or `landscape` chart has no use for.
    static let lineChartOnlyKeys = ["per", "x", "y", "runs", "signal", "xScale", "yScale", "smoothing", "reference"]

    mutating func decodeFit(_ node: JSONNode, path: String) -> FitChartSpec? {
        guard let object = reader.object(node, path: path, keys: Self.fitKeys, required: Self.fitKeys, what: "\"fit\"") else { return nil }
        // The runs and the epochs are each checked.
        let runs = names(object["runs"], what: "fit's runs")
        guard let (n, p) = object["epochs"], let elements = reader.array(n, path: p, what: "fit's epochs", nonEmpty: true) else { return nil }
        let epochs = elements.compactMap { reader.integer($0.0, path: $0.1, what: "each epoch", min: 0, max: Int(Int32.max)) }
        guard let runs else { return nil }
        return FitChartSpec(path: path, location: node.location, runs: runs, epochs: epochs, hasBadEpochs: epochs.count != elements.count)
    }

    mutating func decodeLandscape(_ node: JSONNode, path: String) -> LandscapeChartSpec? {
        guard let object = reader.object(node, path: path, keys: Self.landscapeKeys, required: Self.landscapeKeys, what: "\"landscape\"") else {
            return nil
        }
        // x, y and the runs are each checked; x against y when both are valid.
        let x = object["x"].flatMap { reader.string($0.node, path: $0.path, what: "the landscape's x (a parameter name)") }
        let y = object["y"].flatMap { reader.string($0.node, path: $0.path, what: "the landscape's y (a parameter name)") }
        let runs = names(object["runs"], what: "the landscape's runs")
        guard let x, let y, let runs else { return nil }
        if x.value == y.value {
            reader.report("the landscape's x and y are both \"\(x.value)\"", field: y, hint: "choose two different parameters, e.g. \"a\" and \"b\"")
            return nil
        }
        return LandscapeChartSpec(path: path, location: node.location, x: x, y: y, runs: runs)
    }

    /// A chart with `fit` or `landscape` is that kind only: one of them, and no line-chart keys.
    mutating func checkSpecialChart(_ object: ObjectMembers, node: JSONNode, path: String) {
        if object.has("fit") && object.has("landscape") {
            reader.report("a chart is either a \"fit\" or a \"landscape\", not both", node: node, path: path,
                          hint: "split it into two charts")
            return
        }
        let kind = object.has("fit") ? "fit" : "landscape"
        for key in Self.lineChartOnlyKeys where object.has(key) {
            let (n, p) = object[key]!
            reader.report("a \"\(kind)\" chart has no \"\(key)\"", node: n, path: p,
                          hint: key == "runs" || (kind == "landscape" && (key == "x" || key == "y"))
                            ? "put \"\(key)\" inside \"\(kind)\"" : "remove \"\(key)\"")
        }
    }

    private mutating func names(_ member: (node: JSONNode, path: String)?, what: String) -> [Field<String>]? {
        guard let (n, p) = member, let elements = reader.array(n, path: p, what: what, nonEmpty: true) else { return nil }
        let names = elements.compactMap { reader.string($0.0, path: $0.1, what: "each run name") }
        return names.count == elements.count ? names : nil
    }
}
