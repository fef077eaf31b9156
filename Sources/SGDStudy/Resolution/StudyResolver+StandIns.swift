import SGDEngine

/// A run with errors whose columns can still be known.
///
/// A chart's columns depend on the run's model and a few settings (optimizer type and variant,
/// schedule, finder, annealing, batch, derivatives check), not on its learning rate: a run with
/// a bad `lr` still lets a chart of `"zzz"` be reported in the same pass. A stand-in is the run
/// resolved again with the fields that have errors left out (a valid `lr` in place of a bad
/// one); it is never trained nor written, only checked against.
struct RunStandIn {
    var run: Run
    /// Whether every field that decides the run's trace columns and epochs is free of errors, so
    /// that its columns, epochs and settings are the run's; otherwise only its model and data are
    /// (enough for a landscape's parameters).
    var columnsAreKnown: Bool
}

extension StudyResolver {
    /// Optimizer fields that decide no column: a value of theirs with errors can be left out.
    static let columnNeutralOptimizerFields: Set<String> = ["lr", "beta", "beta1", "beta2", "beta3", "eps", "dampening", "debias", "wd", "decoupleWd", "wdBias"]

    /// The stand-in for a run that failed to resolve, or nil when its name, model, data or sweep
    /// has errors (or it has a sweep: its runs' names are those of the values).
    func standIn(for spec: RunSpec, runSpecPath: String, studyData: DataSpec, studyNormalize: Field<Normalization>?) -> RunStandIn? {
        guard let name = spec.name, !hasErrors(under: name.path), spec.sweep == nil,
            !hasErrors(under: JSONPath.appending(key: "sweep", to: runSpecPath)),
            spec.file.map({ !hasErrors(under: $0.path) }) ?? true,
            spec.model.map({ !hasErrors(under: $0.path) }) ?? true,
            !hasErrors(under: "defaults.model"), !hasErrors(under: JSONPath.appending(key: "model", to: runSpecPath)),
            !hasErrors(under: "defaults.data"), !hasErrors(under: JSONPath.appending(key: "data", to: runSpecPath)),
            !hasErrors(under: "data"), spec.optimizer.type.map({ !hasErrors(under: $0.path) }) ?? false,
            // A type written wrong on the run is not the defaults' type it fell back to.
            !hasErrors(under: JSONPath.appending(key: "type", to: JSONPath.appending(key: "optimizer", to: runSpecPath))),
            !hasErrors(under: "defaults.optimizer.type")
        else { return nil }
        var repaired = spec
        var known = !reader.diagnostics.contains { $0.path == runSpecPath || $0.path == "defaults" }
        func clear<T>(_ field: inout Field<T>?, decidesColumns: Bool) {
            guard let f = field, hasErrors(under: f.path) else { return }
            field = nil
            if decidesColumns { known = false }
        }
        for (key, field) in spec.optimizer.fields where hasErrors(under: field.path) {
            repaired.optimizer.fields[key] = nil
            if !Self.columnNeutralOptimizerFields.contains(key) { known = false }
        }
        if spec.optimizer.type != nil, repaired.optimizer.fields["lr"] == nil {
            repaired.optimizer.fields["lr"] = Field(
                JSONNode(.number(0.1, text: "0.1"), at: spec.optimizer.location ?? SourceLocation(line: 1, column: 1)), path: spec.optimizer.path, location: nil)
        }
        if hasErrors(under: spec.optimizer.path) && spec.optimizer.fields.isEmpty { known = false }
        clear(&repaired.initialization, decidesColumns: false)
        repaired.defaultInitialization = nil
        repaired.state = StateSpec()
        clear(&repaired.shuffle, decidesColumns: false)
        clear(&repaired.parameters, decidesColumns: false)
        clear(&repaired.epochs, decidesColumns: true)
        clear(&repaired.batch, decidesColumns: true)
        clear(&repaired.warmupEpochs, decidesColumns: true)
        clear(&repaired.epochRestart, decidesColumns: true)
        clear(&repaired.recordEvery, decidesColumns: true)
        clear(&repaired.recordEpochs, decidesColumns: true)
        clear(&repaired.lrAnneal, decidesColumns: true)
        clear(&repaired.schedule, decidesColumns: true)
        clear(&repaired.lrFind, decidesColumns: true)
        clear(&repaired.lrFindWritten, decidesColumns: true)
        for path in [spec.derivatives.method?.path, spec.derivatives.epsilon?.path, spec.derivatives.check?.path].compactMap({ $0 })
        where hasErrors(under: path) {
            repaired.derivatives = DerivativesSpec()
            known = false
        }
        if hasErrors(under: JSONPath.appending(key: "derivatives", to: runSpecPath)) || hasErrors(under: "defaults.derivatives") {
            repaired.derivatives = DerivativesSpec()
            known = false
        }
        for key in ["schedule", "lrFind", "lrAnneal", "record", "epochs", "batch", "warmupEpochs", "epochRestart"]
        where hasErrors(under: JSONPath.appending(key: key, to: runSpecPath)) || hasErrors(under: "defaults." + key) {
            known = false
        }
        // Resolved on a copy whose messages are dropped: the run's own were reported already.
        var scratch = self
        guard let run = scratch.resolveRun(repaired, studyData: studyData, studyNormalize: studyNormalize) else { return nil }
        return RunStandIn(run: run, columnsAreKnown: known)
    }
}
