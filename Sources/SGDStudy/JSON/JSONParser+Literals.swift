// `true`, `false`, `null`, and what else may stand where a value should (`NaN`, `True`, comments).
extension JSONParser {
    mutating func expectWord(_ word: String) throws(SyntaxError) {
        let start = here, begin = index
        for expected in word.utf8 {
            guard peek == expected else {
                throw unexpectedValue(fromByte: begin, at: start)
            }
            advance()
        }
        if let c = peek, isIdentifierByte(c) {
            throw unexpectedValue(fromByte: begin, at: start)
        }
    }

    /// Describes what stands where a value should: `NaN`, `True`, a bare word, a comment…
    func unexpectedValue(fromByte begin: Int, at location: SourceLocation) -> SyntaxError {
        let word = identifierAhead(from: begin)
        switch word {
        case "NaN", "nan":
            return SyntaxError(location: location, message: "NaN is not a JSON number", hint: "use a finite number")
        case "Infinity", "inf", "infinity":
            return SyntaxError(location: location, message: "\(word!) is not a JSON number", hint: "use a finite number")
        case "True", "False", "None", "Null", "NULL", "TRUE", "FALSE":
            return SyntaxError(location: location, message: "\(word!) is not JSON", hint: "JSON writes true, false and null in lower case")
        case .some(let w):
            return SyntaxError(location: location, message: "unexpected word \(w)", hint: "strings must be in double quotes: \"\(w)\"")
        case nil:
            let byte = begin < bytes.count ? bytes[begin] : nil
            if byte == UInt8(ascii: "'") {
                return SyntaxError(location: location, message: "single quotes are not JSON", hint: "use double quotes")
            }
            if byte == UInt8(ascii: "/") {
                return SyntaxError(location: location, message: "JSON does not allow comments", hint: "remove the comment, or put the note in \"description\"")
            }
            return SyntaxError(location: location, message: "expected a value, found \(describeCurrent())", hint: "write a value: a number, \"text\", true, false, null, [ … ] or { … }")
        }
    }

    func identifierAhead(from start: Int? = nil) -> String? {
        var i = start ?? index
        let begin = i
        while i < bytes.count && isIdentifierByte(bytes[i]) && i - begin < 40 { i += 1 }
        return i > begin ? String(decoding: bytes[begin..<i], as: UTF8.self) : nil
    }
}
