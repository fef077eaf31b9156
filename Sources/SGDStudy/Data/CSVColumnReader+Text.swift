// The text of a CSV file before it is split: its encoding, and the delimiter its first line names
// (Excel's `sep=;`) or suggests.
extension CSVColumnReader {
    /// The file as text, without its byte-order mark.
    /// - Throws: `Problem` for UTF-16 or UTF-32 text (named, without a place) and for bytes that are
    ///   not UTF-8 (at the first of them).
    static func decode(_ bytes: [UInt8]) throws(Problem) -> String {
        if let encoding = wideEncoding(bytes) {
            throw Problem(
                location: nil,
                message: "the file is \(encoding) text (Excel's \"Unicode Text\"), not UTF-8",
                hint: "save it as \"CSV UTF-8 (Comma delimited)\" (Excel: File › Save As) or with character set \"Unicode (UTF-8)\" (LibreOffice)")
        }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        let body = bytes[start...]
        if let text = String(validating: body, as: UTF8.self) { return text }
        // Find the first byte that is not UTF-8, for its line and column.
        var iterator = body.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var line = 1
        var column = 1
        var lineStart = start
        var offset = start
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 10 {
                    line += 1
                    column = 1
                    lineStart = offset + 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error:
                let shown = String(decoding: bytes[lineStart..<min(bytes.count, offset + 40)].prefix { $0 != 10 && $0 != 13 }, as: UTF8.self)
                throw Problem(
                    location: SourceLocation(line: line, column: column),
                    message: "the file is not UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at byte \(offset + 1))",
                    hint: "save it as \"CSV UTF-8\" (Excel) or with character set \"Unicode (UTF-8)\" (LibreOffice)",
                    lineText: shown)
            case .emptyInput:
                return String(decoding: body, as: UTF8.self)
            }
        }
    }

    /// `UTF-16LE`, `UTF-16BE`, `UTF-32LE` or `UTF-32BE` when `bytes` start with that byte-order
    /// mark, or (without one) have a zero byte in every other or every fourth place of their first
    /// 64 bytes, as Latin text in those encodings has; nil otherwise.
    static func wideEncoding(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(64))
        if head.starts(with: [0xFF, 0xFE, 0, 0]) { return "UTF-32LE" }
        if head.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32BE" }
        if head.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if head.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        guard head.count >= 4, head.contains(0), head.contains(where: { $0 != 0 }) else { return nil }
        func zeros(every step: Int, at offset: Int) -> Bool {
            stride(from: offset, to: head.count - head.count % step, by: step).allSatisfy { head[$0] == 0 }
        }
        if zeros(every: 4, at: 1) && zeros(every: 4, at: 2) && zeros(every: 4, at: 3) { return "UTF-32LE" }
        if zeros(every: 4, at: 0) && zeros(every: 4, at: 1) && zeros(every: 4, at: 2) { return "UTF-32BE" }
        if zeros(every: 2, at: 1) { return "UTF-16LE" }
        if zeros(every: 2, at: 0) { return "UTF-16BE" }
        return nil
    }

    /// Tab when the first line has one, else `;` when it has one, else `,` (outside quotes).
    static func guessDelimiter(_ text: String) -> Character {
        let seen = delimiters(inFirstLineOf: text)
        if seen.contains(9) { return "\t" }
        if seen.contains(59) { return ";" }
        return ","
    }

    /// The delimiter Excel's first line `sep=;` names (any one character but a quote), or nil.
    static func excelSeparatorLine(_ text: String) -> Character? {
        var scalars = text.unicodeScalars[...]
        guard scalars.prefix(4).map({ Character($0).lowercased() }).joined() == "sep=" else { return nil }
        scalars = scalars.dropFirst(4)
        guard let separator = scalars.first, separator != "\"", separator != "\n", separator != "\r" else { return nil }
        let rest = scalars.dropFirst()
        guard rest.isEmpty || rest.first == "\n" || rest.first == "\r" else { return nil }
        return Character(separator)
    }

    /// Which of tab, `;` and `,` (as bytes) the first non-blank line has outside quotes.
    static func delimiters(inFirstLineOf text: String) -> Set<UInt8> {
        var inQuotes = false
        var seen: Set<UInt8> = []
        var started = false
        for byte in text.utf8 {
            if byte == 34 { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == 10 || byte == 13 {
                if started { break }
                continue
            }
            if byte != 32 { started = true }
            if byte == 9 || byte == 59 || byte == 44 { seen.insert(byte) }
        }
        return seen
    }
}
