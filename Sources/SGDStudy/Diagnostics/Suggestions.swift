/// "Did you mean …?" for misspelt keys and names.
package enum Suggestions {
    /// Words learners reach for that are spelt differently in a study file.
    static let synonyms: [String: String] = [
        "learningrate": "lr", "learning_rate": "lr", "learning-rate": "lr", "rate": "lr", "alpha": "lr",
        "momentum": "beta", "mom": "beta", "sqr_mom": "beta", "decay": "beta",
        "epoch": "epochs", "iterations": "epochs", "iters": "epochs", "nepochs": "epochs",
        "batchsize": "batch", "batch_size": "batch", "bs": "batch",
        "initial": "init", "initialization": "init", "initialisation": "init", "weights": "init",
        "act": "activation", "nonlinearity": "activation",
        "width": "units", "neurons": "units", "size": "units",
        "warmup": "warmupEpochs", "warmup_epochs": "warmupEpochs",
        "restart": "epochRestart", "epoch_restart": "epochRestart",
        "eps": "epsilon", "h": "epsilon", "delta": "epsilon",
        "kind": "type", "name": "title",
        "layer": "layers", "model_type": "model",
        "yscale": "yScale", "xscale": "xScale", "y_scale": "yScale", "x_scale": "xScale",
        "smooth": "smoothing", "series": "runs", "columns": "y",
        "beta_1": "beta1", "beta_2": "beta2", "sqrmom": "beta2",
        "dampen": "dampening", "damping": "dampening", "bias_correction": "debias", "debiased": "debias",
    ]

    /// The closest of `candidates` to `word`, or nil when none is plausibly meant.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let lower = word.lowercased()
        if let synonym = synonyms[lower], candidates.contains(synonym) { return synonym }
        if let same = candidates.first(where: { $0.lowercased() == lower }) { return same }
        let stripped = lower.filter { $0 != "_" && $0 != "-" && $0 != " " }
        if let same = candidates.first(where: { $0.lowercased().filter { $0 != "_" && $0 != "-" } == stripped }) {
            return same
        }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lower, candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, word.count / 3))
        return best.distance <= allowed ? best.candidate : nil
    }

    /// A hint naming the closest candidate, or listing the valid ones; nil when there are none
    /// (a hint is never an empty list).
    package static func hint(for word: String, in candidates: [String], kind: String = "key") -> String? {
        if let suggestion = closest(to: word, in: candidates) {
            return "did you mean \"\(suggestion)\"?"
        }
        if candidates.isEmpty { return nil }
        return "valid \(kind)s here: " + candidates.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
