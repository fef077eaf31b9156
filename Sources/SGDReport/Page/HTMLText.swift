import SGDCharts

/// Escaping for text that Swift code (not Mustache) writes into HTML: the Markdown renderer's
/// output, which the templates insert unescaped.
enum HTMLText {
    /// Escapes `& < > " '` so that the text is safe in element content and in quoted attributes.
    static func escape(_ text: some StringProtocol) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\u{0}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` escaped, between `<bdi>` and `</bdi>` when it has a right-to-left letter
    /// (`BidiText.hasRightToLeft`): a name from the study in element content reads in its own
    /// direction (that of its first strong letter) and what follows it stays after it, as the
    /// charts' isolates do; markup rather than U+2068/U+2069, so that text copied from the page
    /// has no invisible characters. Text without a right-to-left letter is only escaped, so
    /// Latin pages keep their bytes. For element content only, never an attribute.
    static func isolated(_ text: some StringProtocol) -> String {
        let escaped = escape(text)
        return BidiText.hasRightToLeft(String(text)) ? "<bdi>" + escaped + "</bdi>" : escaped
    }

    /// Percent-encodes what may not appear in a URL as written in an attribute (spaces,
    /// non-ASCII, quotes, angle brackets), keeping existing `%XX` escapes and URL punctuation.
    static func percentEncodeURL(_ url: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        let bytes = Array(url.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                let isEscape = i + 2 < bytes.count && isHexDigit(bytes[i + 1]) && isHexDigit(bytes[i + 2])
                if isEscape { out.append(byte) } else { out += [UInt8(ascii: "%"), hex[2], hex[5]] }
            } else if isUnreserved(byte) || Self.urlPunctuation.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A path segment (a folder or file name) for a relative link: everything but unreserved
    /// characters is percent-encoded, so a name can never add a `/`, `?`, `#` or scheme.
    static func pathSegment(_ name: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// URL punctuation kept as written (besides `isUnreserved`), and `%` (checked separately).
    private static let urlPunctuation = Array(":/?#[]@!$&()*+,;=%".utf8)

    /// `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_`, `~` (RFC 3986's unreserved characters): compared
    /// as ranges rather than through a `Set` made per call (issue 18: a page made hundreds).
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
