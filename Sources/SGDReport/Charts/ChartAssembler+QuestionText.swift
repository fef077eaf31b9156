import SGDCharts
import SGDStudy

/// Alt text for the `fit` and `landscape` charts (SPEC §4.6): the kind, each axis with its
/// quantity, scale and range, the series, and every note drawn on the chart.
extension ChartAssembler {
    /// The alt text for `chart`, made from `content`; line charts keep `altText(for:)`.
    static func altText(for chart: Chart, content: ChartDefinition.Content) -> String {
        switch content {
        case .fit(_, let epochs):
            let lines = chart.series.dropFirst().map(\.name)
            let data = chart.series.first.map { "\($0.x.count) data points" } ?? "no data"
            let ends = Array(Set(epochs)).sorted().filter { $0 > 0 }
            let when = (epochs.contains(0) ? "at the start" : "") + (epochs.contains(0) && !ends.isEmpty ? " and " : "")
                + (ends.isEmpty ? "" : "at the end of epoch\(ends.count == 1 ? "" : "s") \(ends.map(String.init).joined(separator: ", "))")
            var text = "Fit chart: \(chart.title). \(data) (x, y) and the function the model computes \(when), drawn as lines over x. "
            text += axisText("x axis", quantity: "x", values: chart.series.flatMap(\.x), domain: chart.xDomain)
            text += " " + axisText("y axis", quantity: "y", values: chart.series.flatMap(\.y), domain: chart.yDomain)
            text += " Lines: " + (lines.isEmpty ? "none" : lines.joined(separator: "; ")) + "."
            return text + notesText(chart.notes)
        case .landscape(let x, let y, _):
            var text = "Landscape chart: \(chart.title). Contour lines of the sum of squared errors over \(x) and \(y)"
            if let levels = chart.contours?.levels, let low = levels.first, let high = levels.last {
                text += ", logarithmic levels from \(short(low)) to \(short(high))"
            }
            text += ". " + axisText("x axis", quantity: x, values: [], domain: chart.xDomain)
            text += " " + axisText("y axis", quantity: y, values: [], domain: chart.yDomain)
            let paths = chart.series.map { s -> String in
                let finite = zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite }
                guard let start = finite.first, let end = finite.last else { return "\(s.name) (no finite step)" }
                return "\(s.name) from (\(short(start.0)), \(short(start.1))) to (\(short(end.0)), \(short(end.1))) in \(finite.count) points"
            }
            text += " Paths: " + (paths.isEmpty ? "none" : paths.joined(separator: "; ")) + "."
            for case .point(let px, let py, let label) in chart.annotations {
                text += " Marked: \(label) at (\(short(px)), \(short(py)))."
            }
            return text + notesText(chart.notes)
        case .runs, .signal:
            return altText(for: chart)
        }
    }

    private static func axisText(_ axis: String, quantity: String, values: [Double], domain: ClosedRange<Double>?) -> String {
        let finite = values.filter(\.isFinite)
        let range = domain ?? (finite.min().map { $0...finite.max()! })
        guard let range else { return "\(axis): \(quantity), linear." }
        return "\(axis): \(quantity), linear, from \(short(range.lowerBound)) to \(short(range.upperBound))."
    }

    private static func notesText(_ notes: [String]) -> String {
        notes.isEmpty ? "" : " Notes: " + notes.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }
}
