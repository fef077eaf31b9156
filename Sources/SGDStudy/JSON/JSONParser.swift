/// A strict RFC 8259 JSON parser over UTF-8 bytes that records every value's line and column.
///
/// It refuses what Foundation would quietly accept or mangle — duplicate keys, `NaN`,
/// numbers beyond a double's range, invalid UTF-8, lone surrogates — and says where, so a
/// learner's half-edited study file gets a message that points at the problem.
package struct JSONParser {
    /// A syntax error: where, what, and the fix.
    package struct SyntaxError: Error, Sendable, Equatable {
        package var location: SourceLocation
        package var message: String
        package var hint: String?
    }

    /// Members named twice in one object: the parser keeps the first and reports the second.
    package struct DuplicateKey: Sendable, Equatable {
        package var key: String
        package var location: SourceLocation
        package var firstLocation: SourceLocation
        /// The JSON path of the object that holds the key.
        package var objectPath: String
    }

    /// Deeper nesting than any study needs; it also keeps the recursive parser off the stack limit.
    package static let maximumDepth = 256

    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1
    var depth = 0
    var duplicates: [DuplicateKey] = []

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses a whole document: one value, surrounded only by whitespace.
    package static func parse(_ bytes: [UInt8]) -> Result<(root: JSONNode, duplicates: [DuplicateKey]), SyntaxError> {
        var parser = JSONParser(bytes: bytes)
        do {
            let root = try parser.parseDocument()
            return .success((root, parser.duplicates))
        } catch {
            return .failure(error)
        }
    }

    // MARK: Document

    mutating func parseDocument() throws(SyntaxError) -> JSONNode {
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
                hint: "a study file is a JSON object such as { \"runs\": [ { \"name\": \"1 neuron\", \"model\": \"linear\", \"optimizer\": { \"type\": \"sgd\", \"lr\": 0.0001 } } ] }")
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

    mutating func parseValue(path: String) throws(SyntaxError) -> JSONNode {
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

    mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw SyntaxError(
                location: here, message: "arrays and objects are nested more than \(JSONParser.maximumDepth) levels deep",
                hint: "a study file needs only a few levels; check for a runaway bracket")
        }
    }

    mutating func parseObject(path: String) throws(SyntaxError) -> JSONNode {
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
                throw SyntaxError(location: here, message: "expected a key in double quotes, found \(describeCurrent())", hint: fixAtCurrent ?? "write each member as \"key\": value, members separated by commas")
            }
            let keyLocation = here
            let key = try parseString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else {
                throw SyntaxError(location: here, message: "expected ':' after the key \"\(key)\", found \(describeCurrent())", hint: fixAtCurrent ?? "write \"\(key)\": value, with a colon between the key and its value")
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
            let valueEnd = index
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
            throw SyntaxError(
                location: here, message: "expected ',' or '}' after a member, found \(describeCurrent())",
                hint: fixAtCurrent ?? spaceGroupedHint(after: value, end: valueEnd, inArray: false) ?? "add a comma before the next member, or close the object with '}'")
        }
        depth -= 1
        return JSONNode(.object(members), at: start)
    }

    mutating func parseArray(path: String) throws(SyntaxError) -> JSONNode {
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
            throw SyntaxError(
                location: here, message: "expected ',' or ']' after an element, found \(describeCurrent())",
                hint: fixAtCurrent ?? elements.last.flatMap { spaceGroupedHint(after: $0, end: valueEnd, inArray: true) }
                    ?? "add a comma before the next element, or close the array with ']'")
        }
        depth -= 1
        return JSONNode(.array(elements), at: start)
    }

    // MARK: Cursor

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    var here: SourceLocation { SourceLocation(line: line, column: column) }

    mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        // A line ends in LF, CRLF or (old Mac editors) a CR alone.
        if byte == 0x0A || (byte == 0x0D && peek != 0x0A) {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            // Count characters, not continuation bytes.
            column += 1
        }
    }

    mutating func skipWhitespace() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { advance() }
    }

    /// The fix for the byte at the current place when it tells more than the grammar: a comment,
    /// a doubled comma.
    var fixAtCurrent: String? {
        switch peek {
        case UInt8(ascii: "/"): return "remove the comment, or put the note in \"description\""
        case UInt8(ascii: ","): return "remove the extra ','"
        default: return nil
        }
    }

    func describeCurrent() -> String {
        guard let c = peek else { return "the end of the file" }
        if c == UInt8(ascii: "/") { return "'/' (JSON does not allow comments)" }
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "the byte 0x\(hex(c))"
    }

    func locationOfByte(at offset: Int) -> SourceLocation {
        var line = 1, column = 1
        for i in (bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)..<offset {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }
}

func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

func isIdentifierByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || isDigit(c) || c == UInt8(ascii: "_")
}

func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
    default: return nil
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

func hex4(_ value: UInt32) -> String {
    hex(UInt8(value >> 8)) + hex(UInt8(value & 0xFF))
}
