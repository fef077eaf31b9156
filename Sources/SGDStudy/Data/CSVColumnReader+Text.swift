// The text of a CSV file before it is split: its encoding, and the delimiter its first line names
// (Excel's `sep=;`) or suggests.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVColumnReader {
    /// The file as text, without its byte-order mark.
    /// - Throws: `Problem` for UTF-16 or UTF-32 text (named, without a place: told by a byte-order
    ///   mark, or by the zero bytes of its first 64 bytes or of the 64 bytes at its first zero byte),
    ///   for a NUL byte anywhere (at it: line, column and byte offset) and for bytes that are not
    ///   UTF-8 (at the first of them).
    static func decode(_ bytes: [UInt8]) throws(Problem) -> String {
        if let encoding = wideEncoding(bytes) { throw wideText(encoding) }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        let body = bytes[start...]
        if let zero = firstZero(body) {
            if let encoding = wideEncoding(around: zero, in: bytes) { throw wideText(encoding) }
            throw nulByte(at: zero, in: bytes, from: start)
        }
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

    /// The problem of a file in a wide `encoding` (`UTF-16LE`, …).
    private static func wideText(_ encoding: String) -> Problem {
        Problem(
            location: nil,
            message: "the file is \(encoding) text (Excel's \"Unicode Text\"), not UTF-8",
            hint: "save it as \"CSV UTF-8 (Comma delimited)\" (Excel: File › Save As) or with character set \"Unicode (UTF-8)\" (LibreOffice)")
    }

    /// The offset in `bytes` (its parent array's index) of the first zero byte, or nil; memchr,
    /// so a file of a million rows is scanned in a fraction of a millisecond.
    static func firstZero(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }

    /// The problem of the NUL byte at offset `zero` of `bytes` (text from offset `start`, after the
    /// byte-order mark): its line (LF, CRLF or CR end one) and column in characters, and its line.
    private static func nulByte(at zero: Int, in bytes: [UInt8], from start: Int) -> Problem {
        var line = 1
        var lineStart = start
        var offset = start
        while offset < zero {
            let byte = bytes[offset]
            offset += 1
            if byte == 10 || (byte == 13 && (offset == bytes.count || bytes[offset] != 10)) {
                line += 1
                lineStart = offset
            }
        }
        let column = 1 + bytes[lineStart..<zero].filter { $0 & 0xC0 != 0x80 }.count
        let end = bytes[zero...].firstIndex { $0 == 10 || $0 == 13 } ?? bytes.count
        let shown = String(decoding: bytes[lineStart..<min(end, zero + 40)], as: UTF8.self)
        return Problem(
            location: SourceLocation(line: line, column: column),
            message: "the file has a NUL byte (0x00) at byte \(NumberText.grouped(zero + 1)); CSV text has none",
            hint: "the file is probably not a CSV export (a workbook renamed .csv, or a copy cut short): export the sheet again as \"CSV UTF-8 (Comma delimited)\" (Excel) or with character set \"Unicode (UTF-8)\" (LibreOffice), or delete the NUL bytes",
            lineText: shown)
    }

    /// The wide encoding of text without a byte-order mark whose first zero byte is at offset
    /// `zero`, told by the 256 bytes from there (from a multiple of 4): UTF-32 has zeros in two
    /// places of every four whatever the script (plane 0), UTF-16 has at least four zeros, all in
    /// the odd (LE) or all in the even (BE) places (ASCII digits, tabs and line breaks between
    /// other letters); nil otherwise — a stray NUL in UTF-8 text.
    static func wideEncoding(around zero: Int, in bytes: [UInt8]) -> String? {
        let start = zero - zero % 4
        let end = min(bytes.count, start + 256)
        let groups = (end - start) / 4
        guard groups >= 2 else { return nil }
        var zeros = [0, 0, 0, 0]
        for offset in start..<(start + 4 * groups) where bytes[offset] == 0 { zeros[offset % 4] += 1 }
        if zeros[2] == groups && zeros[3] == groups && zeros[0] < groups { return "UTF-32LE" }
        if zeros[0] == groups && zeros[1] == groups && zeros[3] < groups { return "UTF-32BE" }
        if zeros[0] + zeros[2] == 0 && zeros[1] + zeros[3] >= 4 { return "UTF-16LE" }
        if zeros[1] + zeros[3] == 0 && zeros[0] + zeros[2] >= 4 { return "UTF-16BE" }
        return nil
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
