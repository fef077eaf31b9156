import SGDEngine

/// Resolution of the `fit` and `landscape` charts (SPEC §4.6).
extension ChartResolver {
    mutating func resolveQuestionChart(_ spec: ChartSpec) -> (content: ChartDefinition.Content, title: String)? {
        if let fit = spec.fit {
            guard let selected = selectRuns(fit.runs), !fit.hasBadEpochs else { return nil }
            var ok = true
            for epoch in fit.epochs {
                let short = selected.filter { $0.epochs < epoch.value }
                if short.isEmpty, epoch.value > 0, let run = selected.first(where: {
                    !TrainingSetup.Counts.isRecorded(epoch: epoch.value, every: $0.recordEpochs, of: $0.epochs)
                }) {
                    let every = run.recordEpochs
                    let before = (epoch.value - 1) / every * every + 1
                    reader.report(
                        "the run \"\(run.name)\" keeps every \(every)th epoch (\"record\": { \"epochs\": \(every) }), so its epoch \(epoch.value) is not kept", field: epoch,
                        hint: "list kept epochs — 1, \(1 + every), \(1 + 2 * every), …, and \(run.epochs), such as \(before) or \(min(before + every, run.epochs)) — or remove \"epochs\" from its \"record\"")
                    ok = false
                    continue
                }
                guard let run = short.first else { continue }
                let most = selected.map(\.epochs).min() ?? 0
                reader.report(
                    "the run \"\(run.name)\" has \(run.epochs) epoch\(run.epochs == 1 ? "" : "s"), so it has no epoch \(epoch.value)", field: epoch,
                    hint: "list epochs from 0 (the starting weights) to \(most)")
                ok = false
            }
            // The chart draws one set of data points: every run must have trained on it.
            if let first = selected.first, let other = selected.first(where: { $0.dataset != first.dataset }) {
                let field = fit.runs.first { $0.value == other.name || $0.value == other.sweep?.baseName } ?? fit.runs[0]
                reader.report(
                    "the runs \"\(first.name)\" and \"\(other.name)\" train on different data, and a fit chart draws one set of data points", field: field,
                    hint: "draw one fit chart per data set")
                ok = false
            }
            guard ok else { return nil }
            let names = selected.map(\.name)
            let title = "The line the model draws" + (names.count == 1 ? ": \(names[0])" : "")
            return (.fit(runs: names, epochs: fit.epochs.map(\.value)), title)
        }
        guard let landscape = spec.landscape, let selected = selectRuns(landscape.runs, among: runs + modelOnlyRuns) else { return nil }
        let first = selected[0]
        // x and y are each checked, against the first run without it.
        var missing = false
        for field in [landscape.x, landscape.y] {
            if let run = selected.first(where: { !$0.parameterNames.contains(field.value) }) {
                let names = run.parameterNames
                let listed = names.count <= 12 ? names.joined(separator: ", ") : names.prefix(12).joined(separator: ", ") + ", …"
                // A one-letter name is one edit from every other: only longer names get a guess.
                let guess = field.value.count < 3 ? nil : Suggestions.closest(to: field.value, in: names)
                reader.report(
                    "the run \"\(run.name)\" has no parameter \"\(field.value)\"", field: field,
                    hint: (guess.map { "did you mean \"\($0)\"? " } ?? "") + "its parameters are \(listed)")
                missing = true
            }
        }
        if missing { return nil }
        // One surface: every run trains the same model on the same data.
        for run in selected.dropFirst() {
            let field = landscape.runs.first { $0.value == run.name || $0.value == run.sweep?.baseName } ?? landscape.runs[0]
            if run.network != first.network {
                reader.report(
                    "the runs \"\(first.name)\" and \"\(run.name)\" train different models, so they have no landscape in common", field: field,
                    hint: "a landscape shows runs of one model (\(first.network.formula)); draw one landscape per model")
                return nil
            }
            if run.dataset != first.dataset {
                reader.report(
                    "the runs \"\(first.name)\" and \"\(run.name)\" train on different data, so they have no landscape in common", field: field,
                    hint: "draw one landscape per data set")
                return nil
            }
        }
        return (.landscape(x: landscape.x.value, y: landscape.y.value, runs: selected.map(\.name)),
                "Error surface over \(landscape.x.value) and \(landscape.y.value)")
    }

    /// The runs named (a sweep's base name stands for all its runs), each reported when missing.
    private mutating func selectRuns(_ names: [Field<String>], among pool: [Run]? = nil) -> [Run]? {
        let pool = pool ?? runs
        var selected: [Run] = []
        var missing = false
        for name in names {
            let matches = pool.filter { $0.name == name.value || $0.sweep?.baseName == name.value }
            if matches.isEmpty {
                missing = true
                if !invalid.coversRun(name.value) {
                    reader.report(
                        "the chart names the run \"\(name.value)\", which does not exist", field: name,
                        hint: invalid.runNameHint(for: name.value, valid: runs.map(\.name)))
                }
            }
            for run in matches where !selected.contains(where: { $0.name == run.name }) { selected.append(run) }
        }
        return missing || selected.isEmpty ? nil : selected
    }
}
