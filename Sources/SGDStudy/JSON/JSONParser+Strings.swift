// Strings: escapes, surrogate pairs and control characters; UTF-8 checked before parsing.
extension JSONParser {
    mutating func parseString() throws(SyntaxError) -> String {
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
                if byte == 0x0A || byte == 0x0D {
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
                            throw SyntaxError(location: escapeLocation, message: "\\u\(hex4(first)) is not followed by a low surrogate", hint: "write the character itself, or both halves of its UTF-16 pair (e.g. \\ud83d\\ude00)")
                        }
                        let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                        scalars.append(Unicode.Scalar(value)!)
                    } else if (0xDC00...0xDFFF).contains(first) {
                        throw SyntaxError(location: escapeLocation, message: "a lone low surrogate \\u\(hex4(first))", hint: "write the character itself, or its high surrogate before it (e.g. \\ud83d\\ude00)")
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

    mutating func parseHex4(_ escapeLocation: SourceLocation) throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw SyntaxError(location: escapeLocation, message: "\\u must be followed by four hexadecimal digits", hint: "write four hexadecimal digits after \\u (e.g. \\u00e9), or \\\\ for a backslash")
            }
            value = value * 16 + digit
            advance()
        }
        return value
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
