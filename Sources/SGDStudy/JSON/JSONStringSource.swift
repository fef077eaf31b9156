/// Where each character of a JSON string value was written in the file, so that a problem
/// found inside the string (an image of a description's Markdown) points at its own place.
///
/// Columns count Unicode scalars from 1, as `SourceLocation` does; an escape (`\n`, `\u00e9`,
/// a surrogate pair `\ud83d\udd25`) is located at its backslash.
struct JSONStringSource {
    /// The location of each Unicode scalar of the decoded string, in order.
    private(set) var locations: [SourceLocation] = []

    /// Maps the string whose opening quote is at `start` in `source`; empty when `start` is not
    /// an opening quote (the file is not the one the string came from).
    init(source: [UInt8], start: SourceLocation) {
        var index = source.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, column = 1
        func advance() {
            if source[index] == 0x0A || (source[index] == 0x0D && (index + 1 == source.count || source[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if source[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        while index < source.count, line < start.line || (line == start.line && column < start.column) { advance() }
        guard index < source.count, source[index] == UInt8(ascii: "\""), line == start.line, column == start.column else { return }
        advance()
        while index < source.count, source[index] != UInt8(ascii: "\"") {
            let here = SourceLocation(line: line, column: column)
            if source[index] == UInt8(ascii: "\\") {
                advance()
                guard index < source.count else { return }
                if source[index] == UInt8(ascii: "u") {
                    // \uXXXX, and its low surrogate \uXXXX after a high one: one scalar.
                    let high = Self.hexValue(source, from: index + 1)
                    for _ in 0..<5 where index < source.count { advance() }
                    if let high, (0xD800...0xDBFF).contains(high), index + 1 < source.count,
                        source[index] == UInt8(ascii: "\\"), source[index + 1] == UInt8(ascii: "u"),
                        Self.hexValue(source, from: index + 2).map({ (0xDC00...0xDFFF).contains($0) }) ?? false
                    {
                        for _ in 0..<6 where index < source.count { advance() }
                    }
                } else {
                    advance()
                }
            } else {
                advance()
                while index < source.count, source[index] & 0xC0 == 0x80 { index += 1 }
            }
            locations.append(here)
        }
    }

    /// The location of the scalar at `offset` of the decoded string, if known.
    func location(ofScalar offset: Int) -> SourceLocation? {
        offset >= 0 && offset < locations.count ? locations[offset] : nil
    }

    private static func hexValue(_ source: [UInt8], from start: Int) -> Int? {
        guard start + 4 <= source.count else { return nil }
        return Int(String(decoding: source[start..<start + 4], as: UTF8.self), radix: 16)
    }
}
