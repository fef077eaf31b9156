/// Alt text that says what a chart shows (SPEC §4.6): its kind, each axis with its quantity,
/// scale and range, every series, and every note drawn on it — the divergences with their steps,
/// values a scale hides, non-finite values, a symlog threshold, an axis offset.
extension Chart {
    /// The chart's alt text, from its layout (made with a fixed-advance measurer when `scene` is
    /// nil: the facts it states do not depend on the font). Throws what `layout` throws.
    package func altText(scene: Scene? = nil) throws -> String {
        let scene = try scene ?? layout(measurer: FixedAdvanceMeasurer())
        var parts: [String] = []
        let kind = yCategories != nil ? "Dot plot"
            : !series.isEmpty && series.allSatisfy({ $0.style == .markers }) ? "Scatter plot" : "Line chart"
        parts.append(title.isEmpty ? "\(kind)." : "\(kind): \(title).")
        parts.append(describe(scene.xAxis) + ".")
        if let yCategories {
            parts.append(describeRows(yCategories))
        } else {
            parts.append(describe(scene.yAxis) + ".")
        }
        if series.isEmpty {
            parts.append("No series.")
        } else {
            let names = series.enumerated().map { $0.element.name.isEmpty ? "series \($0.offset + 1)" : $0.element.name }
            let shown = names.joined(separator: ", ")
            parts.append(names.count == 1 ? "1 series: \(shown)." : "\(names.count) series: \(shown).")
        }
        if let colorScale, !scene.elements(.colorBar).isEmpty {
            let values = series.compactMap(\.colorValue)
            let (a, b) = Chart.distinctTexts(values.min() ?? 0, values.max() ?? 0)
            let kind = colorScale.scale == .log ? "log" : "linear"
            parts.append("Series coloured by \(colorScale.label) on a \(kind) colour bar from \(a) to \(b), in place of a legend.")
        }
        if let message = scene.texts(.emptyMessage).first?.text { parts.append("The plot shows \(message).") }
        var marks = series.compactMap { $0.divergence?.label }
        for annotation in annotations {
            switch annotation {
            case .verticalRule(_, let label), .horizontalRule(_, let label), .point(_, _, let label):
                if !label.isEmpty { marks.append(label) }
            }
        }
        // The axes above already give a symlog's threshold.
        let notes = marks + scene.notes.filter { !$0.contains(": symmetric log, linear within") }
        if !notes.isEmpty { parts.append("Notes: " + notes.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.joined(separator: "; ") + ".") }
        return parts.joined(separator: " ")
    }

    /// "y axis: final √SSE, log scale, from 3.2 to 1.9e11".
    private func describe(_ axis: AxisSummary) -> String {
        let name = axis.axis == .x ? "x" : "y"
        let quantity = axis.axis == .x ? xLabel : yLabel
        var text = "\(name) axis" + (quantity.isEmpty ? "" : ": \(quantity)")
        switch axis.mapping.transform.kind {
        case .linear: text += ", linear scale"
        case .log: text += ", log scale"
        case .symlog:
            text += ", symmetric log scale, linear within ±" + NumberFormat.logLabels([axis.mapping.transform.linthresh])[0]
        }
        let transform = axis.mapping.transform
        var low = Double.infinity, high = -Double.infinity
        for s in series {
            for (x, y) in zip(s.x, s.y) where transform.accepts(axis.axis == .x ? x : y) {
                let v = axis.axis == .x ? x : y
                low = Swift.min(low, v)
                high = Swift.max(high, v)
            }
        }
        if low <= high {
            let (a, b) = Chart.distinctTexts(low, high)
            text += low == high ? ", at \(a)" : ", from \(a) to \(b)"
        } else {
            text += ", no values"
        }
        if let offset = axis.offsetText { text += ", tick labels read as \(offset)" }
        return text
    }

    /// A dot plot's rows, top first, each with every series' value on it: "Rows, top to bottom:
    /// 1 neuron 87.1; ReLU sandwich 453." (3 significant digits; a row no series reaches says so).
    private func describeRows(_ names: [String]) -> String {
        let rowSeries = series.filter { $0.style != .line }.count
        let rows = names.enumerated().map { index, name in
            let row = Double(names.count - index)
            var values: [String] = []
            for s in series {
                // A line across the rows (a reference) is named once, not listed per row.
                guard s.style != .line else { continue }
                for (x, y) in zip(s.x, s.y) where y == row {
                    let text = x.isFinite ? NumberFormat.readable(x, decimals: 2) : "no value"
                    values.append(rowSeries > 1 && !s.name.isEmpty ? "\(s.name) \(text)" : text)
                }
            }
            return "\(name) " + (values.isEmpty ? "no value" : values.joined(separator: ", "))
        }
        var text = "\(names.count) rows, top to bottom: " + rows.joined(separator: "; ") + "."
        for s in series where s.style == .line {
            guard let x = s.x.first else { continue }
            text += " A dashed line, \(s.name), at \(NumberFormat.readable(x, decimals: 2))."
        }
        return text
    }

    /// Two values written with as few digits as tell them apart and give each to within a
    /// hundredth of their difference (2.00000000008 and 2.0000000004, not 2.0000000001 and …).
    static func distinctTexts(_ a: Double, _ b: Double) -> (String, String) {
        let tolerance = Swift.abs(b / 2 - a / 2) * 2 / 100
        func close(_ text: String, _ v: Double) -> Bool {
            guard let read = Double(text.replacing(NumberFormat.minus, with: "-")) else { return false }
            return Swift.abs(read - v) <= tolerance || read == v
        }
        for decimals in 3...16 {
            let pair = (NumberFormat.readable(a, decimals: decimals), NumberFormat.readable(b, decimals: decimals))
            if a == b { return pair }
            if pair.0 != pair.1 && close(pair.0, a) && close(pair.1, b) { return pair }
        }
        return (NumberFormat.shortest(a), NumberFormat.shortest(b))
    }
}

extension NumberFormat {
    /// A value for prose: plain for moderate magnitudes ("0.25", "1500"), else e-notation, with at
    /// most `decimals` + 1 significant digits.
    static func readable(_ value: Double, decimals: Int) -> String {
        let magnitude = Swift.abs(value)
        if magnitude == 0 { return "0" }
        if magnitude >= 1e-3 && magnitude < 1e6 {
            let exponent = Int(_log10(magnitude).rounded(.down))
            let places = Swift.max(0, decimals - exponent)
            if places <= 15, let text = plain(value, decimals: places) {
                var t = text
                if t.contains(".") {
                    while t.hasSuffix("0") { t.removeLast() }
                    if t.hasSuffix(".") { t.removeLast() }
                }
                return t
            }
        }
        return scientific(value, maxDecimals: decimals)
    }
}
