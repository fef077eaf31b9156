import SGDEngine

/// Resolves the charts a study declares against its runs and signals.
struct ChartResolver {
    var reader: NodeReader
    let runs: [Run]
    let signals: [Signal]
    /// Runs and signals that exist in the file but had errors of their own: naming them is not
    /// a further error, and a chart of "every run" is not checked while some run is invalid.
    let invalid: InvalidNames
    /// Runs with errors whose model and data are known but not all their columns (a bad
    /// schedule, say): a landscape's parameters can be checked against them, nothing else.
    let modelOnlyRuns: [Run]

    /// Columns that exist only per epoch.
    static let epochOnlyColumns = Set(TraceColumns.names(TraceColumns.epochError))

    init(reader: NodeReader, runs: [Run], signals: [Signal], invalid: InvalidNames = InvalidNames(), modelOnlyRuns: [Run] = []) {
        self.reader = reader
        self.modelOnlyRuns = modelOnlyRuns
        self.runs = runs
        self.signals = signals
        self.invalid = invalid
    }

    mutating func resolve(_ specs: [ChartSpec]) -> [ChartDefinition] {
        var charts: [ChartDefinition] = []
        var slugs = SlugCollisions()
        for spec in specs {
            if let name = spec.name { reader.checkName(name, what: "chart") }
            let origin = spec.name ?? spec.title
            guard let chart = resolve(spec) else {
                // The file name its name or title gives does not depend on the content: checked alone.
                if let origin, let problem = SlugCollisions().collision(of: .init(
                    .chart, name: origin.value, slug: Slug.fileName(for: origin.value, fallback: "chart"), path: origin.path, at: origin.location)) {
                    reader.report(problem)
                }
                continue
            }
            let item = SlugCollisions.Item(
                .chart, name: chart.name, slug: chart.slug, path: origin?.path ?? spec.path, at: origin?.location ?? spec.location)
            if let collision = slugs.collision(of: item) {
                reader.report(collision)
                continue
            }
            slugs.claim(item)
            charts.append(chart)
        }
        return charts
    }

    mutating func resolve(_ spec: ChartSpec) -> ChartDefinition? {
        let content: ChartDefinition.Content
        let defaultTitle: String
        if spec.fit != nil || spec.landscape != nil {
            guard let resolved = resolveQuestionChart(spec) else { return nil }
            content = resolved.content
            defaultTitle = resolved.title
        } else if let signalName = spec.signal {
            guard let signal = signals.first(where: { $0.name == signalName.value }) else {
                if invalid.coversSignal(signalName.value) { return nil }
                reader.report(
                    "the chart shows the signal \"\(signalName.value)\", which does not exist", field: signalName,
                    hint: signals.isEmpty && invalid.signals.isEmpty
                        ? "the study has no signals"
                        : Suggestions.hint(for: signalName.value, in: signals.map(\.name) + invalid.signals.sorted(), kind: "signal name"))
                return nil
            }
            let valueColumns = Array(signal.columns.dropFirst(2))
            let y = spec.y?.map(\.value) ?? valueColumns
            for column in spec.y ?? [] where !valueColumns.contains(column.value) {
                reader.report(
                    "the signal \"\(signal.name)\" has no column \"\(column.value)\"", field: column,
                    hint: Suggestions.hint(for: column.value, in: valueColumns, kind: "column"))
                return nil
            }
            let x = spec.x?.value ?? "x"
            if let xField = spec.x, !["t", "x"].contains(xField.value) {
                reader.report(
                    "a signal chart's x is \"t\" or \"x\", got \"\(xField.value)\"", field: xField,
                    hint: "write \"x\": \"t\" for the point's index, or \"x\": \"x\" for its x value")
                return nil
            }
            content = .signal(name: signal.name, x: x, y: y)
            defaultTitle = signal.name
        } else {
            guard let resolved = resolveRunsContent(spec) else {
                // The chart's runs could not be checked (one of them is invalid, say), but its
                // reference can be, as far as it does not depend on them.
                if let field = spec.reference { checkReferenceAlone(field, spec: spec) }
                return nil
            }
            content = resolved.content
            defaultTitle = resolved.title
        }
        // A dot plot's yScale or smoothing does not hide its reference: both are checked.
        var rowAxisIsValid = true
        if case .runs(.run, ChartDefinition.byRun, _, _) = content { rowAxisIsValid = checkRowAxis(spec) }
        var reference: String?
        if let field = spec.reference {
            guard let checked = resolveReference(field, content: content) else { return nil }
            reference = checked
        }
        guard rowAxisIsValid else { return nil }
        let title = spec.title?.value ?? defaultTitle
        let name = spec.name?.value ?? title
        return ChartDefinition(
            name: name, slug: Slug.fileName(for: name, fallback: "chart"), title: title, content: content,
            xScale: spec.xScale?.value ?? .auto, yScale: spec.yScale?.value ?? .auto,
            smoothing: spec.smoothing?.value, caption: spec.caption?.value,
            width: spec.width?.value, height: spec.height?.value, isDefault: false, reference: reference)
    }

    /// A dot plot (`"per": "run", "x": "run"`) has its runs as rows on the y axis and the values
    /// on x: `yScale` and `smoothing`, which act on y, are each reported at their key.
    mutating func checkRowAxis(_ spec: ChartSpec) -> Bool {
        var ok = true
        if let field = spec.yScale {
            reader.report(
                "a dot plot (\"per\": \"run\", \"x\": \"run\") has one row per run on its y axis, which has no scale", field: field,
                hint: "the values are on the x axis: use \"xScale\": \"\(field.value.rawValue)\"")
            ok = false
        }
        if let field = spec.smoothing {
            reader.report(
                "a dot plot (\"per\": \"run\", \"x\": \"run\") shows one final value per run, which has nothing to smooth", field: field,
                hint: "remove \"smoothing\"")
            ok = false
        }
        return ok
    }

    /// The checks of a chart's `reference` that need none of its runs resolved: it belongs on a
    /// dot plot, and it names a run the study has (valid, invalid or a sweep as written). Only
    /// when `per` (and for a per-run chart `x`) was read, so that a mistake there is not
    /// reported twice.
    mutating func checkReferenceAlone(_ field: Field<String>, spec: ChartSpec) {
        guard let per = spec.per?.value, spec.fit == nil, spec.landscape == nil else { return }
        // A per-run chart without x was reported where it was read.
        if per == .run && spec.x == nil { return }
        guard per == .run && spec.x?.value == ChartDefinition.byRun else {
            reader.report(
                "\"reference\" is for a per-run chart with one row per run", field: field,
                hint: "set \"per\": \"run\" and \"x\": \"run\", or remove \"reference\"")
            return
        }
        guard !invalid.unnamedRun else { return }
        let known = runs.map(\.name) + runs.compactMap(\.sweep?.baseName) + invalid.runs.sorted()
        guard !known.contains(field.value) else { return }
        reader.report(
            "the chart's reference names the run \"\(field.value)\", which does not exist", field: field,
            hint: Suggestions.hint(for: field.value, in: known, kind: "run name"))
    }

    /// A chart's `reference`: only on a per-run chart by run, and one of its runs.
    mutating func resolveReference(_ field: Field<String>, content: ChartDefinition.Content) -> String? {
        guard case .runs(.run, ChartDefinition.byRun, _, let names) = content else {
            // A fit or landscape chart's "reference" was reported where the chart was read.
            if case .fit = content { return nil }
            if case .landscape = content { return nil }
            reader.report(
                "\"reference\" is for a per-run chart with one row per run", field: field,
                hint: "set \"per\": \"run\" and \"x\": \"run\", or remove \"reference\"")
            return nil
        }
        if names.contains(field.value) { return field.value }
        if invalid.coversRun(field.value) { return nil }
        // A sweep as written stands for several runs; a reference is one of them.
        let swept = runs.filter { $0.sweep?.baseName == field.value }.map(\.name)
        if runs.contains(where: { $0.name == field.value }) {
            reader.report(
                "the chart's reference \"\(field.value)\" is not one of its runs", field: field,
                hint: "add \"\(field.value)\" to the chart's \"runs\"")
        } else if !swept.isEmpty {
            let example = swept.first(where: names.contains) ?? swept[0]
            reader.report(
                "the chart's reference names \"\(field.value)\", a sweep of \(swept.count) runs; a reference is one run", field: field,
                hint: "name one of them, e.g. \"\(example)\"")
        } else {
            reader.report(
                "the chart's reference names the run \"\(field.value)\", which does not exist", field: field,
                hint: Suggestions.hint(for: field.value, in: names, kind: "run name"))
        }
        return nil
    }

    mutating func resolveRunsContent(_ spec: ChartSpec) -> (content: ChartDefinition.Content, title: String)? {
        let yNames = spec.y?.map(\.value)
        let per: ChartPer
        if let given = spec.per?.value {
            per = given
        } else if let yNames, yNames.allSatisfy(Self.epochOnlyColumns.contains) {
            per = .epoch
        } else {
            per = .step
        }
        let y = yNames ?? [(per == .step ? TraceColumn.loss : .sqrtSSE).name]

        // Which runs: those named (a sweep's base name stands for all its runs), or every run
        // that has the columns.
        var selected: [Run] = []
        if let names = spec.runs {
            for name in names {
                let matches = runs.filter { $0.name == name.value || $0.sweep?.baseName == name.value }
                if matches.isEmpty && !invalid.coversRun(name.value) {
                    reader.report(
                        "the chart names the run \"\(name.value)\", which does not exist", field: name,
                        hint: invalid.runNameHint(for: name.value, valid: runs.map(\.name)))
                }
                for run in matches where !selected.contains(where: { $0.name == run.name }) { selected.append(run) }
            }
            if selected.isEmpty { return nil }
            if names.contains(where: { invalid.coversRun($0.value) }) { return nil }
        }

        switch per {
        case .run:
            if spec.x?.value == ChartDefinition.byRun {
                // One row per run (a dot plot): every run the chart names, or every run.
                let candidates = spec.runs == nil ? runs : selected
                if candidates.isEmpty { return nil }
                guard checkColumns(y, fields: spec.y, in: candidates, columns: \.chartEpochColumns, explicit: spec.runs != nil, spec: spec, perWord: "per epoch") else {
                    return nil
                }
                return (.runs(per: .run, x: ChartDefinition.byRun, y: y, runs: candidates.map(\.name)), "Final \(y.joined(separator: ", ")) of each run")
            }
            // A mistake in x does not hide one in y: y is checked against the runs x would choose from.
            let yRuns = spec.runs == nil ? runs : selected
            let x: SweepKey
            if let xField = spec.x {
                let numeric = SweepKey.allCases.filter(\.isNumeric)
                guard let key = SweepKey(rawValue: xField.value), key.isNumeric else {
                    reader.report(
                        "a per-run chart's x must be a numeric setting (\(numeric.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))) or \"run\" (one row per run), got \"\(xField.value)\"",
                        field: xField, hint: Suggestions.closest(to: xField.value, in: numeric.map(\.rawValue) + [ChartDefinition.byRun]).map { "did you mean \"\($0)\"?" })
                    checkColumnsBeside(y, in: yRuns, spec: spec)
                    return nil
                }
                x = key
            } else {
                let swept = (spec.runs == nil ? runs : selected).compactMap { $0.sweep?.settings.first?.key }.filter(\.isNumeric)
                guard let first = swept.first else {
                    // The sweep may be in a run already reported invalid.
                    if spec.runs == nil && invalid.hasRuns { return nil }
                    reader.report("a per-run chart needs \"x\": the setting to plot against", path: spec.path, at: spec.location, hint: "e.g. \"x\": \"lr\", or \"x\": \"run\" for one row per run")
                    checkColumnsBeside(y, in: yRuns, spec: spec)
                    return nil
                }
                x = first
            }
            let candidates = spec.runs == nil ? runs.filter { $0.setting(x) != nil } : selected
            for run in candidates where run.setting(x) == nil {
                reader.report(
                    "the run \"\(run.name)\" has no setting \"\(x.rawValue)\"", path: spec.path, at: spec.location,
                    hint: "remove \"\(run.name)\" from the chart's \"runs\", or write \"x\": \"run\" for one row per run")
                checkColumnsBeside(y, in: yRuns, spec: spec)
                return nil
            }
            guard checkColumns(y, fields: spec.y, in: candidates, columns: \.chartEpochColumns, explicit: spec.runs != nil, spec: spec, perWord: "per epoch") else {
                return nil
            }
            let names = candidates.map(\.name)
            if names.isEmpty {
                if spec.runs == nil && invalid.hasRuns { return nil }
                reader.report(
                    "no run has the setting \"\(x.rawValue)\"", path: spec.path, at: spec.location,
                    hint: "sweep \(x.rawValue) in a run (\"sweep\": { \"\(x.rawValue)\": [...] }), or write \"x\": \"run\" for one row per run")
                checkColumnsBeside(y, in: yRuns, spec: spec)
                return nil
            }
            return (.runs(per: .run, x: x.rawValue, y: y, runs: names), "Final \(y.joined(separator: ", ")) against \(x.rawValue)")

        case .step, .epoch:
            let columns: KeyPath<Run, [String]> = per == .step ? \.chartStepColumns : \.chartEpochColumns
            let x = spec.x?.value ?? (per == .step ? TraceColumn.step : .epoch).name
            var candidates = spec.runs == nil ? runs : selected
            if spec.runs == nil {
                candidates = candidates.filter { run in y.allSatisfy(run[keyPath: columns].contains) }
                if candidates.isEmpty {
                    // The runs that had the columns may be those already reported invalid.
                    if invalid.hasRuns { return nil }
                    let all = Set(runs.flatMap { $0[keyPath: columns] })
                    for field in spec.y ?? [] where !all.contains(field.value) {
                        reader.report(
                            "no run has the column \"\(field.value)\" \(per == .step ? "per step" : "per epoch")", field: field,
                            hint: hintForColumn(field.value, per: per, known: Array(all)))
                    }
                    if spec.y == nil || (spec.y ?? []).allSatisfy({ all.contains($0.value) }) {
                        reader.report(
                            "no run has all of the columns " + y.joined(separator: ", "), path: spec.path, at: spec.location,
                            hint: "split the chart into one per kind of run, or list in \"y\" only the columns every run has")
                    }
                    // x is checked too: no run to check it against one by one, so against them all.
                    if let field = spec.x, !all.contains(field.value) {
                        reader.report(
                            "no run has the column \"\(field.value)\" \(per == .step ? "per step" : "per epoch") for x", field: field,
                            hint: hintForColumn(field.value, per: per, known: Array(all)))
                    }
                    return nil
                }
            } else if !checkColumns(y, fields: spec.y, in: candidates, columns: columns, explicit: true, spec: spec, perWord: per == .step ? "per step" : "per epoch") {
                return nil
            }
            for run in candidates where !run[keyPath: columns].contains(x) {
                reader.report(
                    "the run \"\(run.name)\" has no column \"\(x)\" for x", path: spec.x?.path ?? spec.path, at: spec.x?.location ?? spec.location,
                    hint: x == ChartDefinition.byRun ? "for one row per run, add \"per\": \"run\""
                        : Suggestions.hint(for: x, in: run[keyPath: columns], kind: "column"))
                return nil
            }
            let title = "\(y.joined(separator: ", ")) per \(per.rawValue)"
            return (.runs(per: per, x: x, y: y, runs: candidates.map(\.name)), title)
        }
    }

    /// Every run has every column; reports each missing column once, however many runs lack it
    /// (a sweep of 25 runs without "sqrt_ss" is one mistake): "no run …" when none of them has
    /// it, the run when one lacks it, else the runs that lack it.
    mutating func checkColumns(
        _ y: [String], fields: [Field<String>]?, in runs: [Run], columns: KeyPath<Run, [String]>, explicit: Bool,
        spec: ChartSpec, perWord: String
    ) -> Bool {
        var ok = true
        let per: ChartPer = perWord == "per step" ? .step : .epoch
        for (index, column) in y.enumerated() {
            let lacking = runs.filter { !$0[keyPath: columns].contains(column) }
            guard let first = lacking.first else { continue }
            let field = fields?[index]
            let known = Set(lacking.flatMap { $0[keyPath: columns] })
            let message: String
            if lacking.count == 1 {
                message = "the run \"\(first.name)\" has no column \"\(column)\" \(perWord)"
            } else if lacking.count == runs.count {
                message = explicit
                    ? "none of the chart's \(runs.count) runs has the column \"\(column)\" \(perWord)"
                    : "no run has the column \"\(column)\" \(perWord)"
            } else {
                let shown = lacking.prefix(3).map { "\"\($0.name)\"" }.joined(separator: ", ")
                message = "\(lacking.count) of the chart's \(runs.count) runs have no column \"\(column)\" \(perWord): "
                    + shown + (lacking.count > 3 ? ", …" : "")
            }
            // When other runs of the chart have the column, the name is right and the runs are not.
            let having = runs.filter { $0[keyPath: columns].contains(column) }.map { "\"\($0.name)\"" }
            let hint = having.isEmpty ? hintForColumn(column, per: per, known: Array(known))
                : "\(having.prefix(3).joined(separator: ", "))\(having.count > 3 ? ", …" : "") \(having.count == 1 ? "has" : "have") it: "
                    + "list in \"runs\" only runs that have \"\(column)\", or draw one chart per model"
            reader.report(message, path: field?.path ?? spec.path, at: field?.location ?? spec.location, hint: hint)
            ok = false
        }
        return ok
    }

    /// The per-run chart's y checked when its x is wrong, against `runs` (nothing to check
    /// when there are none, or when some run is invalid and the chart names none).
    mutating func checkColumnsBeside(_ y: [String], in runs: [Run], spec: ChartSpec) {
        guard !runs.isEmpty, spec.runs != nil || !invalid.hasRuns else { return }
        _ = checkColumns(y, fields: spec.y, in: runs, columns: \.chartEpochColumns, explicit: spec.runs != nil, spec: spec, perWord: "per epoch")
    }

    func hintForColumn(_ column: String, per: ChartPer, known: [String]) -> String? {
        if per == .step && Self.epochOnlyColumns.contains(column) {
            return "\"\(column)\" is a per-epoch column; add \"per\": \"epoch\""
        }
        if column.hasPrefix(TraceColumn.ParameterGroup.estimate.prefix) {
            return "est_ columns need \"derivatives\": { \"check\": true }"
        }
        return Suggestions.hint(for: column, in: known.sorted(), kind: "column")
    }
}

/// The charts a study gets when it declares none: the error of every run, each run's weights,
/// each signal with its average, and for each numeric setting a sweep varies, the final error of
/// the runs that vary it against that setting.
enum DefaultCharts {
    static let maximumWeightCharts = 4
    static let maximumWeightsPerChart = 8

    /// The caption of a run's default weights chart when it shows only some of the weights (nil
    /// when it shows them all): which ones, of how many, and where the others are.
    static func weightsCaption(_ names: [String]) -> String? {
        guard names.count > maximumWeightsPerChart else { return nil }
        let shown = names.prefix(maximumWeightsPerChart)
        return "The first \(shown.count) of the run's \(NumberText.grouped(names.count)) weights (\(shown.first!) to \(shown.last!)); "
            + "the run's steps CSV has a column for every weight, and a chart of your own can draw others by naming them in its \"y\"."
    }

    static func make(runs: [Run], signals: [Signal]) -> [ChartDefinition] {
        var charts: [ChartDefinition] = []
        // A chart of one run or signal takes its file name from the run's or signal's (which is
        // distinct and never empty), so `Weights: 一个神经元` is `weights-run-…`. The chart's name
        // is its title unless the title would give another file name: then it is the file name, so
        // that `study.json` builds the same files again. Two titles that still give one file name
        // (a signal "a" with an average and a signal "a and its average") number the later chart.
        func add(
            _ title: String, slug: String? = nil, _ content: ChartDefinition.Content, xScale: AxisScale = .auto,
            yScale: AxisScale = .auto, caption: String? = nil
        ) {
            let made = slug ?? Slug.fileName(for: title, fallback: "chart")
            var unique = made
            var number = 1
            while charts.contains(where: { $0.slug == unique }) {
                number += 1
                unique = Slug.make("\(made) \(number)")
            }
            let name = Slug.fileName(for: title, fallback: "chart") == unique ? title : unique
            charts.append(ChartDefinition(
                name: name, slug: unique, title: title, content: content, xScale: xScale, yScale: yScale,
                smoothing: nil, caption: caption, width: nil, height: nil, isDefault: true))
        }
        // A finder's batches each train at another rate and it stops when the loss diverges: its
        // "epochs" are not comparable with a training run's, so its error is left to its own chart.
        let trained = runs.filter { $0.lrFind == nil }
        if !trained.isEmpty {
            let names = trained.map(\.name)
            if trained.allSatisfy({ $0.epochs == 1 }) {
                add("Loss per step", .runs(per: .step, x: TraceColumn.step.name, y: [TraceColumn.loss.name], runs: names))
            } else {
                add("Error per epoch", .runs(per: .epoch, x: TraceColumn.epoch.name, y: [TraceColumn.sqrtSSE.name], runs: names),
                    caption: "sqrt_sse: the square root of the sum of squared errors over the epoch, which the fast.ai spreadsheets label \"rmse\".")
            }
        }
        if !runs.isEmpty {
            // A learning-rate finder's chart: fastai's plot_lr_find, its suggestions marked.
            for run in runs where run.lrFind != nil {
                add("Learning-rate finder: \(run.name)", slug: Slug.make("learning rate finder \(run.slug)"),
                    .runs(per: .step, x: TraceColumn.learningRate.name, y: [TraceColumn.smoothLoss.name], runs: [run.name]),
                    xScale: .log,
                    caption: "The smoothed loss (fastai's AvgSmoothLoss, β 0.98) against the rate of each batch but the last 5, which fastai's plot_lr_find leaves out too; the points are fastai's four suggestions, computed from the batches after the first numIt/10 and before the last 5, each marked on the drawn curve.")
            }
            // A scheduled run's rate (and momentum) per step: fastai's plot_sched. The scheduled
            // runs of one sweep share a chart of each, a line per run (a sweep of lrMax over 7
            // values made 7 rate charts and 7 momentum charts, the latter all alike).
            var groups: [[Run]] = []
            for run in runs where run.schedule != nil {
                if let base = run.sweep?.baseName, let i = groups.firstIndex(where: { $0[0].sweep?.baseName == base }) {
                    groups[i].append(run)
                } else {
                    groups.append([run])
                }
            }
            for group in groups {
                let first = group[0], names = group.map(\.name)
                let label = group.count == 1 ? first.name : first.sweep!.baseName
                let slug = group.count == 1 ? first.slug : Slug.make(label)
                let types = group.compactMap(\.schedule?.typeName).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                let each = group.count == 1 ? "" : ", a line per run of the sweep"
                add("Learning rate: \(label)", slug: Slug.make("learning rate \(slug)"), .runs(per: .step, x: TraceColumn.step.name, y: [TraceColumn.learningRate.name], runs: names),
                    yScale: .linear, caption: "The \(types.joined(separator: " and ")) schedule's rate before each batch, as fastai's ParamScheduler sets it\(each).")
                let momentum = group.filter { $0.schedule!.schedulesMomentum }.map(\.name)
                if !momentum.isEmpty {
                    add("Momentum: \(label)", slug: Slug.make("momentum \(slug)"), .runs(per: .step, x: TraceColumn.step.name, y: [TraceColumn.momentum.name], runs: momentum),
                        caption: "The scheduled momentum (fastai's mom: momentum's beta, Adam's beta1) before each batch\(momentum.count == 1 ? "" : each).")
                }
            }
            for run in runs.prefix(maximumWeightCharts) {
                add("Weights: \(run.name)", slug: Slug.make("weights \(run.slug)"), .runs(per: .step, x: TraceColumn.step.name, y: Array(run.parameterNames.prefix(maximumWeightsPerChart)), runs: [run.name]),
                    caption: weightsCaption(run.parameterNames))
            }
            // One chart per numeric setting a sweep varies, in the order the settings first appear,
            // each with only the runs whose sweep varies it: a run of a `wd` sweep is not a point
            // of the `lr` chart at its unswept rate.
            var keys: [SweepKey] = []
            for run in runs {
                for setting in run.sweep?.settings ?? [] where setting.key.isNumeric && !keys.contains(setting.key) {
                    keys.append(setting.key)
                }
            }
            for key in keys {
                let swept = runs.filter { $0.sweep?.settings.contains { $0.key == key } ?? false }.map(\.name)
                add("Final error against \(key.rawValue)", .runs(per: .run, x: key.rawValue, y: [TraceColumn.sqrtSSE.name], runs: swept))
            }
        }
        for signal in signals {
            add(signal.ewma == nil ? signal.name : "\(signal.name) and its average",
                slug: signal.ewma == nil ? signal.slug : Slug.make("\(signal.slug) and its average"),
                .signal(name: signal.name, x: "x", y: Array(signal.columns.dropFirst(2))))
        }
        return charts
    }
}
