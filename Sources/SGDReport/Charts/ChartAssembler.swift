import SGDCharts
import SGDEngine
import SGDStudy

/// Turns a study's chart definition and what its runs produced into a `Chart` value: the
/// series, the axis labels and scales, and a mark where a run diverged. Pure: no files, no Cairo.
enum ChartAssembler {
    static let defaultWidth = 720
    static let defaultHeight = 450

    /// The chart for `definition` from what the study's runs and signals produced; each kind of
    /// content has its own file (ChartAssembler+Lines, +Summary, +Signal, +Fit, +Landscape).
    static func chart(for definition: ChartDefinition, results: StudyResults) -> Chart {
        var chart = content(definition, results: results)
        chart.title = chartTitle(definition, results: results)
        return chart
    }

    private static func content(_ definition: ChartDefinition, results: StudyResults) -> Chart {
        switch definition.content {
        case .fit(let runs, let epochs): return fitChart(definition, runs: runs, epochs: epochs, results: results)
        case .landscape(let x, let y, let runs): return landscapeChart(definition, x: x, y: y, runs: runs, results: results)
        case .runs(let per, let x, let y, let runs):
            switch per {
            case .step, .epoch: return linesChart(definition, per: per, x: x, y: y, runs: runs, results: results)
            case .run where x == ChartDefinition.byRun:
                return rowsChart(definition, y: y, runs: runs, results: results)
            case .run: return summaryChart(definition, x: x, y: y, runs: runs, results: results)
            }
        case .signal(let name, let x, let y): return signalChart(definition, name: name, x: x, y: y, results: results)
        }
    }

    /// The chart of `series`: the scales the study left to `auto` chosen, the definition's size.
    static func finish(
        _ definition: ChartDefinition, series: [Series], xLabel: String, yLabel: String,
        xScale: AxisScale? = nil, notes: [String] = [], colorScale: ColorScale? = nil
    ) -> Chart {
        var xScale = xScale ?? definition.xScale, yScale = definition.yScale
        // Time runs along a linear axis unless the study asks otherwise (matplotlib's default
        // too); only a setting a sweep varies, handled in +Summary, gets a log axis on its own.
        if xScale == .auto { xScale = .linear }
        if yScale == .auto { yScale = automaticScale(series.map(\.y)) }
        return Chart(
            title: definition.title, xLabel: xLabel, yLabel: yLabel, series: series,
            xScale: scale(xScale), yScale: scale(yScale), smoothing: definition.smoothing,
            width: Double(definition.width ?? defaultWidth), height: Double(definition.height ?? defaultHeight),
            notes: notes, annotations: [], colorScale: colorScale)
    }

    /// Alt text for the page: what the chart shows (SPEC §4.6), from its layout; with `results`,
    /// every sweep its runs come from is named too (legends show a sweep's runs as "lr=1e-5").
    static func altText(for chart: Chart, definition: ChartDefinition? = nil, results: StudyResults? = nil) -> String {
        if let definition {
            switch definition.content {
            case .fit, .landscape: return altText(for: chart, content: definition.content)
            case .runs, .signal: break
            }
        }
        var text = (try? chart.altText()) ?? "Chart: \(chart.title)."
        if let definition, let results, case .runs(_, _, _, let runs) = definition.content {
            var sweeps: [String] = []
            for result in runs.compactMap({ results.run(named: $0) }) {
                guard let sweep = result.run.sweep else { continue }
                let over = sweep.settings.map(\.key.rawValue).joined(separator: " and ")
                let named = "“\(sweep.baseName)” over \(over)"
                if !sweeps.contains(named) { sweeps.append(named) }
            }
            if !sweeps.isEmpty {
                text += (sweeps.count == 1 ? " Runs of the sweep " : " Runs of the sweeps ") + sweeps.joined(separator: ", ") + "."
            }
        }
        return text
    }

    // MARK: Names and labels

    /// The value of a run's only swept setting, nil when it sweeps none or several.
    static func sweptValue(_ run: Run) -> Double? {
        guard let settings = run.sweep?.settings, settings.count == 1 else { return nil }
        return settings[0].number
    }

    /// A run's name as chart text composes it — the one home for it in legends, dot-plot rows,
    /// a reference, notes and divergence labels: isolated (`BidiText`) when it has a
    /// right-to-left letter, so that it reads in its own direction and what follows it stays
    /// after it; a swept run's base name isolated on its own, its settings after it
    /// ("تجربة lr=1e-5"). The page composes the same parts with `<bdi>`.
    static func displayName(_ run: Run) -> String {
        let parts = nameParts(run)
        return BidiText.isolated(parts.name) + (parts.settings.map { " " + $0 } ?? "")
    }

    /// The run named `name` as `displayName` composes it; a name no run has, isolated whole.
    static func displayName(ofRunNamed name: String, in results: StudyResults) -> String {
        results.run(named: name).map { displayName($0.run) } ?? BidiText.isolated(name)
    }

    /// A run's name in the parts that read in their own direction: the name the study gave
    /// (a swept run's base name) and the settings after it ("lr=1e-5"), nil for a run not swept.
    static func nameParts(_ run: Run) -> (name: String, settings: String?) {
        if let sweep = run.sweep, run.name == sweep.baseName + " " + sweepLabel(run) {
            return (sweep.baseName, sweepLabel(run))
        }
        return (run.name, nil)
    }

    /// A default title that names a run or a signal — "Weights: name", "Learning rate: name",
    /// "Momentum: name", "Learning-rate finder: name", "name and its average" (SGDStudy's
    /// `ChartResolver` writes them; a study may write the same) — in its parts: the text before
    /// the name, the name, the text after it. Nil for any other title: it is isolated as one line.
    static func titleParts(_ definition: ChartDefinition) -> (before: String, name: String, after: String)? {
        let title = definition.title
        switch definition.content {
        case .signal(let name, _, _):
            let after = " and its average"
            if title == name + after { return ("", name, after) }
        case .runs(_, _, _, let runs):
            for before in ["Weights: ", "Learning rate: ", "Momentum: ", "Learning-rate finder: "] where title.hasPrefix(before) {
                let name = String(title.dropFirst(before.count))
                if runs.contains(name) || runs.count > 1 && !name.isEmpty { return (before, name, "") }
            }
        default: break
        }
        return nil
    }

    /// The chart's title as it is drawn: a name in a default title (`titleParts`) isolated as the
    /// legend isolates it (a run by `displayName`), so that "תוצאה 2 and its average" reads
    /// the name in its own direction and the addition on its right; any other title as written
    /// (the layout isolates each line).
    static func chartTitle(_ definition: ChartDefinition, results: StudyResults?) -> String {
        guard let parts = titleParts(definition), BidiText.hasRightToLeft(parts.name) else { return definition.title }
        let name: String
        if case .runs = definition.content, let results {
            name = displayName(ofRunNamed: parts.name, in: results)
        } else {
            name = BidiText.isolated(parts.name)
        }
        return parts.before + name + parts.after
    }

    /// "lr=1e-5 units=4": what tells a swept run from its siblings.
    static func sweepLabel(_ run: Run) -> String {
        guard let sweep = run.sweep else { return displayName(run) }
        return sweep.settings.map(\.label).joined(separator: " ")
    }

    static func seriesName(run: String, column: String, runCount: Int, columnCount: Int) -> String {
        if columnCount == 1 { return run }
        if runCount == 1 { return columnLabel(column) }
        return "\(run) · \(columnLabel(column))"
    }

    /// A column in the learner's words: `grad_d` → "∂E/∂d", `sqrt_sse` → "√SSE".
    static func columnLabel(_ column: String) -> String {
        switch TraceColumn(column) {
        case .sqrtSSE?: return "√SSE"
        case .sse?: return "SSE"
        case .mse?: return "MSE"
        case .rmse?: return "RMSE"
        case .loss?: return "squared error"
        case .perParameter(.gradient, let p)?: return "∂E/∂" + p
        case .perParameter(.estimate, let p)?: return "est. ∂E/∂" + p
        case .perParameter(.average, let p)?: return "avg ∂E/∂" + p
        case .perParameter(.squareAverage, let p)?: return "avg (∂E/∂" + p + ")²"
        default: return column
        }
    }

    static func axisLabel(for columns: [String]) -> String {
        if columns.count == 1 {
            switch TraceColumn(columns[0]) {
            case .sqrtSSE?: return "√(sum of squared errors)"
            case .sse?: return "sum of squared errors"
            case .mse?: return "mean squared error"
            case .rmse?: return "root mean squared error"
            case .loss?: return "squared error of the row"
            default: return columnLabel(columns[0])
            }
        }
        if columns.allSatisfy({ TraceColumn($0)?.parameterGroup == .gradient }) { return "derivative of the error" }
        return columns.count <= 4 ? columns.map(columnLabel).joined(separator: ", ") : "value"
    }

    static func settingLabel(_ key: SweepKey) -> String { key.label }

    // MARK: Scales

    /// `auto`: linear unless the finite values span decades (`isWide` of the ratio, more than
    /// three decades unless a caller says otherwise); then log when all are positive, and symlog
    /// (linear around 0) when some are 0 or negative, so that an automatic axis never leaves a
    /// value out: positive values with zeros span decades when their largest over their smallest
    /// is wide, values crossing zero when the largest magnitude dwarfs the median one.
    static func automaticScale(_ columns: [[Double]], isWide: (Double) -> Bool = { $0 > 1e3 }) -> AxisScale {
        var positiveLow = Double.infinity, high = 0.0
        var hasZero = false, hasNegative = false
        for column in columns {
            for value in column where value.isFinite {
                let magnitude = Swift.abs(value)
                high = Swift.max(high, magnitude)
                if value > 0 { positiveLow = Swift.min(positiveLow, value) }
                else if value == 0 { hasZero = true } else { hasNegative = true }
            }
        }
        guard high > 0 else { return .linear }
        if !hasNegative {
            guard isWide(high / positiveLow) else { return .linear }
            return hasZero ? .symlog : .log
        }
        // Crossing zero: symlog when the largest values dwarf the typical ones.
        var magnitudes = columns.flatMap { $0.filter { $0.isFinite && $0 != 0 }.map { Swift.abs($0) } }
        guard !magnitudes.isEmpty else { return .linear }
        magnitudes.sort()
        let median = magnitudes[magnitudes.count / 2]
        return isWide(high / median) ? .symlog : .linear
    }

    static func scale(_ scale: AxisScale) -> Scale {
        switch scale {
        case .auto, .linear: return .linear
        case .log: return .log
        case .symlog: return .symlog()
        }
    }
}
