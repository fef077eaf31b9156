import Foundation
import SGDCharts
import SGDEngine
import SGDStudy

extension ChartAssembler {
    /// Batches at the end of a finder's curve that fastai's `Recorder.plot_lr_find` leaves out
    /// (`skip_end=5`, fastai/callback/schedule.py): the divergence there would flatten the rest.
    static let lrFindSkipEnd = 5

    /// Whether `x` against `y` of `result` is a finder's curve (smoothed loss against lr).
    static func isLRFindCurve(x: String, y: [String], result: RunResult) -> Bool {
        x == TraceColumn.learningRate.name && y.contains(TraceColumn.smoothLoss.name) && result.training.lrFind != nil
    }

    /// The points of a finder's curve fastai draws: all but the last `lrFindSkipEnd`; the note
    /// that says so (with the rates left out), or nil when nothing was left out.
    static func lrFindDrawn(xs: [Double], ys: [Double], runLabel: String, runCount: Int) -> (xs: [Double], ys: [Double], note: String?) {
        let kept = Swift.max(0, xs.count - lrFindSkipEnd)
        guard kept < xs.count else { return (xs, ys, nil) }
        let left = xs[kept...]
        let rates = left.count == 1 ? "lr \(suggestionText(left.first!))"
            : "lr \(suggestionText(left.first!)) to \(suggestionText(left.last!))"
        let prefix = runCount > 1 ? "\(runLabel): " : ""
        let note = "\(prefix)the last \(left.count) batches (\(rates)) are left out, as fastai's plot_lr_find draws them"
        return (Array(xs.prefix(kept)), Array(ys.prefix(kept)), note)
    }

    /// On a chart of a finder run's `smooth_loss` against `lr`: fastai's four suggestions as
    /// named points where `Recorder.plot_lr_find` marks them — valley, slide and steep at their
    /// rate, minimum at the lowest loss's rate (ten times its suggestion) — one legend entry each,
    /// each on the drawn curve (`curve`: the drawn rates and smoothed losses, in double precision):
    /// its loss is the curve's, interpolated over log10 lr between the drawn points around its
    /// rate. A suggestion where the drawn curve has no finite loss is marked ▲ at the top edge, with a note.
    static func lrFindMarks(x: String, y: [String], result: RunResult, runLabel: String, runCount: Int,
                            curve: (xs: [Double], ys: [Double])) -> [Series] {
        guard isLRFindCurve(x: x, y: y, result: result), let suggestions = result.training.lrFind else { return [] }
        let prefix = runCount > 1 ? "\(runLabel): " : ""
        var marks: [Series] = []
        for name in LRFinder.Suggestions.names {
            guard let point = suggestions.points[name], let value = suggestions.value(name) else { continue }
            var label = "\(prefix)\(name) \(Self.suggestionText(value))"
            if name == "minimum" { label += " (lowest loss at \(Self.suggestionText(point.lr)), ÷10)" }
            if let loss = curveLoss(at: point.lr, xs: curve.xs, ys: curve.ys) {
                marks.append(Series(name: label, x: [point.lr], y: [loss], style: .markers))
            } else {
                marks.append(Series(name: label, x: [point.lr], y: [.infinity], style: .markers,
                                    infinityNote: "\(label): the drawn curve has no finite loss at this rate; marked ▲ at the top edge"))
            }
        }
        return marks
    }

    /// The drawn curve's loss at `lr`: a drawn point's own when `lr` is its rate (to float32's
    /// precision, in which fastai computes the suggestions), else interpolated linearly over
    /// log10 lr between the two drawn points around it; nil when those are not both finite or
    /// `lr` lies outside the drawn rates. `xs` ascending.
    static func curveLoss(at lr: Double, xs: [Double], ys: [Double]) -> Double? {
        guard lr > 0, lr.isFinite, !xs.isEmpty else { return nil }
        func same(_ a: Double, _ b: Double) -> Bool { Swift.abs(a - b) <= 1e-6 * Swift.max(Swift.abs(a), Swift.abs(b)) }
        if let i = xs.indices.min(by: { Swift.abs(xs[$0] - lr) < Swift.abs(xs[$1] - lr) }), same(xs[i], lr) {
            return ys[i].isFinite ? ys[i] : nil
        }
        guard let upper = xs.firstIndex(where: { $0 > lr }), upper > 0 else { return nil }
        let (x0, x1, y0, y1) = (xs[upper - 1], xs[upper], ys[upper - 1], ys[upper])
        guard x0 > 0, y0.isFinite, y1.isFinite else { return nil }
        let t = (log10(lr) - log10(x0)) / (log10(x1) - log10(x0))
        let loss = y0 + t * (y1 - y0)
        return loss.isFinite ? loss : nil
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
        return "\(displayName(result.run)): no \(missing.joined(separator: ", ")) suggestion: the finder stopped after \(stopText(result)), too few once fastai leaves out the first numIt/10 and the last 5"
    }

    /// How many batches a finder ran and why it stopped (TrainingLoop+LRFinder): "2 of 100 batches,
    /// when its smoothed loss passed 4× the lowest so far (fastai's stop_div)", "… when its weights
    /// diverged at batch 7", or "12 batches" when it ran them all.
    static func stopText(_ result: RunResult) -> String {
        let done = result.training.stepCount
        guard let finder = result.run.lrFind, done < finder.numIt else { return "\(NumberText.grouped(done)) batches" }
        let of = "\(NumberText.grouped(done)) of \(NumberText.grouped(finder.numIt)) batches"
        if let divergence = result.training.divergence { return "\(of), when the run diverged at batch \(NumberText.grouped(divergence.step))" }
        return "\(of), when its smoothed loss passed 4× the lowest so far (fastai's stop_div)"
    }
}
