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
                        series.append(Series(name: name, x: xs, y: ys, divergence: mark))
                    }
                    if let divergence = result.training.divergence, divergence.duringWarmup {
                        notes.append("\(result.run.name) diverged during warm-up pass \(divergence.epoch); nothing was recorded")
                    }
                }
                xLabel = axisLabel(for: [x])
                yLabel = axisLabel(for: y)
            case .run:
                let key = SweepKey(rawValue: x) ?? .lr
                for column in y {
                    var points: [(x: Double, y: Double)] = []
                    var diverged: [Double] = []
                    for result in selected {
                        guard let setting = result.run.setting(key) else { continue }
                        if result.training.divergence != nil {
                            diverged.append(setting)
                        } else if let value = ChartColumns.finalValue(of: column, in: result) {
                            points.append((setting, value))
                        }
                    }
                    points.sort { $0.x < $1.x }
                    let repeatsX = Set(points.map(\.x)).count < points.count
                    series.append(Series(
                        name: y.count > 1 ? columnLabel(column) : "final \(columnLabel(column))",
                        x: points.map(\.x), y: points.map(\.y), style: repeatsX ? .markers : .lineAndMarkers))
                    if let first = diverged.min(), column == y.first {
                        let all = diverged.count == 1 ? "\(key.rawValue) = \(NumberText.compact(first)) diverged"
                            : "\(diverged.count) runs diverged, from \(key.rawValue) = \(NumberText.compact(first))"
                        annotations.append(.verticalRule(x: first, label: all))
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
            yLabel = y.count == 1 ? signalSeriesName(y[0], signal: results.signal(named: name)) : ""
        }

        // Time runs along a linear axis unless the study asks otherwise (matplotlib's default
        // too); only a setting a sweep varies, handled above, gets a log axis on its own.
        if xScale == .auto { xScale = .linear }
        if yScale == .auto { yScale = automaticScale(series.map(\.y)) }
        return Chart(
            title: definition.title, xLabel: xLabel, yLabel: yLabel, series: series,
            xScale: scale(xScale), yScale: scale(yScale), smoothing: definition.smoothing,
            width: Double(definition.width ?? defaultWidth), height: Double(definition.height ?? defaultHeight),
            notes: notes, annotations: annotations)
    }

    /// Alt text for the page: what the chart plots.
    static func altText(for chart: Chart) -> String {
        let names = chart.series.prefix(6).map(\.name).joined(separator: ", ")
        let more = chart.series.count > 6 ? " and \(chart.series.count - 6) more" : ""
        var text = "Line chart: \(chart.title)."
        if !chart.series.isEmpty { text += " \(names)\(more)" }
        if !chart.yLabel.isEmpty { text += ": \(chart.yLabel)" }
        if !chart.xLabel.isEmpty { text += " against \(chart.xLabel)" }
        return text + "."
    }

    // MARK: Names and labels

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
        switch column {
        case "sqrt_sse": return "√SSE"
        case "sse": return "SSE"
        case "mse": return "MSE"
        case "rmse": return "RMSE"
        case "loss": return "squared error"
        case "prediction": return "prediction"
        default:
            if column.hasPrefix("grad_") { return "∂E/∂" + column.dropFirst(5) }
            if column.hasPrefix("est_") { return "est. ∂E/∂" + column.dropFirst(4) }
            if column.hasPrefix("avg_") { return "avg ∂E/∂" + column.dropFirst(4) }
            if column.hasPrefix("sqr_") { return "avg (∂E/∂" + column.dropFirst(4) + ")²" }
            return column
        }
    }

    static func axisLabel(for columns: [String]) -> String {
        if columns.count == 1 {
            switch columns[0] {
            case "sqrt_sse": return "√(sum of squared errors)"
            case "sse": return "sum of squared errors"
            case "mse": return "mean squared error"
            case "rmse": return "root mean squared error"
            case "loss": return "squared error of the row"
            default: return columnLabel(columns[0])
            }
        }
        if columns.allSatisfy({ $0.hasPrefix("grad_") }) { return "derivative of the error" }
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
/// line's `slope` and `intercept`.
enum ChartColumns {
    static func values(of column: String, per: ChartPer, in result: RunResult) -> [Double]? {
        let names = result.run.parameterNames
        switch per {
        case .step:
            if let values = result.training.steps.column(column) { return values }
            return collapsed(column, trace: result.training.steps, offset: result.training.steps.columns.firstIndex(of: names.first ?? "") ?? 0, names: names)
        case .epoch, .run:
            if let values = result.training.epochs.column(column) { return values }
            return collapsed(column, rows: result.training.epochs, names: names)
        }
    }

    /// The last epoch's value of `column`, for per-run charts; nil when not finite.
    static func finalValue(of column: String, in result: RunResult) -> Double? {
        guard let value = values(of: column, per: .epoch, in: result)?.last, value.isFinite else { return nil }
        return value
    }

    private static func collapsed(_ column: String, trace: StepTrace, offset: Int, names: [String]) -> [Double]? {
        guard column == "slope" || column == "intercept" else { return nil }
        return (0..<trace.rowCount).map { index in
            let row = trace.row(index)
            let weights = row[(row.startIndex + offset)..<(row.startIndex + offset + names.count)]
            let line = Run.collapsedLine(weights)
            return column == "slope" ? line.slope : line.intercept
        }
    }

    private static func collapsed(_ column: String, rows trace: EpochTrace, names: [String]) -> [Double]? {
        guard column == "slope" || column == "intercept" else { return nil }
        return (0..<trace.count).map { index in
            let row = trace.row(index)
            let line = Run.collapsedLine(row.dropFirst(5))
            return column == "slope" ? line.slope : line.intercept
        }
    }
}
