/// A JSON value to write: what sgdreport produces (`study.json`), as opposed to what it reads.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in the order they are written.
    case object([Member])

    /// One `"key": value` of an object.
    public struct Member: Sendable, Equatable {
        /// Written as given, escaped.
        public var key: String
        /// The member's value.
        public var value: JSONValue

        /// The member `key: value`.
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// A whole number (exact up to 2⁵³), written without a decimal point.
    public static func integer(_ value: Int) -> JSONValue { .number(Double(value)) }
}

/// Writes `JSONValue`s deterministically: members in their given order, numbers in the
/// shortest form that reads back as the same double, two-space indentation, and short
/// arrays of numbers kept on one line so that data stays readable.
public enum JSONWriter {
    /// `value` as JSON text, ending in a newline; the same value always gives the same text. Does not throw.
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += d.isFinite ? NumberText.shortest(d) : "null"
        case .string(let s): out += quoted(s)
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
            } else if elements.allSatisfy(\.isScalar) {
                writeScalars(elements, indent: indent, into: &out)
            } else {
                out += "[\n"
                for (i, element) in elements.enumerated() {
                    out += String(repeating: " ", count: indent + 2)
                    write(element, indent: indent + 2, into: &out)
                    out += i == elements.count - 1 ? "\n" : ",\n"
                }
                out += String(repeating: " ", count: indent) + "]"
            }
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2) + quoted(member.key) + ": "
                write(member.value, indent: indent + 2, into: &out)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// Scalars flow on lines of about 100 characters.
    private static func writeScalars(_ elements: [JSONValue], indent: Int, into out: inout String) {
        let texts = elements.map { element -> String in
            var text = ""
            write(element, indent: 0, into: &text)
            return text
        }
        let oneLine = "[" + texts.joined(separator: ", ") + "]"
        if oneLine.count + indent <= 100 {
            out += oneLine
            return
        }
        let pad = String(repeating: " ", count: indent + 2)
        out += "[\n" + pad
        var width = indent + 2
        for (i, text) in texts.enumerated() {
            let piece = text + (i == texts.count - 1 ? "" : ",")
            if width + piece.count > 100 && width > indent + 2 {
                out.removeLast()  // the space after the previous comma
                out += "\n" + pad
                width = indent + 2
            }
            out += piece
            width += piece.count
            if i != texts.count - 1 {
                out += " "
                width += 1
            }
        }
        out += "\n" + String(repeating: " ", count: indent) + "]"
    }

    /// A JSON string literal; non-ASCII characters are kept as UTF-8, control characters escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSONValue {
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
