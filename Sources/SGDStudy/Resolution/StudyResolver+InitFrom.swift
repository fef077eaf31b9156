import SGDEngine

// `"init": { "from": "<run>" }` (SPEC §4.3): the run named exists, has the same parameters, and
// does not, through other runs' `from`, start from this one.
extension StudyResolver {
    /// Runs that failed to resolve take part too: a `from` naming one is not an unknown run, and
    /// a cycle through one is still a cycle; only the parameters of resolved runs are compared.
    mutating func checkInitFrom(_ runs: [RunIdentity], invalid: InvalidNames) {
        let byName = Dictionary(runs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var reportedCycles: Set<String> = []
        for run in runs {
            guard let source = run.startsFrom, let field = run.initField else { continue }
            guard let from = byName[source] else {
                if invalid.coversRun(source) { continue }
                let sweptRuns = runs.filter { $0.sweep?.baseName == source }.map(\.name)
                if !sweptRuns.isEmpty {
                    reader.report(
                        "init.from names \"\(source)\", a sweep of \(sweptRuns.count) runs; a run starts from one run's weights", field: field,
                        hint: "name one of them, e.g. \"\(sweptRuns[0])\"")
                } else {
                    reader.report(
                        "init.from names \"\(source)\", which is not a run of this study", field: field,
                        hint: Suggestions.closest(to: source, in: runs.map(\.name)).map { "did you mean \"\($0)\"?" }
                            ?? "the runs are " + runs.map { "\"\($0.name)\"" }.joined(separator: ", "))
                }
                continue
            }
            // A chain of froms that comes back to this run is a cycle: reported once, at its first run.
            var chain = [run.name]
            var next: RunIdentity? = from
            while let current = next, let step = current.startsFrom, !chain.contains(current.name) {
                chain.append(current.name)
                next = byName[step]
            }
            if let current = next, chain.contains(current.name) || current.name == run.name {
                let start = chain.firstIndex(of: current.name) ?? 0
                let cycle = Array(chain[start...]) + [current.name]
                let key = Set(cycle).sorted().joined(separator: "\u{0}")
                if start == 0, !reportedCycles.contains(key) {
                    reportedCycles.insert(key)
                    reader.report(
                        cycle.count == 2
                            ? "init.from makes run \"\(run.name)\" start from its own final weights"
                            : "init.from makes a cycle: " + cycle.map { "\"\($0)\"" }.joined(separator: " → "),
                        field: field, hint: "start one of these runs from a number, named weights or a random scheme")
                }
                continue
            }
            if let from = from.run, let run = run.run, from.parameterNames != run.parameterNames {
                reader.report(
                    "init.from names \"\(source)\", whose model (\(from.network.formula)) has parameters "
                        + from.parameterNames.joined(separator: ", ") + ", not this run's " + run.parameterNames.joined(separator: ", "),
                    field: field, hint: "start from a run with the same layers and units")
            }
        }
    }
}
