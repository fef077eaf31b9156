import Foundation
import SGDCharts
import SGDEngine
import SGDStudy

extension ChartAssembler {
    /// On a chart of a finder run's `smooth_loss` against `lr`: fastai's four suggestions as
    /// named points where `Recorder.plot_lr_find` marks them — valley, slide and steep at their
    /// rate, minimum at the lowest loss's rate (ten times its suggestion) — one legend entry each.
    static func lrFindMarks(x: String, y: [String], result: RunResult, runLabel: String, runCount: Int) -> [Series] {
        guard x == TraceColumn.learningRate.name, y.contains(TraceColumn.smoothLoss.name),
              let suggestions = result.training.lrFind
        else { return [] }
        let prefix = runCount > 1 ? "\(runLabel): " : ""
        var marks: [Series] = []
        for name in LRFinder.Suggestions.names {
            guard let point = suggestions.points[name], let value = suggestions.value(name) else { continue }
            var label = "\(prefix)\(name) \(Self.suggestionText(value))"
            if name == "minimum" { label += " (lowest loss at \(Self.suggestionText(point.lr)), ÷10)" }
            marks.append(Series(name: label, x: [point.lr], y: [point.loss], style: .markers))
        }
        return marks
    }

    /// A suggested rate with three significant digits: `3.31e-04`.
    static func suggestionText(_ value: Double) -> String {
        String(format: "%.2e", value)
    }

    /// The note under a finder chart whose run stopped before a suggestion could be computed.
    static func lrFindNote(x: String, y: [String], result: RunResult) -> String? {
        guard x == TraceColumn.learningRate.name, y.contains(TraceColumn.smoothLoss.name),
              let suggestions = result.training.lrFind
        else { return nil }
        let missing = LRFinder.Suggestions.names.filter { suggestions.value($0) == nil }
        guard !missing.isEmpty else { return nil }
        return "\(result.run.name): no \(missing.joined(separator: ", ")) suggestion: the finder stopped after \(result.training.stepCount) batches, too few once fastai leaves out the first numIt/10 and the last 5"
    }
}
