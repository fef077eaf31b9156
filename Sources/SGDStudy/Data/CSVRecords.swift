import CSV

/// The records of a CSV text, one at a time, with the line each starts on.
///
/// A line without a double quote is split at the delimiter here, as every CSV reader splits it
/// (that is most lines of a spreadsheet's export, and a million of them take a fraction of a
/// second). Every stretch of lines with quotes — together with the lines a quoted field runs
/// on into — is split by yaslab/CSV.swift, which handles quoting, escaped quotes and line breaks
/// inside fields. A delimiter of more than one byte sends the whole text through CSV.swift.
struct CSVRecords {
    /// The text's UTF-8 bytes (valid UTF-8, without a byte-order mark).
    let bytes: [UInt8]
    private let separator: UInt8?
    private let scalar: Unicode.Scalar
    private var index = 0
    /// The line the next record starts on (1-based).
    private var line = 1
    /// Rows that CSV.swift split from a quoted stretch, still to be returned.
    private var pending: [[String]] = []
    private var pendingIndex = 0
    private var pendingLine = 1
    /// The record `next()` returned last: byte ranges of its fields, or the fields CSV.swift split.
    private var ranges: [Range<Int>] = []
    private var strings: [String]?

    init(bytes: [UInt8], delimiter: Character) {
        self.bytes = bytes
        scalar = delimiter.unicodeScalars.first!
        separator = delimiter.utf8.count == 1 ? delimiter.utf8.first : nil
    }

    /// How many fields the current record has.
    var count: Int { strings?.count ?? ranges.count }

    /// The `i`th field of the current record, as text.
    func field(_ i: Int) -> Substring {
        if let strings { return Substring(strings[i]) }
        return Substring(decoding: bytes[ranges[i]], as: UTF8.self)
    }

    /// The `i`th field of the current record as a number, or nil; `decimals` as
    /// `CSVNumberParser.parse(_:decimals:)` sets it.
    @inline(__always)
    func number(_ i: Int, _ parser: CSVNumberParser, decimals: inout UInt8) -> Double? {
        if let strings {
            var field = Substring(strings[i])
            return field.withUTF8 { parser.parse($0, decimals: &decimals) }
        }
        let range = ranges[i]
        return bytes.withUnsafeBufferPointer { parser.parse(UnsafeBufferPointer(rebasing: $0[range]), decimals: &decimals) }
    }

    /// Whether the current record's fields are all empty or blank.
    var isBlank: Bool {
        (0..<count).allSatisfy { i in
            if let strings { return strings[i].utf8.allSatisfy { $0 == 32 || $0 == 9 } }
            return bytes[ranges[i]].allSatisfy { $0 == 32 || $0 == 9 }
        }
    }

    /// The first field of the current record that holds a line break (a quoted field that runs on).
    var fieldWithLineBreak: String? {
        strings?.first { $0.utf8.contains(where: { $0 == 10 || $0 == 13 }) }
    }

    /// Moves to the next record and returns the line it starts on; nil at the end.
    mutating func next() -> Int? {
        if pendingIndex < pending.count {
            let row = pending[pendingIndex]
            pendingIndex += 1
            strings = row
            let start = pendingLine
            pendingLine += 1
            for field in row where field.utf8.contains(where: { $0 == 10 || $0 == 13 }) {
                pendingLine += CSVCellLocator.lineBreaks(in: field)
            }
            return start
        }
        guard index < bytes.count else { return nil }
        guard let separator else {
            quotedStretch(to: bytes.count, lines: 0)
            return next()
        }
        strings = nil
        ranges.removeAll(keepingCapacity: true)
        let (end, hasQuote) = bytes.withUnsafeBufferPointer { buffer -> (Int, Bool) in
            var end = index
            var hasQuote = false
            var fieldStart = index
            while end < buffer.count {
                let byte = buffer[end]
                if byte == 10 || byte == 13 { break }
                if byte == 34 { hasQuote = true }
                if byte == separator {
                    ranges.append(fieldStart..<end)
                    fieldStart = end + 1
                }
                end += 1
            }
            ranges.append(fieldStart..<end)
            return (end, hasQuote)
        }
        if hasQuote {
            let (stretchEnd, lines) = stretch(from: index)
            quotedStretch(to: stretchEnd, lines: lines)
            return next()
        }
        index = skipLineBreak(at: end)
        let start = line
        line += 1
        return start
    }

    /// From `start`, the lines that belong to quoted records: while the quotes seen are unbalanced
    /// (a field runs on) or the next line has a quote too. Returns where the stretch ends (after
    /// its last line break) and how many lines it has.
    private func stretch(from start: Int) -> (Int, Int) {
        var cursor = start
        var quotes = 0
        var lines = 0
        var lineHasQuote = false
        var lastBalancedEnd = start
        var linesAtBalance = 0
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == 34 {
                quotes += 1
                lineHasQuote = true
            }
            if byte == 10 || byte == 13 {
                let after = skipLineBreak(at: cursor)
                lines += 1
                if quotes % 2 == 0 {
                    if !lineHasQuote { return (lastBalancedEnd, linesAtBalance) }
                    lastBalancedEnd = after
                    linesAtBalance = lines
                }
                lineHasQuote = false
                cursor = after
                continue
            }
            cursor += 1
        }
        // The text ends inside the stretch (possibly inside an unclosed quote).
        if quotes % 2 == 0 && !lineHasQuote { return (lastBalancedEnd, linesAtBalance) }
        return (bytes.count, lines + 1)
    }

    /// Splits `index..<end` with CSV.swift into `pending`; `lines` is how many lines it spans.
    private mutating func quotedStretch(to end: Int, lines: Int) {
        let piece = String(decoding: bytes[index..<end], as: UTF8.self)
        pending = []
        pendingIndex = 0
        pendingLine = line
        if let reader = try? CSVReader(string: piece, hasHeaderRow: false, delimiter: scalar) {
            while let row = reader.next() { pending.append(row) }
        }
        index = end
        line += separator == nil ? 0 : lines
    }

    private func skipLineBreak(at position: Int) -> Int {
        guard position < bytes.count else { return position }
        if bytes[position] == 13, position + 1 < bytes.count, bytes[position + 1] == 10 { return position + 2 }
        return position + 1
    }
}
