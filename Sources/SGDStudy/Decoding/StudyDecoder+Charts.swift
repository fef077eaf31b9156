import SGDEngine

// A chart's keys; `fit` and `landscape` charts are read in StudyDecoder+QuestionCharts.swift.

extension StudyDecoder {
    static let chartKeys = [
        "name", "title", "per", "x", "y", "runs", "signal", "xScale", "yScale", "smoothing", "caption", "width", "height", "fit", "landscape", "reference",
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
        if let (n, p) = object["reference"] { chart.reference = reader.string(n, path: p, what: "reference (a run's name)") }
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
