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
        // A swept run's name writes its value as the sweep did (`lr=0.0001`): the same name with
        // the number written another way (`lr=1e-4`) means that run.
        if let same = candidates.first(where: { sameExceptNumberSpelling(word, $0) }) { return same }
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
        if let invisible = invisibleDifference(word, candidates) { return invisible }
        if let suggestion = closest(to: word, in: candidates) {
            return "did you mean \"\(suggestion)\"?"
        }
        if candidates.isEmpty { return nil }
        return "valid \(kind)s here: " + candidates.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// Whether `a` and `b` are the same text with the same numbers, written alike or not
    /// (`lr=1e-4` and `lr=0.0001`, `units=8` and `units=8.0`); false when they have no number.
    package static func sameExceptNumberSpelling(_ a: String, _ b: String) -> Bool {
        let pa = numberParts(a), pb = numberParts(b)
        guard pa.texts == pb.texts, pa.numbers.count == pb.numbers.count, !pa.numbers.isEmpty else { return false }
        return zip(pa.numbers, pb.numbers).allSatisfy { $0 == $1 }
    }

    /// `text` split into the text between its numbers and the numbers' values (digits, an
    /// optional fraction and exponent: `1e-5`, `0.0001`, `.5`).
    static func numberParts(_ text: String) -> (texts: [String], numbers: [Double]) {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ i: Int) -> Bool { i < scalars.count && scalars[i].isASCII && ("0"..."9").contains(scalars[i]) }
        var texts: [String] = [], numbers: [Double] = []
        var current = ""
        var i = 0
        while i < scalars.count {
            guard isDigit(i) || (scalars[i] == "." && isDigit(i + 1)) else {
                current.unicodeScalars.append(scalars[i])
                i += 1
                continue
            }
            var j = i
            while isDigit(j) { j += 1 }
            if j < scalars.count && scalars[j] == "." && isDigit(j + 1) { j += 1; while isDigit(j) { j += 1 } }
            if j < scalars.count && (scalars[j] == "e" || scalars[j] == "E") {
                var k = j + 1
                if k < scalars.count && (scalars[k] == "-" || scalars[k] == "+") { k += 1 }
                if isDigit(k) { j = k; while isDigit(j) { j += 1 } }
            }
            let written = String(String.UnicodeScalarView(scalars[i..<j]))
            guard let value = Double(written) else { return ([text], []) }
            texts.append(current)
            current = ""
            numbers.append(value)
            i = j
        }
        texts.append(current)
        return (texts, numbers)
    }

    /// Format characters that show nothing and are easily pasted along with a name (copied from
    /// a web page or a chat): the bidi isolates U+2066–U+2069, marks U+200E, U+200F, U+061C,
    /// embeddings and overrides U+202A–U+202E, zero-width U+200B–U+200D and U+FEFF.
    package static func isInvisibleFormat(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x200B...0x200D, 0xFEFF: return true
        default: return false
        }
    }

    /// `text` without its invisible format characters (`isInvisibleFormat`). With
    /// `keepingJoiners`, U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER stay: they
    /// change how the letters or emoji around them are drawn, so names that differ by them look
    /// different.
    package static func visibleForm(_ text: String, keepingJoiners: Bool = false) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            !isInvisibleFormat(scalar) || (keepingJoiners && (scalar.value == 0x200C || scalar.value == 0x200D))
        }))
    }

    /// "an invisible character U+2068 (FIRST STRONG ISOLATE)" or "invisible characters U+2068
    /// (…), U+2069 (…)": the invisible format characters of `text`, each once, in order.
    package static func invisibleCharacters(of text: String) -> String {
        let scalars = text.unicodeScalars.filter(isInvisibleFormat)
        var seen: [Unicode.Scalar] = []
        for scalar in scalars where !seen.contains(scalar) { seen.append(scalar) }
        let list = seen.map { "\(Slug.codePoints(String($0))) (\($0.properties.name ?? "unnamed"))" }.joined(separator: ", ")
        return (scalars.count == 1 ? "an invisible character " : "invisible characters ") + list
    }

    /// When `word` and one of `candidates` differ only by invisible format characters: a hint
    /// naming them ("the name has invisible characters U+2068 (FIRST STRONG ISOLATE), U+2069
    /// (POP DIRECTIONAL ISOLATE): delete them"), since "did you mean" would show the same text.
    static func invisibleDifference(_ word: String, _ candidates: [String]) -> String? {
        let stripped = visibleForm(word)
        guard let candidate = candidates.first(where: { $0 != word && visibleForm($0) == stripped }) else { return nil }
        let inWord = word.unicodeScalars.filter(isInvisibleFormat).count
        if inWord > 0 && candidate.unicodeScalars.allSatisfy({ !isInvisibleFormat($0) }) {
            let one = inWord == 1
            return "the name has \(invisibleCharacters(of: word)), which \(one ? "shows" : "show") nothing (pasted with the name?): delete \(one ? "it" : "them") to name \"\(candidate)\""
        }
        return "the name differs from \"\(candidate)\" only by invisible characters: that name has \(invisibleCharacters(of: candidate))"
            + (inWord == 0 ? "" : ", this one \(invisibleCharacters(of: word))") + "; write the same characters in both, or delete them from both"
    }

    /// The message for two names that differ only by invisible format characters (joiners aside:
    /// `visibleForm(_:keepingJoiners:)` of both is the same), for a duplicate-name check: "the run
    /// name … looks the same as … (at runs[0].name): they differ only by an invisible character …".
    package static func lookalikeMessage(_ name: String, _ other: String, at path: String, what: String) -> String {
        let differing = name.unicodeScalars.contains(where: isInvisibleFormat) ? name : other
        return "the \(what) name \"\(name)\" looks the same as \"\(other)\" (at \(path)): they differ only by \(invisibleCharacters(of: differing))"
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
