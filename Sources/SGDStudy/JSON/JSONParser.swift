/// A strict RFC 8259 JSON parser over UTF-8 bytes that records every value's line and column.
///
/// It refuses what Foundation would quietly accept or mangle — duplicate keys, `NaN`,
/// numbers beyond a double's range, invalid UTF-8, lone surrogates — and says where, so a
/// learner's half-edited study file gets a message that points at the problem.
public struct JSONParser {
    /// A syntax error: where, what, and the fix.
    public struct SyntaxError: Error, Sendable, Equatable {
        public var location: SourceLocation
        public var message: String
        public var hint: String?
    }

    /// Members named twice in one object: the parser keeps the first and reports the second.
    public struct DuplicateKey: Sendable, Equatable {
        public var key: String
        public var location: SourceLocation
        public var firstLocation: SourceLocation
        /// The JSON path of the object that holds the key.
        public var objectPath: String
    }

    /// Deeper nesting than any study needs; it also keeps the recursive parser off the stack limit.
    public static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    private var duplicates: [DuplicateKey] = []

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses a whole document: one value, surrounded only by whitespace.
    public static func parse(_ bytes: [UInt8]) -> Result<(root: JSONNode, duplicates: [DuplicateKey]), SyntaxError> {
        var parser = JSONParser(bytes: bytes)
        do {
            let root = try parser.parseDocument()
            return .success((root, parser.duplicates))
        } catch {
            return .failure(error)
        }
    }

    // MARK: Document

    private mutating func parseDocument() throws(SyntaxError) -> JSONNode {
        // A UTF-8 byte-order mark (Notepad writes one) is not part of the document; columns
        // count from the character after it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if let bad = JSONParser.firstInvalidUTF8(in: bytes) {
            let location = locationOfByte(at: bad)
            throw SyntaxError(
                location: location, message: "the file is not valid UTF-8 (byte 0x\(hex(bytes[bad])) at offset \(bad))",
                hint: "save the file as UTF-8")
        }
        skipWhitespace()
        if index == bytes.count {
            throw SyntaxError(
                location: here, message: bytes.isEmpty ? "the file is empty" : "the file holds only whitespace",
                hint: "a study file is a JSON object such as { \"runs\": [ { \"name\": \"1 neuron\", \"model\": \"linear\" } ] }")
        }
        let root = try parseValue(path: "")
        skipWhitespace()
        if index < bytes.count {
            throw SyntaxError(
                location: here, message: "unexpected \(describeCurrent()) after the end of the JSON value",
                hint: "a study file holds exactly one JSON object; remove what follows it")
        }
        return root
    }

    // MARK: Values

    private mutating func parseValue(path: String) throws(SyntaxError) -> JSONNode {
        skipWhitespace()
        let start = here
        guard index < bytes.count else {
            throw SyntaxError(location: start, message: "the file ends where a value was expected", hint: "the JSON is truncated; complete it")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(path: path)
        case UInt8(ascii: "["): return try parseArray(path: path)
        case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"):
            try expectWord("true")
            return JSONNode(.bool(true), at: start)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return JSONNode(.bool(false), at: start)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return JSONNode(.null, at: start)
        default:
            throw unexpectedValue(fromByte: index, at: start)
        }
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw SyntaxError(
                location: here, message: "arrays and objects are nested more than \(JSONParser.maximumDepth) levels deep",
                hint: "a study file needs only a few levels; check for a runaway bracket")
        }
    }

    private mutating func parseObject(path: String) throws(SyntaxError) -> JSONNode {
        let start = here
        try enter()
        advance()  // {
        var members: [JSONNode.Member] = []
        var seen: [String: SourceLocation] = [:]
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return JSONNode(.object([]), at: start)
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else {
                if peek == UInt8(ascii: "}") {
                    throw SyntaxError(location: here, message: "a trailing comma before '}'", hint: "JSON does not allow a comma after the last member; remove it")
                }
                if index >= bytes.count {
                    throw SyntaxError(location: here, message: "the file ends inside an object (opened at \(start))", hint: "the JSON is truncated; close the object with '}'")
                }
                if let word = identifierAhead() {
                    throw SyntaxError(location: here, message: "a key must be in double quotes, found \(word)", hint: "write \"\(word)\"")
                }
                throw SyntaxError(location: here, message: "expected a key in double quotes, found \(describeCurrent())", hint: nil)
            }
            let keyLocation = here
            let key = try parseString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else {
                throw SyntaxError(location: here, message: "expected ':' after the key \"\(key)\", found \(describeCurrent())", hint: nil)
            }
            advance()
            let memberPath = JSONPath.appending(key: key, to: path)
            let value = try parseValue(path: memberPath)
            if case .number(_, let text) = value.kind, DecimalCommas.isWhole(text), peek == UInt8(ascii: ","),
                index + 1 < bytes.count, isDigit(bytes[index + 1])
            {
                var end = index + 1
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                let fraction = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                throw DecimalCommas.memberError(key: key, whole: text, fraction: fraction, at: value.location)
            }
            if let first = seen[key] {
                duplicates.append(.init(key: key, location: keyLocation, firstLocation: first, objectPath: path))
            } else {
                seen[key] = keyLocation
                members.append(.init(key: key, keyLocation: keyLocation, value: value))
            }
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                advance()
                continue
            }
            if peek == UInt8(ascii: "}") {
                advance()
                break
            }
            if index >= bytes.count {
                throw SyntaxError(location: here, message: "the file ends inside an object (opened at \(start))", hint: "the JSON is truncated; close the object with '}'")
            }
            if peek == UInt8(ascii: "\"") {
                throw SyntaxError(location: here, message: "expected ',' or '}' after a member, found \(describeCurrent())", hint: "add a comma between members")
            }
            throw SyntaxError(location: here, message: "expected ',' or '}' after a member, found \(describeCurrent())", hint: nil)
        }
        depth -= 1
        return JSONNode(.object(members), at: start)
    }

    private mutating func parseArray(path: String) throws(SyntaxError) -> JSONNode {
        let start = here
        try enter()
        advance()  // [
        var elements: [JSONNode] = []
        var separators: [DecimalCommas.Separator] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return JSONNode(.array([]), at: start)
        }
        while true {
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                throw SyntaxError(location: here, message: "a trailing comma before ']'", hint: "JSON does not allow a comma after the last element; remove it")
            }
            if index >= bytes.count {
                throw SyntaxError(location: here, message: "the file ends inside an array (opened at \(start))", hint: "the JSON is truncated; close the array with ']'")
            }
            elements.append(try parseValue(path: JSONPath.appending(index: elements.count, to: path)))
            let valueEnd = index
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                advance()
                let next = peek
                separators.append(
                    next.map(isDigit) == true && valueEnd == index - 1 ? .tight
                        : next == 0x20 || next == 0x09 ? .spaced : .other)
                continue
            }
            if peek == UInt8(ascii: "]") {
                if let error = DecimalCommas.arrayError(elements, separators: separators) { throw error }
                advance()
                break
            }
            if index >= bytes.count {
                throw SyntaxError(location: here, message: "the file ends inside an array (opened at \(start))", hint: "the JSON is truncated; close the array with ']'")
            }
            throw SyntaxError(location: here, message: "expected ',' or ']' after an element, found \(describeCurrent())", hint: nil)
        }
        depth -= 1
        return JSONNode(.array(elements), at: start)
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        let start = here
        advance()  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flush(_ parser: JSONParser, _ scalars: inout String.UnicodeScalarView, _ end: Int) {
            if end > runStart {
                scalars.append(contentsOf: String(decoding: parser.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
            }
        }
        while true {
            guard index < bytes.count else {
                throw SyntaxError(location: start, message: "a string is not closed", hint: "add the closing '\"'")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                flush(self, &scalars, index)
                advance()
                return String(scalars)
            }
            if byte < 0x20 {
                if byte == 0x0A {
                    throw SyntaxError(location: start, message: "a string is not closed before the end of the line", hint: "add the closing '\"', or write a line break as \\n")
                }
                throw SyntaxError(location: here, message: "a control character (0x\(hex(byte))) inside a string", hint: "write it as an escape such as \\t or \\u00\(hex(byte))")
            }
            if byte == UInt8(ascii: "\\") {
                flush(self, &scalars, index)
                let escapeLocation = here
                advance()
                guard index < bytes.count else {
                    throw SyntaxError(location: start, message: "a string is not closed", hint: "add the closing '\"'")
                }
                let code = bytes[index]
                advance()
                switch code {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    let first = try parseHex4(escapeLocation)
                    if (0xD800...0xDBFF).contains(first) {
                        guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw SyntaxError(location: escapeLocation, message: "a lone high surrogate \\u\(hex4(first))", hint: "follow it with its low surrogate, or write the character itself")
                        }
                        advance(); advance()
                        let second = try parseHex4(escapeLocation)
                        guard (0xDC00...0xDFFF).contains(second) else {
                            throw SyntaxError(location: escapeLocation, message: "\\u\(hex4(first)) is not followed by a low surrogate", hint: nil)
                        }
                        let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                        scalars.append(Unicode.Scalar(value)!)
                    } else if (0xDC00...0xDFFF).contains(first) {
                        throw SyntaxError(location: escapeLocation, message: "a lone low surrogate \\u\(hex4(first))", hint: nil)
                    } else {
                        scalars.append(Unicode.Scalar(first)!)
                    }
                default:
                    throw SyntaxError(location: escapeLocation, message: "an invalid escape \\\(Character(Unicode.Scalar(code)))", hint: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; write a backslash as \\\\")
                }
                runStart = index
                continue
            }
            advance()
        }
    }

    private mutating func parseHex4(_ escapeLocation: SourceLocation) throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw SyntaxError(location: escapeLocation, message: "\\u must be followed by four hexadecimal digits", hint: nil)
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private mutating func parseNumber() throws(SyntaxError) -> JSONNode {
        let start = here
        let first = index
        if peek == UInt8(ascii: "-") {
            advance()
            if identifierAhead() == "Infinity" {
                throw SyntaxError(location: start, message: "-Infinity is not a JSON number", hint: "use a finite number")
            }
        }
        guard let lead = peek, isDigit(lead) else {
            throw SyntaxError(location: start, message: "'-' must be followed by a digit", hint: nil)
        }
        if lead == UInt8(ascii: "0") {
            advance()
            if let next = peek, isDigit(next) {
                throw SyntaxError(location: start, message: "a number cannot start with 0 followed by digits", hint: "remove the leading zero")
            }
        } else {
            while let c = peek, isDigit(c) { advance() }
        }
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

    private mutating func expectWord(_ word: String) throws(SyntaxError) {
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
    private func unexpectedValue(fromByte begin: Int, at location: SourceLocation) -> SyntaxError {
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
            return SyntaxError(location: location, message: "expected a value, found \(describeCurrent())", hint: nil)
        }
    }

    private func identifierAhead(from start: Int? = nil) -> String? {
        var i = start ?? index
        let begin = i
        while i < bytes.count && isIdentifierByte(bytes[i]) && i - begin < 40 { i += 1 }
        return i > begin ? String(decoding: bytes[begin..<i], as: UTF8.self) : nil
    }

    // MARK: Cursor

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    private var here: SourceLocation { SourceLocation(line: line, column: column) }

    private mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            // Count characters, not continuation bytes.
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { advance() }
    }

    private func describeCurrent() -> String {
        guard let c = peek else { return "the end of the file" }
        if c == UInt8(ascii: "/") { return "'/' (JSON does not allow comments)" }
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "the byte 0x\(hex(c))"
    }

    private func locationOfByte(at offset: Int) -> SourceLocation {
        var line = 1, column = 1
        for i in (bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)..<offset {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, or nil.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; value = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; value = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; value = UInt32(b & 0x07); minimum = 0x10000
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                value = (value << 6) | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
            minimum = 0
            i += length
        }
        return nil
    }
}

private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

private func isIdentifierByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || isDigit(c) || c == UInt8(ascii: "_")
}

private func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
    default: return nil
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

private func hex4(_ value: UInt32) -> String {
    hex(UInt8(value >> 8)) + hex(UInt8(value & 0xFF))
}
