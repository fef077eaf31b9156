import SGDCharts
import SGDEngine
import SGDStudy

extension ChartAssembler {
    /// A per-run chart with one row per run (`"per": "run", "x": "run"`): a dot plot in the layout
    /// of matplotlib's `barh`, each run's final value of the columns on the x axis (log when they
    /// span more than three decades), the runs top to bottom in the chart's order, and the
    /// `reference` run's value as a dashed vertical line named in the legend. A run that diverged
    /// has no final value: its row says so, and a note under the chart gives its step.
    static func rowsChart(
        _ definition: ChartDefinition, y: [String], runs: [String], results: StudyResults
    ) -> Chart {
        let selected = runs.compactMap { results.run(named: $0) }
        let count = selected.count
        var series: [Series] = []
        var notes: [String] = []
        var rows: [String] = []
        for result in selected {
            if let divergence = result.training.divergence {
                rows.append("\(displayName(result.run)) (diverged)")
                notes.append("“\(displayName(result.run))” diverged at step \(divergence.step) (epoch \(divergence.epoch)): no final value")
            } else {
                rows.append(displayName(result.run))
            }
        }
        for column in y {
            var xs: [Double] = [], ys: [Double] = []
            for (index, result) in selected.enumerated() where result.training.divergence == nil {
                guard let value = ChartColumns.finalValue(of: column, in: result) else { continue }
                xs.append(value)
                ys.append(Double(count - index))
            }
            series.append(Series(name: "final \(columnLabel(column))", x: xs, y: ys, style: .markers))
        }
        if let name = definition.reference, let result = results.run(named: name) {
            for column in y {
                guard result.training.divergence == nil, let value = ChartColumns.finalValue(of: column, in: result) else {
                    notes.append("The reference “\(displayName(result.run))” has no final \(columnLabel(column)): no line drawn")
                    continue
                }
                let label = (y.count > 1 ? "\(displayName(result.run)) · \(columnLabel(column))" : displayName(result.run)) + " (reference)"
                series.append(Series(name: label, x: [value, value], y: [0.5, Double(count) + 0.5], style: .line))
            }
        }
        var xScale = definition.xScale
        if xScale == .auto { xScale = automaticScale(series.map(\.x)) }
        var chart = finish(definition, series: series, xLabel: "final " + axisLabel(for: y), yLabel: "",
                           xScale: xScale, notes: notes)
        chart.yCategories = rows
        // The rows are evenly spaced whatever the study says (a `yScale` is reported where it is read).
        chart.yScale = .linear
        return chart
    }
}
