import SGDEngine

// A study's `signals`: a function of x, given values, or a run's column, with an optional EWMA.

extension StudyDecoder {
    mutating func decodeSignal(_ node: JSONNode, path: String) -> SignalSpec? {
        guard let object = reader.object(
            node, path: path, keys: ["name", "file", "x", "f", "values", "from", "ewma"], required: ["name"], what: "a signal")
        else { return nil }
        // The name, the file, the source and the ewma are each checked; a bad name or file makes
        // the signal invalid (charts of it say nothing more) once the rest is checked too.
        guard let (n, p) = object["name"] else { return nil }
        let name = decodeName(n, path: p, of: "signal")
        var file: Field<String>?
        var fileFailed = false
        if let (n, p) = object["file"] {
            file = decodeFile(n, path: p, of: "signal")
            fileFailed = file == nil
        }
        let sources = ["x", "values", "from"].filter(object.has)
        guard sources.count == 1 else {
            // A misspelt source is reported as an unknown key: one mistake, one message.
            if sources.isEmpty && ["x", "values", "from"].contains(where: object.hasOrMisspells) { return nil }
            reader.report(
                sources.isEmpty ? "a signal needs \"x\" with \"f\", \"values\", or \"from\"" : "a signal takes one of \"x\", \"values\" and \"from\", got \(sources.joined(separator: " and "))",
                node: node, path: path,
                hint: "e.g. \"x\": { \"from\": 0, \"to\": 20, \"step\": 0.1 }, \"f\": \"sin\"")
            return nil
        }
        var source: SignalSpec.Source?
        if let (xNode, xPath) = object["x"] {
            // The range's three numbers and "f" are each checked, so that every mistake among
            // them is reported in one pass (a step of 0 does not hide an unknown "f").
            let range = reader.object(xNode, path: xPath, keys: ["from", "to", "step"], required: ["from", "to", "step"], what: "x")
            let from = range?["from"].flatMap({ reader.number($0.node, path: $0.path, what: "from") })
            let to = range?["to"].flatMap({ reader.number($0.node, path: $0.path, what: "to") })
            let step = range?["step"].flatMap({ reader.number($0.node, path: $0.path, what: "step", bounds: .positive) })
            var function: Field<ElementaryFunction>?
            if let (fNode, fPath) = object["f"] {
                function = reader.choice(fNode, path: fPath, what: "f", as: ElementaryFunction.self)
            } else if !object.hasOrMisspells("f") {
                reader.report("a signal with \"x\" needs \"f\"", node: node, path: path, hint: "e.g. \"f\": \"sin\"")
            }
            // The range's order needs only its ends: a bad step or "f" does not hide it.
            if let from, let to, to.value < from.value {
                reader.report("x.to (\(NumberText.compact(to.value))) is less than x.from (\(NumberText.compact(from.value)))", field: to, hint: "swap them: x goes from \"from\" up to \"to\" in steps of \"step\"")
                return nil
            }
            if let from, let to, let step, let f = function {
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
            reader.report("\"f\" applies only to a signal with \"x\"", node: fNode, path: fPath, hint: "remove \"f\", or give the signal \"x\": { \"from\": 0, \"to\": 20, \"step\": 0.1 } instead of its values")
        }
        if let (valuesNode, valuesPath) = object["values"],
            let values = decodeSignalValues(valuesNode, path: valuesPath)
        {
            if values.value.count > Self.maximumSignalPoints {
                reader.report("a signal has at most \(NumberText.grouped(Self.maximumSignalPoints)) values", field: values, hint: "use fewer values, or a larger x step")
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
        guard let name, !fileFailed, let source else { return nil }
        return SignalSpec(path: path, location: node.location, name: name, file: file, source: source, ewma: ewma)
    }
}

extension StudyDecoder {
    /// `values`: a list of numbers, or a piecewise-constant series
    /// `{ "pieces": [ { "value": 1, "count": 60 }, { "value": 0.5, "count": 60 } ] }` — each piece's
    /// value repeated `count` times, in order.
    mutating func decodeSignalValues(_ node: JSONNode, path: String) -> Field<[Double]>? {
        guard case .object = node.kind else { return reader.numbers(node, path: path, what: "values") }
        guard let object = reader.object(node, path: path, keys: ["pieces"], required: ["pieces"], what: "values"),
            let (piecesNode, piecesPath) = object["pieces"],
            let pieces = reader.array(piecesNode, path: piecesPath, what: "values.pieces", nonEmpty: true, ofObjects: true)
        else { return nil }
        var values: [Double] = []
        var ok = true
        for (piece, piecePath) in pieces {
            let members = reader.object(piece, path: piecePath, keys: ["value", "count"], required: ["value", "count"], what: "a piece")
            let value = members?["value"].flatMap({ reader.number($0.node, path: $0.path, what: "the piece's value") })
            let count = members?["count"].flatMap({ reader.integer($0.node, path: $0.path, what: "the piece's count", min: 1, max: Self.maximumSignalPoints) })
            guard let value, let count else {
                ok = false
                continue
            }
            guard values.count + count.value <= Self.maximumSignalPoints else {
                reader.report(
                    "the pieces make more values than a signal may have (\(NumberText.grouped(Self.maximumSignalPoints)))",
                    field: count, hint: "use smaller counts")
                return nil
            }
            values.append(contentsOf: repeatElement(value.value, count: count.value))
        }
        return ok ? Field(values, path: path, location: node.location) : nil
    }
}
