// Numbers as RFC 8259 writes them, finite as a double.
extension JSONParser {
    mutating func parseNumber() throws(SyntaxError) -> JSONNode {
        let start = here
        let first = index
        if peek == UInt8(ascii: "-") {
            advance()
            if identifierAhead() == "Infinity" {
                throw SyntaxError(location: start, message: "-Infinity is not a JSON number", hint: "use a finite number")
            }
        }
        guard let lead = peek, isDigit(lead) else {
            throw SyntaxError(location: start, message: "'-' must be followed by a digit", hint: "write the number after the sign, e.g. -0.5")
        }
        if lead == UInt8(ascii: "0") {
            advance()
            if let next = peek, isDigit(next) {
                throw SyntaxError(location: start, message: "a number cannot start with 0 followed by digits", hint: "remove the leading zero")
            }
        } else {
            while let c = peek, isDigit(c) { advance() }
        }
        if let error = thousandsSeparator(from: first, at: start) { throw error }
        if peek == UInt8(ascii: ".") {
            advance()
            guard let c = peek, isDigit(c) else {
                throw SyntaxError(location: start, message: "a decimal point must be followed by a digit", hint: "write 1.0 rather than 1.")
            }
            while let c = peek, isDigit(c) { advance() }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            advance()
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { advance() }
            guard let c = peek, isDigit(c) else {
                throw SyntaxError(location: start, message: "an exponent must have digits", hint: "write 1e-5 rather than 1e-")
            }
            while let c = peek, isDigit(c) { advance() }
        }
        let text = String(decoding: bytes[first..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw SyntaxError(location: start, message: "the number \(text) is beyond the range of a double (about ±1.8e308)", hint: "use a smaller number")
        }
        return JSONNode(.number(value, text: text), at: start)
    }

    /// The error for a number written with thousands separators, Swiss `1'234.5` or with a
    /// no-break space, when the parser stands after its first digits (which start at offset
    /// `first`, at `start`); nil when what follows is not an apostrophe or a space other than
    /// ASCII's (`1 234` may be two numbers without their comma) before a digit, or not a number
    /// with separators.
    func thousandsSeparator(from first: Int, at start: SourceLocation) -> SyntaxError? {
        guard let c = peek, c == UInt8(ascii: "'") || c >= 0xC0 else { return nil }
        var end = index
        while end < bytes.count && !",]}\" \t\r\n".utf8.contains(bytes[end]) { end += 1 }
        let text = String(decoding: bytes[first..<end], as: UTF8.self)
        guard let (number, separator) = NumberText.ungrouped(Substring(text)), separator != " ",
              NumberText.apostrophes[separator] != nil || NumberText.groupingSpaces[separator] != nil else { return nil }
        return SyntaxError(
            location: start,
            message: "\(NumberText.visible(text)) is not a number: JSON writes numbers without thousands separators, and this one has \(NumberText.separatorName(separator)) between its digits",
            hint: "did you mean \(number)?")
    }

    /// The hint when a number is followed by a space and what looks like the next digit group of
    /// the same number (`1 234.5`, `12 000 000`): JSON has no thousands separators, and in an array
    /// it may as well be two numbers without their comma. `end` is where the number ended, the
    /// parser stands on what follows the space; nil when it does not read as one grouped number.
    func spaceGroupedHint(after value: JSONNode, end: Int, inArray: Bool) -> String? {
        guard case .number(_, let first) = value.kind, end < bytes.count, bytes[end] == UInt8(ascii: " "), index == end + 1 else { return nil }
        var stop = index
        while stop < bytes.count && !",]}\t\r\n".utf8.contains(bytes[stop]) { stop += 1 }
        while stop > index && bytes[stop - 1] == UInt8(ascii: " ") { stop -= 1 }
        let rest = String(decoding: bytes[index..<stop], as: UTF8.self)
        let written = first + " " + rest
        guard let (number, separator) = NumberText.ungrouped(Substring(written)), separator == " " else { return nil }
        let one = "if \(written) is one number, write \(number) (JSON has no thousands separators)"
        guard inArray else { return one }
        let next = rest.prefix { $0 != " " }
        return one + "; if two, add a comma: \(first), \(next)"
    }
}
