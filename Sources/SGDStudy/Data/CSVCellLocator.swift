/// Finds a cell's line and column in a CSV text, for messages only (it scans the text, so it is
/// used once, when a problem is reported). Follows the quoting rules CSV.swift splits by: a field
/// that starts with `"` runs to the next lone `"`, with `""` standing for one quote.
struct CSVCellLocator: Sendable {
    let text: String
    let delimiter: Character

    /// How many lines a field's line breaks add (CRLF, LF or CR each count once).
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previous: UInt8 = 0
        for byte in field.utf8 {
            if byte == 10 && previous != 13 { count += 1 }
            if byte == 13 { count += 1 }
            previous = byte
        }
        return count
    }

    /// The 1-based `line` of the text, without its line break (nil past the end).
    func lineText(_ line: Int) -> String? {
        guard let start = start(ofLine: line) else { return nil }
        let rest = text.unicodeScalars[start...]
        let end = rest.firstIndex { $0 == "\n" || $0 == "\r" } ?? rest.endIndex
        return String(text.unicodeScalars[start..<end])
    }

    /// Where the 0-based `field` of the row that starts on `line` begins, and the text of the line
    /// it begins on.
    func locate(field: Int, line: Int) -> (SourceLocation, String?) {
        guard let start = start(ofLine: line) else { return (SourceLocation(line: line, column: 1), nil) }
        let scalars = text.unicodeScalars
        var index = start
        var currentLine = line
        var column = 1
        var fieldIndex = 0
        var atFieldStart = true
        var inQuotes = false
        let separator = delimiter.unicodeScalars.first!
        while index < scalars.endIndex && fieldIndex < field {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            column += 1
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.endIndex && scalars[index] == "\"" {
                        index = scalars.index(after: index)
                        column += 1
                    } else {
                        inQuotes = false
                    }
                } else if scalar == "\n" || (scalar == "\r" && (index == scalars.endIndex || scalars[index] != "\n")) {
                    currentLine += 1
                    column = 1
                }
                continue
            }
            if atFieldStart && scalar == "\"" {
                inQuotes = true
                atFieldStart = false
            } else if scalar == separator {
                fieldIndex += 1
                atFieldStart = true
            } else if scalar == "\n" || scalar == "\r" {
                break
            } else {
                atFieldStart = false
            }
        }
        return (SourceLocation(line: currentLine, column: column), lineText(currentLine))
    }

    private func start(ofLine line: Int) -> String.UnicodeScalarView.Index? {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var current = 1
        while current < line {
            guard let next = scalars[index...].firstIndex(where: { $0 == "\n" || $0 == "\r" }) else { return nil }
            index = scalars.index(after: next)
            if scalars[next] == "\r" && index < scalars.endIndex && scalars[index] == "\n" {
                index = scalars.index(after: index)
            }
            current += 1
        }
        return index
    }
}
