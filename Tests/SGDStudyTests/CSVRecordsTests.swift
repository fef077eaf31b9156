import CSV
import SGDEngine
import Testing
@testable import SGDStudy

/// The fast path (lines without quotes split here) and CSV.swift must agree on every record:
/// random files mixing plain lines, quoted fields, escaped quotes, delimiters and line breaks
/// inside quotes, blank lines, CRLF, LF and CR, split both ways.
@Suite struct CSVRecordsTests {
    static func randomFile(_ generator: inout SeededGenerator, delimiter: Character) -> String {
        let breaks = ["\n", "\r\n", "\r"]
        let lineBreak = breaks[Int(generator.nextDouble(from: 0, to: 2.999))]
        var text = ""
        let rows = Int(generator.nextDouble(from: 1, to: 12))
        let width = Int(generator.nextDouble(from: 1, to: 5))
        for _ in 0..<rows {
            if generator.nextDouble(from: 0, to: 1) < 0.1 {
                text += lineBreak
                continue
            }
            var fields: [String] = []
            for _ in 0..<width {
                let kind = generator.nextDouble(from: 0, to: 1)
                let number = String(Int(generator.nextDouble(from: -500, to: 500)))
                if kind < 0.6 {
                    fields.append(number)
                } else if kind < 0.75 {
                    fields.append("")
                } else {
                    let inner = ["a\(delimiter)b", "say \"\"hi\"\"", "two\(lineBreak)lines", number, ""][Int(generator.nextDouble(from: 0, to: 4.999))]
                    fields.append("\"\(inner)\"")
                }
            }
            text += fields.joined(separator: String(delimiter)) + lineBreak
        }
        if generator.nextDouble(from: 0, to: 1) < 0.3, text.hasSuffix(lineBreak) { text.removeLast(lineBreak.count) }
        return text
    }

    @Test func theFastPathAndCSVSwiftSplitEveryRecordAlike() throws {
        var generator = SeededGenerator(seed: 15)
        for round in 0..<400 {
            let delimiter: Character = [",", ";", "\t", "§"][round % 4]
            let text = Self.randomFile(&generator, delimiter: delimiter)
            var records = CSVRecords(bytes: Array(text.utf8), delimiter: delimiter)
            var ours: [[String]] = []
            var lines: [Int] = []
            while let line = records.next() {
                ours.append((0..<records.count).map { String(records.field($0)) })
                lines.append(line)
            }
            let reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter.unicodeScalars.first!)
            var theirs: [[String]] = []
            var line = 1
            var theirLines: [Int] = []
            while let row = reader.next() {
                theirs.append(row)
                theirLines.append(line)
                line += 1 + row.reduce(0) { $0 + CSVCellLocator.lineBreaks(in: $1) }
            }
            #expect(ours == theirs, "round \(round): \(text.debugDescription)")
            #expect(lines == theirLines, "round \(round): \(text.debugDescription)")
        }
    }
}
