import SGDCharts
import SGDEngine
import SGDStudy

extension ChartAssembler {
    /// Columns of runs' traces against the step or the epoch: a line per run and column, a
    /// mark where a run diverged, and a colour bar for a sweep past what a legend holds.
    static func linesChart(
        _ definition: ChartDefinition, per: ChartPer, x: String, y: [String], runs: [String], results: StudyResults
    ) -> Chart {
        var series: [Series] = []
        var notes: [String] = []
        var colorScale: ColorScale?
        let selected = runs.compactMap { results.run(named: $0) }
        // Runs of one sweep are told apart by their settings alone ("lr=1e-5").
        let bases = Set(selected.map { $0.run.sweep?.baseName })
        let oneSweep = selected.count > 1 && bases.count == 1 && bases.first! != nil
        for result in selected {
            var marked = false
            var curve: (xs: [Double], ys: [Double]) = ([], [])
            let runLabel = oneSweep ? sweepLabel(result.run) : displayName(result.run)
            for column in y {
                let name = seriesName(run: runLabel, column: column, runCount: selected.count, columnCount: y.count)
                var xs = ChartColumns.values(of: x, per: per, in: result) ?? []
                var ys = ChartColumns.values(of: column, per: per, in: result) ?? []
                let lastX = xs.last
                if isLRFindCurve(x: x, y: y, result: result) {
                    let drawn = lrFindDrawn(xs: xs, ys: ys, runLabel: runLabel, runCount: selected.count)
                    (xs, ys) = (drawn.xs, drawn.ys)
                    if let note = drawn.note, !notes.contains(note) { notes.append(note) }
                    if column == TraceColumn.smoothLoss.name { curve = (xs, ys) }
                }
                var mark: DivergenceMark?
                if !marked, let divergence = result.training.divergence, !divergence.duringWarmup, let last = lastX {
                    mark = DivergenceMark(x: last, label: "\(runLabel): diverged at step \(divergence.step)")
                    marked = true
                }
                // Against a row's own data (x, y, prediction), which goes back and forth from row
                // to row, a line in step order would be a tangle: drawn as points. A weight
                // against a weight keeps its line: that is the path the weights took.
                let againstRows = TraceColumns.names(TraceColumns.perRow).contains(x)
                let style: SeriesStyle = againstRows && !isOrdered(xs) ? .markers : .automatic
                if style == .markers, !notes.contains(Self.unorderedNote(x)) { notes.append(Self.unorderedNote(x)) }
                series.append(Series(name: name, x: xs, y: ys, style: style, divergence: mark,
                                     colorValue: oneSweep ? sweptValue(result.run) : nil))
            }
            series += lrFindMarks(x: x, y: y, result: result, runLabel: runLabel, runCount: selected.count, curve: curve)
            if let note = lrFindNote(x: x, y: y, result: result) { notes.append(note) }
            if let divergence = result.training.divergence, divergence.duringWarmup {
                notes.append("\(displayName(result.run)) diverged during warm-up pass \(divergence.epoch); nothing was recorded")
            }
        }
        // A sweep over one setting: past what a legend holds, colour by the setting.
        // Seeds are repeats, not an ordered setting: no colour scale for them.
        if oneSweep, y.count == 1, let key = selected.first?.run.sweep?.settings.first?.key, key != .seed, key.isNumeric,
           selected.allSatisfy({ $0.run.sweep?.settings.count == 1 }) {
            let values = selected.compactMap { sweptValue($0.run) }
            let positive = values.allSatisfy { $0 > 0 }
            let wide = positive && (values.max() ?? 1) / (values.min() ?? 1) >= 100
            colorScale = ColorScale(label: settingLabel(key), scale: wide ? .log : .linear)
        }
        return finish(
            definition, series: series, xLabel: axisLabel(for: [x]), yLabel: axisLabel(for: y), notes: notes,
            colorScale: colorScale)
    }

    /// Whether `values` never go back (NaN and infinities aside): steps, epochs, a growing weight.
    static func isOrdered(_ values: [Double]) -> Bool {
        var last = -Double.infinity
        for value in values where value.isFinite {
            if value < last { return false }
            last = value
        }
        return true
    }

    static func unorderedNote(_ x: String) -> String {
        "\(x) goes back and forth from row to row, so each step is drawn as a point, not joined by a line"
    }
}
