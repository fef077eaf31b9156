/// What a small chart leaves out for lack of room, and the notes that say so (README: "What a
/// chart never hides"): a legend that cannot fit gets a note under the chart when one fits
/// there; axis titles and notes that no longer fit are named in the notes the alt text gives.
extension LayoutEngine {
    /// "6 series: no room for a legend (the page's alt text lists them)".
    static func noLegendNote(_ count: Int) -> String {
        "\(count) series: no room for a legend (the page's alt text lists them)"
    }

    /// "Not drawn for lack of room: the axis titles and the notes", or nil when nothing was left out.
    func omittedNote(_ frame: Frame, noteLines: [String]) -> String? {
        var omitted: [String] = []
        // The frame drops both titles together, when the plot would be too low with them.
        let titles = (chart.xLabel.isEmpty ? 0 : 1) + (chart.yLabel.isEmpty ? 0 : 1)
        if titles > 0, frame.xLabel == nil, frame.yLabel == nil {
            omitted.append(titles == 1 ? "the axis title" : "the axis titles")
        }
        if !noteLines.isEmpty && frame.notes.isEmpty { omitted.append("the notes") }
        guard !omitted.isEmpty else { return nil }
        return "Not drawn for lack of room: " + omitted.joined(separator: " and ")
    }

    /// The notes' lines, wrapped to the chart's width; they take at most a fifth of its height,
    /// the rest cut with an ellipsis.
    func setNotes(_ texts: [String]) -> [String] {
        var lines = texts.flatMap { setter.wrapped($0, font: theme.noteFont, width: chart.width - 2 * theme.padding) }
        let maxLines = Swift.max(1, Int(chart.height * 0.2 / noteLineHeight))
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = setter.truncated(lines[maxLines - 1] + " …", font: theme.noteFont,
                                                  width: chart.width - 2 * theme.padding)
        }
        return lines
    }
}
