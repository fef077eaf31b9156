/// Typed reads from a located JSON tree that never stop at the first problem: each read
/// either returns a value or records a diagnostic (file, JSON path, line and column, fix)
/// and returns nil, so one pass reports everything wrong in a file.
struct NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    /// Adds a diagnostic, unless the same one (place, message and hint) was already reported:
    /// one mistake, one message. An empty hint is no hint.
    mutating func report(_ message: String, path: String?, at location: SourceLocation?, hint: String? = nil) {
        let diagnostic = Diagnostic(file: file, path: path, location: location, message: message, hint: hint?.isEmpty == true ? nil : hint)
        guard !diagnostics.contains(diagnostic) else { return }
        diagnostics.append(diagnostic)
    }

    /// A problem located in another file (a CSV the study names).
    mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func report(_ message: String, node: JSONNode, path: String, hint: String? = nil) {
        report(message, path: path, at: node.location, hint: hint)
    }

    mutating func report<T>(_ message: String, field: Field<T>, hint: String? = nil) {
        report(message, path: field.path, at: field.location, hint: hint)
    }

    /// Names become file names (as slugs of their ASCII letters and digits, see `Slug`), sheet
    /// names (cleaned, see `SheetNames`) and page text (escaped): any character may be in one
    /// (`SGD w/ momentum`) but a control character, which is almost always a mistake.
    mutating func checkName(_ name: Field<String>, what: String) {
        if name.value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            report("the \(what) name contains a control character", field: name, hint: "remove it")
        }
    }

    // MARK: Objects

    /// The members of an object, keyed by name, after checking every key is one of `keys`.
    /// Unknown keys are errors with a "did you mean" hint (from `hint` when given: the keys that
    /// apply to this object may be fewer than those accepted); a missing required key is an error,
    /// unless an unknown key is its near-miss (`"nmae"` for `"name"`): one mistake, one message,
    /// at the unknown key, whose hint is then "did you mean" the missing key. The near-misses of
    /// keys that are not written are kept in `ObjectMembers.nearMisses`, for the checks a caller
    /// makes itself (`"y"` or `"target"`).
    /// `notAnObject` is the hint when the value is not an object at all (e.g. that `{}` takes the defaults).
    mutating func object(
        _ node: JSONNode, path: String, keys: [String], required: [String] = [], what: String,
        hint: ((String) -> String?)? = nil, notAnObject: String? = nil
    ) -> ObjectMembers? {
        guard case .object(let members) = node.kind else {
            report("\(what) must be an object, got \(node.typeDescription)", node: node, path: path, hint: notAnObject ?? Self.objectHint(what: what, keys: keys))
            return nil
        }
        let written = Set(members.map(\.key))
        let absent = keys.filter { !written.contains($0) }
        var byKey: [String: JSONNode] = [:]
        var nearMisses: [String: String] = [:]
        for member in members {
            if keys.contains(member.key) {
                byKey[member.key] = member.value
            } else {
                var keyHint = hint.map { $0(member.key) } ?? Suggestions.hint(for: member.key, in: keys)
                if let meant = Suggestions.closest(to: member.key, in: absent), nearMisses[meant] == nil {
                    nearMisses[meant] = member.key
                    if required.contains(meant) { keyHint = "did you mean \"\(meant)\"?" }
                }
                report(
                    "unknown key \"\(member.key)\" in \(what)",
                    path: JSONPath.appending(key: member.key, to: path), at: member.keyLocation,
                    hint: keyHint)
            }
        }
        for key in required where byKey[key] == nil && nearMisses[key] == nil {
            report("\(what) needs \"\(key)\"", node: node, path: path, hint: "add \"\(key)\" to \(what) (the README's study-file section lists its values)")
        }
        return ObjectMembers(node: node, path: path, members: byKey, nearMisses: nearMisses)
    }

    // MARK: The fix for a value of the wrong type

    /// `{ "key": value }` with the first of `keys`, or braces alone.
    static func objectHint(what: String, keys: [String]) -> String {
        if let first = keys.first { return "write \(what) in braces, e.g. { \"\(first)\": … }" }
        return "write \(what) in braces: { … }"
    }

    /// The value in double quotes when it is a number or a word (`"1"`), else an example.
    static func stringHint(for node: JSONNode) -> String {
        switch node.kind {
        case .number(_, let text): return "write it in double quotes: \"\(text)\""
        case .bool(let b): return "write it in double quotes: \"\(b)\""
        case .array, .object: return "write one piece of text in double quotes, e.g. \"1 neuron\""
        default: return "write text in double quotes, e.g. \"1 neuron\""
        }
    }

    /// `true` or `false` without quotes.
    static func boolHint(for node: JSONNode) -> String {
        if case .string(let s) = node.kind, ["true", "false"].contains(s.lowercased()) { return "write \(s.lowercased()) without quotes" }
        return "write true or false, without quotes"
    }

    /// Square brackets around the value(s).
    static func arrayHint(for node: JSONNode, ofObjects: Bool) -> String {
        switch node.kind {
        case _ where ofObjects, .object: return "write a list in square brackets, e.g. [ { … }, { … } ]; a single item also goes in brackets: [ { … } ]"
        case .number(_, let text): return "write a list in square brackets, e.g. [\(text)]"
        case .string(let s) where s.count <= 40: return "write a list in square brackets, e.g. [\"\(s)\"]"
        default: return "write a list in square brackets, e.g. [1, 2, 3]"
        }
    }

    // MARK: Scalars

    mutating func string(_ node: JSONNode, path: String, what: String) -> Field<String>? {
        guard case .string(let s) = node.kind else {
            report("\(what) must be a string, got \(node.typeDescription)", node: node, path: path, hint: Self.stringHint(for: node))
            return nil
        }
        return Field(s, path: path, location: node.location)
    }

    mutating func bool(_ node: JSONNode, path: String, what: String) -> Field<Bool>? {
        guard case .bool(let b) = node.kind else {
            report("\(what) must be true or false, got \(node.typeDescription)", node: node, path: path, hint: Self.boolHint(for: node))
            return nil
        }
        return Field(b, path: path, location: node.location)
    }

    /// A finite number within `bounds`.
    mutating func number(_ node: JSONNode, path: String, what: String, bounds: Bounds = .any) -> Field<Double>? {
        guard case .number(let value, let text) = node.kind else {
            var hint = "write a number without quotes, such as 0.5 or 1e-4"
            if case .string(let s) = node.kind, Double(s) != nil { hint = "write the number without quotes: \(s)" }
            if case .string(let s) = node.kind, let (plain, _) = NumberText.ungrouped(Substring(s)) {
                hint = "write the number without quotes or thousands separators: \(plain)"
            }
            report("\(what) must be a number, got \(node.typeDescription)", node: node, path: path, hint: hint)
            return nil
        }
        if let problem = bounds.problem(with: value) {
            report("\(what) \(problem), got \(text)", node: node, path: path, hint: bounds.hint(for: what))
            return nil
        }
        return Field(value, path: path, location: node.location)
    }

    /// A whole number within `min...max`.
    /// A whole number in `min...max`; `tooLarge` is the hint for one above `max`.
    mutating func integer(_ node: JSONNode, path: String, what: String, min: Int, max: Int, tooLarge: String? = nil) -> Field<Int>? {
        let range = max == Int.max ? "at least \(min)" : "between \(min) and \(NumberText.grouped(max))"
        let within = max == Int.max ? "\(min) or more" : "a whole number from \(min) to \(NumberText.grouped(max))"
        guard case .number(let value, let text) = node.kind else {
            var hint = "write \(within), without quotes"
            if case .string(let s) = node.kind, let n = Int(s), n >= min, n <= max {
                hint = "write the number without quotes: \(n)"
            }
            if case .string(let s) = node.kind, let (plain, _) = NumberText.ungrouped(Substring(s)) {
                hint = "write the number without quotes or thousands separators: \(plain)"
            }
            report("\(what) must be a whole number, got \(node.typeDescription)", node: node, path: path, hint: hint)
            return nil
        }
        guard value == value.rounded() else {
            let below = Swift.max(Double(min), value.rounded(.down)), above = Swift.min(Double(max), value.rounded(.up))
            let hint = value.isFinite && below <= above && below != above
                ? "use \(NumberText.compact(below)) or \(NumberText.compact(above))" : "use \(within)"
            report("\(what) must be a whole number, got \(text)", node: node, path: path, hint: hint)
            return nil
        }
        guard value >= Double(min) && value <= Double(max) else {
            report(
                "\(what) must be \(range), got \(text)", node: node, path: path,
                hint: value > Double(max) ? tooLarge ?? "that is far more than any study needs: use \(within)" : "use \(within)")
            return nil
        }
        return Field(Int(value), path: path, location: node.location)
    }

    /// One of a fixed set of words.
    mutating func choice<T: RawRepresentable & CaseIterable>(
        _ node: JSONNode, path: String, what: String, as type: T.Type
    ) -> Field<T>? where T.RawValue == String {
        guard let word = string(node, path: path, what: what) else { return nil }
        if let value = T(rawValue: word.value) { return word.map { _ in value } }
        let options = T.allCases.map(\.rawValue)
        report(
            "\(what) \"\(word.value)\" is not one of " + options.map { "\"\($0)\"" }.joined(separator: ", "),
            node: node, path: path,
            hint: Suggestions.closest(to: word.value, in: options).map { "did you mean \"\($0)\"?" } ?? "write one of them, in lower case as listed")
        return nil
    }

    /// The elements of an array.
    /// An empty array, when `nonEmpty`, is an error; the hints show values, or objects when `ofObjects`.
    mutating func array(_ node: JSONNode, path: String, what: String, nonEmpty: Bool = false, ofObjects: Bool = false) -> [(JSONNode, String)]? {
        guard case .array(let elements) = node.kind else {
            report("\(what) must be an array, got \(node.typeDescription)", node: node, path: path, hint: Self.arrayHint(for: node, ofObjects: ofObjects))
            return nil
        }
        if nonEmpty && elements.isEmpty {
            report("\(what) must not be empty", node: node, path: path, hint: ofObjects ? "write at least one { … } between the brackets" : "write at least one value between the brackets, e.g. [1, 2, 3]")
            return nil
        }
        return elements.enumerated().map { ($1, JSONPath.appending(index: $0, to: path)) }
    }

    /// An array of finite numbers within `bounds`.
    mutating func numbers(
        _ node: JSONNode, path: String, what: String, bounds: Bounds = .any, nonEmpty: Bool = true
    ) -> Field<[Double]>? {
        guard let elements = array(node, path: path, what: what, nonEmpty: nonEmpty) else { return nil }
        var values: [Double] = []
        values.reserveCapacity(elements.count)
        var ok = true
        var reported = 0
        for (element, elementPath) in elements {
            if case .number(let value, _) = element.kind, bounds.problem(with: value) == nil {
                values.append(value)
                continue
            }
            ok = false
            // A long array with many bad values gets a few messages, not thousands.
            if reported < 5 {
                _ = number(element, path: elementPath, what: "each value of \(what)", bounds: bounds)
            }
            reported += 1
        }
        if reported > 5 {
            report("\(reported - 5) more values of \(what) are invalid", node: node, path: path, hint: "fix them as the first five: \(bounds.hint(for: what))")
        }
        return ok ? Field(values, path: path, location: node.location) : nil
    }
}

/// An object's members after `NodeReader.object` checked its keys.
struct ObjectMembers {
    let node: JSONNode
    let path: String
    let members: [String: JSONNode]
    /// A key not written → the unknown key written that is its near-miss (`"name"` → `"nmae"`),
    /// already reported with "did you mean": a check for the missing key stays silent.
    var nearMisses: [String: String] = [:]

    /// Whether `key` is written, or misspelt as an unknown key already reported.
    func hasOrMisspells(_ key: String) -> Bool { members[key] != nil || nearMisses[key] != nil }

    subscript(key: String) -> (node: JSONNode, path: String)? {
        members[key].map { ($0, JSONPath.appending(key: key, to: path)) }
    }

    func has(_ key: String) -> Bool { members[key] != nil }
}

/// The range a number must lie in, with the words a message uses for it.
enum Bounds {
    case any
    case positive
    case nonNegative
    /// 0 ≤ x < 1, as a decay rate must be.
    case decay
    /// 0 ≤ x < 1 for smoothing.
    case smoothing
    case closed(Double, Double)

    /// What to write instead.
    var hint: String {
        switch self {
        case .any: return "write a finite number"
        case .positive: return "use a number above 0 (a learning rate such as 0.0001 may be written 1e-4)"
        case .nonNegative: return "use 0 or a number above it"
        case .decay: return "a decay rate keeps that fraction of the past each step: use a value such as 0.9 or 0.99"
        case .smoothing: return "use 0 for no smoothing, up to 0.99 for a lot"
        case .closed(let low, let high): return "use a value from \(NumberText.compact(low)) to \(NumberText.compact(high))"
        }
    }

    /// What to write instead of a value of the setting `what` (`lr`, `divFinal`, `exp.from`): the
    /// hint of `.positive` fits the setting — a learning rate's example only for a rate.
    func hint(for what: String) -> String {
        guard case .positive = self else { return hint }
        let name = what.split(separator: ".").last.map(String.init) ?? what
        switch name {
        case "div": return "use a number above 0: the first rate is lrMax/div (fastai's default div is 25)"
        case "divFinal": return "use a number above 0: the last rate is lrMax/divFinal (fastai's default divFinal is 1e5)"
        case "power": return "use a number above 0: 1 falls in a straight line, 2 along a parabola (fastai's default is 1)"
        default:
            let isRate = name.lowercased().contains("lr") || what.hasPrefix("exp.")
            return isRate ? hint : "use a number above 0"
        }
    }

    func problem(with value: Double) -> String? {
        guard value.isFinite else { return "must be finite" }
        switch self {
        case .any: return nil
        case .positive: return value > 0 ? nil : "must be greater than 0"
        case .nonNegative: return value >= 0 ? nil : "must not be negative"
        case .decay, .smoothing: return value >= 0 && value < 1 ? nil : "must be at least 0 and less than 1"
        case .closed(let low, let high):
            return value >= low && value <= high
                ? nil : "must be between \(NumberText.compact(low)) and \(NumberText.compact(high))"
        }
    }
}
