import SGDCharts
import SGDEngine
import SGDStudy

/// Turns a study's chart definition and what its runs produced into a `Chart` value: the
/// series, the axis labels and scales, and a mark where a run diverged. Pure: no files, no Cairo.
enum ChartAssembler {
    static let defaultWidth = 720
    static let defaultHeight = 450

    static func chart(for definition: ChartDefinition, results: StudyResults) -> Chart {
        var series: [Series] = []
        var annotations: [Annotation] = []
        var notes: [String] = []
        let xLabel: String, yLabel: String
        var xScale = definition.xScale, yScale = definition.yScale
        var colorScale: ColorScale?

        switch definition.content {
        case .fit(let runs, let epochs): return fitChart(definition, runs: runs, epochs: epochs, results: results)
        case .landscape(let x, let y, let runs): return landscapeChart(definition, x: x, y: y, runs: runs, results: results)
        case .runs(let per, let x, let y, let runs):
            let selected = runs.compactMap { results.run(named: $0) }
            switch per {
            case .step, .epoch:
                // Runs of one sweep are told apart by their settings alone ("lr=1e-5").
                let bases = Set(selected.map { $0.run.sweep?.baseName })
                let oneSweep = selected.count > 1 && bases.count == 1 && bases.first! != nil
                for result in selected {
                    var marked = false
                    let runLabel = oneSweep ? sweepLabel(result.run) : result.run.name
                    for column in y {
                        let name = seriesName(run: runLabel, column: column, runCount: selected.count, columnCount: y.count)
                        let xs = ChartColumns.values(of: x, per: per, in: result) ?? []
                        let ys = ChartColumns.values(of: column, per: per, in: result) ?? []
                        var mark: DivergenceMark?
                        if !marked, let divergence = result.training.divergence, !divergence.duringWarmup, let last = xs.last {
                            mark = DivergenceMark(x: last, label: "\(runLabel): diverged at step \(divergence.step)")
                            marked = true
                        }
                        series.append(Series(name: name, x: xs, y: ys, divergence: mark,
                                             colorValue: oneSweep ? sweptValue(result.run) : nil))
                    }
                    if let divergence = result.training.divergence, divergence.duringWarmup {
                        notes.append("\(result.run.name) diverged during warm-up pass \(divergence.epoch); nothing was recorded")
                    }
                }
                xLabel = axisLabel(for: [x])
                yLabel = axisLabel(for: y)
                // A sweep over one setting: past what a legend holds, colour by the setting.
                if oneSweep, y.count == 1, let key = selected.first?.run.sweep?.settings.first?.key,
                   selected.allSatisfy({ $0.run.sweep?.settings.count == 1 }) {
                    let values = selected.compactMap { sweptValue($0.run) }
                    let positive = values.allSatisfy { $0 > 0 }
                    let wide = positive && (values.max() ?? 1) / (values.min() ?? 1) >= 100
                    colorScale = ColorScale(label: settingLabel(key), scale: wide ? .log : .linear)
                }
            case .run:
                let key = SweepKey(rawValue: x) ?? .lr
                // One series per swept run group (a sweep, with its other settings fixed), so two
                // sweeps never merge; a run that is not swept is a labelled point of its own.
                let groups = runGroups(selected, key: key)
                for column in y {
                    for group in groups {
                        var points: [(x: Double, y: Double)] = []
                        var diverged: [Double] = []
                        for result in group.results {
                            guard let setting = result.run.setting(key) else { continue }
                            if result.training.divergence != nil {
                                // Diverged: no final value; marked at the top edge so the whole sweep shows.
                                diverged.append(setting)
                                points.append((setting, .infinity))
                            } else if let value = ChartColumns.finalValue(of: column, in: result) {
                                points.append((setting, value))
                            }
                        }
                        if points.isEmpty { continue }
                        points.sort { $0.x < $1.x }
                        let repeatsX = Set(points.map(\.x)).count < points.count
                        let what = y.count > 1 ? columnLabel(column) : "final \(columnLabel(column))"
                        let name = groups.count == 1 && group.swept ? what
                            : (y.count > 1 ? "\(group.name) · \(columnLabel(column))" : group.name)
                        var note: String?
                        if !diverged.isEmpty {
                            let sorted = diverged.sorted()
                            // A few settings by value; many as their range.
                            let settings = sorted.count <= 4
                                ? "\(key.rawValue) = " + sorted.map { NumberText.compact($0) }.joined(separator: ", ")
                                : "\(key.rawValue) from \(NumberText.compact(sorted[0])) to \(NumberText.compact(sorted[sorted.count - 1]))"
                            note = diverged.count == 1 ? "1 run diverged (\(settings)), marked ▲ at the top edge"
                                : "\(diverged.count) runs diverged (\(settings)), marked ▲ at the top edge"
                        }
                        series.append(Series(name: name, x: points.map(\.x), y: points.map(\.y),
                                             style: repeatsX || !group.swept ? .markers : .lineAndMarkers,
                                             infinityNote: note))
                    }
                }
                xLabel = settingLabel(key)
                yLabel = "final " + axisLabel(for: y)
                if xScale == .auto {
                    let xs = selected.compactMap { $0.run.setting(key) }.filter { $0 > 0 }
                    if let low = xs.min(), let high = xs.max(), high / low >= 100 { xScale = .log }
                }
            }
        case .signal(let name, let x, let y):
            if let signal = results.signal(named: name) {
                let xs = signal.column(x) ?? []
                for column in y {
                    series.append(Series(name: signalSeriesName(column, signal: signal), x: xs, y: signal.column(column) ?? []))
                }
            }
            // A signal taken from a run is indexed by the run's steps; one given as values, by t.
            switch results.signal(named: name)?.signal.source {
            case .run? where x == "x": xLabel = "step"
            case .values? where x == "x": xLabel = "t"
            default: xLabel = x
            }
            yLabel = y.count == 1 ? signalSeriesName(y[0], signal: results.signal(named: name)) : signalAxisLabel(results.signal(named: name))
        }

        // Time runs along a linear axis unless the study asks otherwise (matplotlib's default
        // too); only a setting a sweep varies, handled above, gets a log axis on its own.
        if xScale == .auto { xScale = .linear }
        if yScale == .auto { yScale = automaticScale(series.map(\.y)) }
        return Chart(
            title: definition.title, xLabel: xLabel, yLabel: yLabel, series: series,
            xScale: scale(xScale), yScale: scale(yScale), smoothing: definition.smoothing,
            width: Double(definition.width ?? defaultWidth), height: Double(definition.height ?? defaultHeight),
            notes: notes, annotations: annotations, colorScale: colorScale)
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

    /// Runs of a per-run chart grouped by what they share besides `key`: a sweep's runs (with its
    /// other settings) form one group, named "ReLU" or "ReLU units=4"; a run not swept over `key`
    /// is a group of its own. Seeds are repeats of one experiment, not settings: runs that differ
    /// only in their seed share a group (drawn as markers, several at one x).
    static func runGroups(_ results: [RunResult], key: SweepKey) -> [(name: String, swept: Bool, results: [RunResult])] {
        var groups: [(name: String, swept: Bool, results: [RunResult])] = []
        for result in results {
            let name: String, swept: Bool
            if let sweep = result.run.sweep, sweep.settings.contains(where: { $0.key == key }) {
                let others = sweep.settings.filter { $0.key != key && $0.key != .seed }
                    .map { "\($0.key.rawValue)=\(NumberText.compact($0.value))" }
                name = ([sweep.baseName] + others).joined(separator: " ")
                swept = true
            } else {
                name = result.run.name
                swept = false
            }
            if let index = groups.firstIndex(where: { $0.name == name && $0.swept == swept }) {
                groups[index].results.append(result)
            } else {
                groups.append((name, swept, [result]))
            }
        }
        return groups
    }

    // MARK: Names and labels

    /// The value of a run's only swept setting, nil when it sweeps none or several.
    static func sweptValue(_ run: Run) -> Double? {
        guard let settings = run.sweep?.settings, settings.count == 1 else { return nil }
        return settings[0].value
    }

    /// "lr=1e-5 units=4": what tells a swept run from its siblings.
    static func sweepLabel(_ run: Run) -> String {
        guard let sweep = run.sweep else { return run.name }
        return sweep.settings.map { "\($0.key.rawValue)=\(NumberText.compact($0.value))" }.joined(separator: " ")
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

    static func settingLabel(_ key: SweepKey) -> String {
        switch key {
        case .lr: return "learning rate"
        case .beta: return "β"
        case .epochs: return "epochs"
        case .units: return "units in the hidden layer"
        case .seed: return "seed"
        }
    }

    /// The y axis of a signal with its averages: what the signal is — the run's column
    /// ("∂E/∂d"), the function of x ("sin(x)"), or the signal's name for given values.
    static func signalAxisLabel(_ signal: SignalSeries?) -> String {
        switch signal?.signal.source {
        case .run(_, let column)?: return columnLabel(column)
        case .function(_, _, _, let f)?:
            switch f {
            case .identity: return "x"
            case .square: return "x²"
            default: return "\(f.rawValue)(x)"
            }
        case .values?: return signal?.signal.name ?? "value"
        case nil: return "value"
        }
    }

    static func signalSeriesName(_ column: String, signal: SignalSeries?) -> String {
        let beta = signal?.signal.ewma.map { NumberText.compact($0.beta) } ?? ""
        switch column {
        case "value":
            // A run's column is named for what it is, not for the signal built on it.
            if case .run(let run, let source)? = signal?.signal.source { return "\(columnLabel(source)) (\(run))" }
            return signal?.signal.name ?? "value"
        case "ewma": return signal?.signal.ewma?.dampening == false ? "undampened EWMA (β = \(beta))" : "EWMA (β = \(beta))"
        case "debiased": return "debiased EWMA"
        default: return column
        }
    }

    // MARK: Scales

    /// `auto`: linear unless the finite values span more than three decades; then log when all
    /// are positive, symlog when they cross zero.
    static func automaticScale(_ columns: [[Double]]) -> AxisScale {
        var positiveLow = Double.infinity, high = 0.0
        var hasNonPositive = false
        for column in columns {
            for value in column where value.isFinite {
                let magnitude = Swift.abs(value)
                high = Swift.max(high, magnitude)
                if value > 0 { positiveLow = Swift.min(positiveLow, value) } else { hasNonPositive = true }
            }
        }
        guard high > 0 else { return .linear }
        if !hasNonPositive {
            return high / positiveLow > 1e3 ? .log : .linear
        }
        // Crossing zero: symlog when the largest values dwarf the typical ones.
        var magnitudes = columns.flatMap { $0.filter { $0.isFinite && $0 != 0 }.map { Swift.abs($0) } }
        guard !magnitudes.isEmpty else { return .linear }
        magnitudes.sort()
        let median = magnitudes[magnitudes.count / 2]
        return high / median > 1e3 ? .symlog : .linear
    }

    static func scale(_ scale: AxisScale) -> Scale {
        switch scale {
        case .auto, .linear: return .linear
        case .log: return .log
        case .symlog: return .symlog()
        }
    }
}

/// The values a chart plots from a run: trace columns, and for linear chains the collapsed
/// line's `slope` and `intercept` (`TraceColumns.collapsedLine`).
enum ChartColumns {
    static func values(of column: String, per: ChartPer, in result: RunResult) -> [Double]? {
        let count = result.run.parameterNames.count
        switch per {
        case .step:
            let trace = result.training.steps
            if let values = trace.column(column) { return values }
            return collapsed(column, rows: trace.rowCount, row: trace.row, offset: StepTrace.Layout.parameterOffset, count: count)
        case .epoch, .run:
            let trace = result.training.epochs
            if let values = trace.column(column) { return values }
            return collapsed(column, rows: trace.count, row: trace.row, offset: EpochTrace.parameterOffset, count: count)
        }
    }

    /// The last epoch's value of `column`, for per-run charts; nil when not finite.
    static func finalValue(of column: String, in result: RunResult) -> Double? {
        guard let value = values(of: column, per: .epoch, in: result)?.last, value.isFinite else { return nil }
        return value
    }

    /// `slope` or `intercept` of each row's weights (`count` of them from column `offset`).
    private static func collapsed(
        _ column: String, rows: Int, row: (Int) -> ArraySlice<Double>, offset: Int, count: Int
    ) -> [Double]? {
        let part = TraceColumn(column)
        guard part == .slope || part == .intercept else { return nil }
        return (0..<rows).map { index in
            let values = row(index)
            let weights = values[(values.startIndex + offset)..<(values.startIndex + offset + count)]
            let line = Run.collapsedLine(weights)
            return part == .slope ? line.slope : line.intercept
        }
    }
}
