import SGDEngine

// `signals`: each name checked and given a file name, a signal `from` a run checked against its columns.

extension StudyResolver {
    mutating func resolveSignals(_ specs: [SignalSpec], names: [Field<String>], runs: [Run], invalid: InvalidNames) -> [Signal] {
        var signals: [Signal] = []
        // A name used twice is reported over every signal's name, those with errors included.
        var seen: [String: String] = [:]
        var duplicates: Set<String> = []
        var lookalikes: [String: (name: String, path: String)] = [:]  // by visible form
        for name in names {
            if let first = seen[name.value] {
                reader.report("the signal name \"\(name.value)\" is used twice (first at \(first))", field: name, hint: "give each signal its own name")
                duplicates.insert(name.path)
            } else if let other = lookalikes[Suggestions.visibleForm(name.value, keepingJoiners: true)] {
                reader.report(
                    Suggestions.lookalikeMessage(name.value, other.name, at: other.path, what: "signal"), field: name,
                    hint: "delete the invisible characters (pasted with the name?), or give each signal its own name")
                duplicates.insert(name.path)
            } else {
                seen[name.value] = name.path
                lookalikes[Suggestions.visibleForm(name.value, keepingJoiners: true)] = (name.value, name.path)
            }
        }
        var slugs = SlugCollisions()
        for run in runs { slugs.claim(.init(.run, name: run.name, slug: run.slug)) }
        for copy in Study.inputCopies(of: runs) { slugs.claim(.init(.inputCopy, name: copy.file, slug: copy.slug)) }
        for spec in specs {
            reader.checkName(spec.name, what: "signal")
            let slug = spec.file?.value ?? Slug.fileName(for: spec.name.value, fallback: "signal")
            if duplicates.contains(spec.name.path) { continue }
            let origin = spec.file ?? spec.name
            let item = SlugCollisions.Item(.signal, name: spec.name.value, slug: slug, path: origin.path, at: origin.location)
            if let collision = slugs.collision(of: item) {
                reader.report(collision)
                continue
            }
            var source: Signal.Source
            switch spec.source {
            case .function(let from, let to, let step, let f): source = .function(from: from, to: to, step: step, f: f)
            case .values(let values): source = .values(values)
            case .run(let name, let column):
                guard let run = runs.first(where: { $0.name == name.value }) else {
                    if invalid.coversRun(name.value) { continue }
                    reader.report(
                        "the signal takes its values from the run \"\(name.value)\", which does not exist", field: name,
                        hint: invalid.runNameHint(for: name.value, valid: runs.map(\.name)))
                    continue
                }
                guard run.stepColumns.contains(column.value), !TraceColumns.names(TraceColumns.stepCounters).contains(column.value) else {
                    reader.report(
                        "the run \"\(run.name)\" has no column \"\(column.value)\"", field: column,
                        hint: Suggestions.hint(for: column.value, in: run.stepColumns, kind: "column"))
                    continue
                }
                if spec.ewma != nil, run.counts.recordedSteps < run.epochs * run.counts.stepsPerEpoch {
                    // The trace holds only the recorded rows; an average of those is not the run's.
                    reader.report(
                        "the signal averages the run \"\(run.name)\"'s column \"\(column.value)\", but that run keeps only one step in \(run.recordEvery) (\"record\": { \"every\": \(run.recordEvery) }), so the average would skip the others",
                        field: name,
                        hint: "remove \"record\" from the run \"\(run.name)\" so every step is kept, or remove \"ewma\" to plot the recorded steps as they are")
                    continue
                }
                source = .run(name: name.value, column: column.value)
            }
            signals.append(Signal(name: spec.name.value, slug: slug, file: spec.file?.value, source: source, ewma: spec.ewma))
            slugs.claim(item)
        }
        return signals
    }
}
