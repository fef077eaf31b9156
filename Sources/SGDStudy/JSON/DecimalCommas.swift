/// Decimal commas: a European learner writes `1,5` for 1.5. In JSON, `"x": [1,5, 2,5]` is four
/// numbers and `"lr": 0,5` is a syntax error about keys; both are caught here with "did you mean
/// 1.5?". The pattern is digits, a comma, digits, no space; a real array (`[1,2,3]`, `[1, 2, 3]`,
/// numbers broken over lines) is left alone.
enum DecimalCommas {
    /// What follows a comma between two array elements.
    enum Separator: Equatable {
        /// A number, the comma and a digit with nothing between: `1,5`.
        case tight
        /// A space or tab after the comma: `1, 5`.
        case spaced
        /// Anything else: a line break, or a non-number on either side.
        case other
    }

    /// `-` and digits, or digits alone: a whole number as written.
    static func isWhole(_ text: String, signed: Bool = true) -> Bool {
        var digits = Substring(text)
        if signed, digits.first == "-" { digits.removeFirst() }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// An object member written `"lr": 0,5`: the parser found digits right after the number's comma.
    static func memberError(key: String, whole: String, fraction: String, at location: SourceLocation) -> JSONParser.SyntaxError {
        JSONParser.SyntaxError(
            location: location,
            message: "\"\(key)\": \(whole),\(fraction) is not a number: JSON writes a decimal with a point",
            hint: "did you mean \(whole).\(fraction)?")
    }

    /// The error for an array of numbers whose commas look like decimal commas, or nil. Each
    /// group of elements between spaced commas must be one number or a `whole,digits` pair, with
    /// at least one pair and at least one spaced comma: `[1,5, 2,5]` or `[1,5, 2]`.
    static func arrayError(_ elements: [JSONNode], separators: [Separator]) -> JSONParser.SyntaxError? {
        guard elements.count >= 2, separators.contains(.tight), separators.contains(.spaced) else { return nil }
        var texts: [String] = []
        for element in elements {
            guard case .number(_, let text) = element.kind else { return nil }
            texts.append(text)
        }
        var groups: [[Int]] = [[0]]
        for (index, separator) in separators.enumerated() {
            if separator == .tight { groups[groups.count - 1].append(index + 1) } else { groups.append([index + 1]) }
        }
        var first: (whole: String, fraction: String, location: SourceLocation)?
        var corrected: [String] = []
        for group in groups {
            switch group.count {
            case 1:
                corrected.append(texts[group[0]])
            case 2:
                let (whole, fraction) = (texts[group[0]], texts[group[1]])
                guard isWhole(whole), isWhole(fraction, signed: false) else { return nil }
                corrected.append(whole + "." + fraction)
                if first == nil { first = (whole, fraction, elements[group[0]].location) }
            default:
                return nil
            }
        }
        guard let first else { return nil }
        let array = "[" + corrected.joined(separator: ", ") + "]"
        return JSONParser.SyntaxError(
            location: first.location,
            message: "\(first.whole),\(first.fraction) reads as two numbers, \(first.whole) and \(first.fraction): JSON writes a decimal with a point",
            hint: "did you mean \(first.whole).\(first.fraction)?" + (array.count <= 80 ? " The array would be \(array)" : ""))
    }
}
