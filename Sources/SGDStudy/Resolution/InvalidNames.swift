/// The runs and signals a study file names that were already reported invalid.
///
/// A check that depends on one of them is skipped, so that one mistake gives one message: a
/// run with no optimizer is reported once, not again by every chart or signal that would have
/// used it (nor with an empty list of "valid columns" because no run is left).
struct InvalidNames: Sendable {
    /// Names of runs with errors; a sweep's base name stands for all the runs it would make.
    var runs: Set<String> = []
    var signals: Set<String> = []
    /// A run with errors whose name could not be read: any run name may have been meant for it.
    var unnamedRun = false
    var unnamedSignal = false

    mutating func addRun(named name: String?) {
        if let name { runs.insert(name) } else { unnamedRun = true }
    }

    mutating func addSignal(named name: String?) {
        if let name { signals.insert(name) } else { unnamedSignal = true }
    }

    /// Whether some run is invalid, so that a check over "every run" cannot be trusted.
    var hasRuns: Bool { unnamedRun || !runs.isEmpty }

    /// Whether `name` may name an invalid run: the run itself, or one its sweep would make
    /// (`"<name> lr=1e-5"`).
    func coversRun(_ name: String) -> Bool {
        unnamedRun || runs.contains(name) || runs.contains { name.hasPrefix($0 + " ") }
    }

    func coversSignal(_ name: String) -> Bool {
        unnamedSignal || signals.contains(name)
    }

    /// The hint of a message that `name` is not a run: the closest run name or the list, with
    /// the names of runs that have errors of their own (they exist, and may be what was meant).
    func runNameHint(for name: String, valid: [String]) -> String {
        let all = valid + runs.sorted().filter { !valid.contains($0) }
        return Suggestions.hint(for: name, in: all, kind: "run name")
            ?? "the study has no run with a name yet: name one \"\(name)\", or remove this"
    }
}
