import Foundation
import Testing
import SGDStudy

/// A CSV file's bytes before they are split: a NUL byte anywhere is one located error, and text
/// in a wide encoding is named as such wherever its first zero byte is.
@Suite struct CSVTextTests {
    func problem(_ bytes: [UInt8], x: CSVColumn = .name("Hours"), y: CSVColumn? = .name("Score")) -> CSVColumnReader.Problem? {
        csvProblem(bytes, x: x, y: y)
    }

    /// 999 rows of `Hours,Score,Note`, with `replace` applied to the 1-based line `line`.
    func rows(_ line: Int, _ replace: (String) -> String, separator: String = "\n") -> [UInt8] {
        var lines = ["Hours,Score,Note"] + (1...999).map { "\($0),\(2 * $0 + 30),ok" }
        lines[line - 1] = replace(lines[line - 1])
        return Array((lines.joined(separator: separator) + separator).utf8)
    }

    static let hint = #"the file is probably not a CSV export (a workbook renamed .csv, or a copy cut short): export the sheet again as "CSV UTF-8 (Comma delimited)" (Excel) or with character set "Unicode (UTF-8)" (LibreOffice), or delete the NUL bytes"#

    /// The same message wherever the NUL is: in a number, in a column that is not read, in the
    /// header, on line 500 as on line 1, with any line ending, after characters of several bytes.
    @Test func aNulByteAnywhereIsOneLocatedError() throws {
        let cases: [(String, [UInt8], line: Int, column: Int, byte: Int)] = [
            ("in x, line 500", rows(500) { $0.replacingOccurrences(of: "499,", with: "49\u{0}9,") }, 500, 3, 0),
            ("in the column not read, line 500", rows(500) { $0 + "\u{0}" }, 500, 12, 0),
            ("in the last line", rows(1000) { "\u{0}" + $0 }, 1000, 1, 0),
            ("in the header", rows(1) { _ in "Hours,Sco\u{0}re,Note" }, 1, 10, 10),
            ("the first byte", rows(1) { "\u{0}" + $0 }, 1, 1, 1),
            ("CRLF", rows(700, { $0 + "\u{0}" }, separator: "\r\n"), 700, 12, 0),
            ("CR only", rows(700, { $0 + "\u{0}" }, separator: "\r"), 700, 12, 0),
            ("after letters of 2 and 3 bytes", rows(800) { $0.replacingOccurrences(of: "ok", with: "ñ€\u{0}") }, 800, 12, 0),
            ("in a quoted field", rows(600) { $0.replacingOccurrences(of: "ok", with: "\"o\u{0}k\"") }, 600, 12, 0),
        ]
        for (name, bytes, line, column, byte) in cases {
            let found = try #require(problem(bytes), "\(name)")
            let offset = bytes.firstIndex(of: 0)!
            if byte != 0 { #expect(offset + 1 == byte, "\(name)") }
            #expect(found.location == SourceLocation(line: line, column: column), "\(name)")
            #expect(found.message == "the file has a NUL byte (0x00) at byte \(NumberText.grouped(offset + 1)); CSV text has none", "\(name)")
            #expect(found.hint == Self.hint, "\(name)")
            #expect(found.lineText?.contains("\u{0}") == true && found.lineText?.contains("\n") == false && found.lineText?.contains("\r") == false, "\(name)")
        }
        // After a byte-order mark, columns count from the character after it; the offset is the file's.
        let marked = try #require(problem([0xEF, 0xBB, 0xBF] + Array("Hours,Score\n1,2\u{0}\n".utf8)))
        #expect(marked.location == SourceLocation(line: 2, column: 4))
        #expect(marked.message.contains("at byte 19;"))
        // Files numbered by column, without a header.
        #expect(problem(Array("1;2\n3;4\u{0}\n".utf8), x: .number(1), y: .number(2))?.location == SourceLocation(line: 2, column: 4))
        // Zero bytes alone.
        #expect(problem([UInt8](repeating: 0, count: 16))?.location == SourceLocation(line: 1, column: 1))
    }

    /// UTF-16 and UTF-32 without a byte-order mark whose first 64 bytes have no zero byte (a
    /// header in Chinese): named where the zeros start, not as a NUL or as bytes that are not UTF-8.
    @Test func wideTextIsNamedWhereverItsZerosStart() {
        let text = "学习时间学习时间学习时间学习时间学习时间学习时间学习时间学习时间学习时间\t分数分数分数分数分数分数分数分数分数分数分数分数分数分数分数分数\r\n14\t58\r\n86\t202\r\n"
        func utf16(bigEndian: Bool) -> [UInt8] {
            text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        }
        func utf32(bigEndian: Bool) -> [UInt8] {
            text.unicodeScalars.flatMap { scalar -> [UInt8] in
                let bytes = (0..<4).map { UInt8((scalar.value >> (8 * $0)) & 0xFF) }
                return bigEndian ? bytes.reversed() : bytes
            }
        }
        let cases: [([UInt8], String)] = [
            (utf16(bigEndian: false), "UTF-16LE"), (utf16(bigEndian: true), "UTF-16BE"),
            (utf32(bigEndian: false), "UTF-32LE"), (utf32(bigEndian: true), "UTF-32BE"),
        ]
        for (bytes, encoding) in cases {
            #expect(!bytes.prefix(64).contains(0) || encoding.hasPrefix("UTF-32"), "\(encoding): a zero in the first 64 bytes")
            let found = problem(bytes, x: .number(1), y: .number(2))
            #expect(found?.message == "the file is \(encoding) text (Excel's \"Unicode Text\"), not UTF-8", "\(encoding)")
            #expect(found?.location == nil, "\(encoding)")
        }
        // A few NUL bytes in UTF-8 text are NULs, even two in a row.
        #expect(problem(rows(300) { $0 + "\u{0}\u{0}" })?.message.hasPrefix("the file has a NUL byte") == true)
        #expect(problem(rows(300) { $0 + "\u{0}x\u{0}y\u{0}z" })?.message.hasPrefix("the file has a NUL byte") == true)
    }
}
