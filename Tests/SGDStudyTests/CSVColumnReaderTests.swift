import Foundation
import Testing
import SGDEngine
import SGDStudy

/// What spreadsheets export, in any locale, reads as the same numbers; every problem names its
/// line, column and value, with a fix.
@Suite struct CSVColumnReaderTests {
    func read(_ text: String, x: CSVColumn = .name("Hours"), y: CSVColumn? = .name("Score"),
              delimiter: Character? = nil, decimal: CSVDecimal? = nil, bom: Bool = false) throws(CSVColumnReader.Problem) -> (x: [Double], y: [Double]) {
        let bytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        return try CSVColumnReader(x: x, y: y, delimiter: delimiter, decimal: decimal).read(bytes)
    }

    func problem(_ text: String, x: CSVColumn = .name("Hours"), y: CSVColumn? = .name("Score"), delimiter: Character? = nil,
                 decimal: CSVDecimal? = nil) -> CSVColumnReader.Problem? {
        do {
            _ = try read(text, x: x, y: y, delimiter: delimiter, decimal: decimal)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyExportFormReadsTheSameNumbers() throws {
        let expected = (x: [14.0, 86, 28.5], y: [58.0, 202, 87])
        let forms: [(String, String, Bool)] = [
            ("comma, LF", "Hours,Score\n14,58\n86,202\n28.5,87\n", false),
            ("comma, CRLF, BOM (Excel's CSV UTF-8)", "Hours,Score\r\n14,58\r\n86,202\r\n28.5,87\r\n", true),
            ("semicolon, decimal comma (German Excel)", "Hours;Score\r\n14;58\r\n86;202\r\n28,5;87\r\n", true),
            ("tab, decimal comma", "Hours\tScore\n14\t58\n86\t202\n28,5\t87", false),
            ("quoted fields and extra columns", "Note,Hours,Score,Other\n\"a, b\",\"14\",58,x\n\"say \"\"hi\"\"\",86,202,\n,28.5,\"87\",z\n", false),
            ("no final line break, spaces around numbers", "Hours;Score\n 14 ; 58\n86;202\n28.5;87", false),
            ("blank rows skipped", "Hours;Score\n\n14;58\n;\n86;202\n28.5;87\n\n", false),
            ("CR only (old Mac)", "Hours,Score\r14,58\r86,202\r28.5,87\r", false),
            ("exponents", "Hours,Score\n1.4E1,5.8e+1\n86,2.02E2\n2850e-2,87\n", false),
        ]
        for (name, text, bom) in forms {
            let values = try read(text, bom: bom)
            #expect(values.x == expected.x, "\(name)")
            #expect(values.y == expected.y, "\(name)")
        }
    }

    @Test func aNameTheHeaderUsesTwiceIsAnError() throws {
        let found = try #require(problem("Hours,Score,Hours\n14,58,1\n86,202,2\n"))
        #expect(found.message == #"x names the column "Hours", but the header has 2 columns of that name (1, 3)"#)
        #expect(found.hint == #"rename the columns so each name is used once, or give x as a column number, e.g. "x": 1"#)
        #expect(found.location?.line == 1)
        // By number, the same file reads.
        #expect(try read("Hours,Score,Hours\n14,58,1\n86,202,2\n", x: .number(3)).x == [1, 2])
    }

    @Test func withoutAHeaderColumnsAreNumbered() throws {
        let values = try read("14;58\n86;202\n", x: .number(1), y: .number(2))
        #expect(values.x == [14, 86])
        #expect(values.y == [58, 202])
        // Columns by number skip a header row.
        let headed = try self.read("Hours;Score\n14;58\n", x: .number(2), y: .number(1))
        #expect(headed.x == [58])
        #expect(headed.y == [14])
    }

    @Test func givenDelimiterAndDecimalOverrideTheGuess() throws {
        #expect(try read("Hours|Score\n1,5|2\n", delimiter: "|", decimal: .comma).x == [1.5])
        // With "decimal": "." a semicolon file's decimal comma is an error, not 15.
        let refused = problem("Hours;Score\n1,5;2\n", decimal: .point)
        #expect(refused?.message == #""1,5" in column 1 ("Hours") is not a number"#)
        #expect(refused?.hint?.contains(#""decimal": ",""#) == true)
    }

    @Test func aBadCellNamesItsLineColumnAndValue() {
        let found = problem("Hours;Score\n14;58\n86;2O2\n")
        #expect(found?.location == SourceLocation(line: 3, column: 4))
        #expect(found?.message == #""2O2" in column 2 ("Score") is not a number"#)
        #expect(found?.lineText == "86;2O2")
        #expect(found?.hint?.hasPrefix("write a number") == true)
        let empty = problem("Hours,Score\n14,\n")
        #expect(empty?.message == #"the cell in column 2 ("Score") is empty"#)
        #expect(empty?.hint == "fill the cell in, or delete the row")
        #expect(problem("Hours,Score\n14,50%\n")?.hint?.contains("percent") == true)
        #expect(problem("Hours;Score\n14;1.234,5\n")?.hint?.contains("thousands") == true)
        #expect(problem("Hours,Score\n14,inf\n")?.message == #""inf" in column 2 ("Score") is not a number"#)
        #expect(problem("Hours,Score\n14,0x10\n") != nil)
    }

    @Test func linesAreCountedPastQuotedLineBreaks() {
        // The note on line 2 spans three lines, so the bad cell is on line 5, column 8.
        let found = problem("Note,Hours,Score\n\"one\ntwo\nthree\",1,2\n\"ok\",3,four\n")
        #expect(found?.location == SourceLocation(line: 5, column: 8))
        #expect(found?.lineText == "\"ok\",3,four")
        let crlf = problem("Note;Hours;Score\r\n\"a\r\nb\";1;2\r\nx;y;3\r\n")
        #expect(crlf?.location == SourceLocation(line: 4, column: 3))
    }

    @Test func aMissingColumnListsTheColumnsThereAre() {
        let found = problem("Hours;Score\n14;58\n", x: .name("Time"))
        #expect(found?.message == #"x names the column "Time", but the file has no such column; its columns are "Hours", "Score""#)
        #expect(found?.location == SourceLocation(line: 1, column: 1))
        #expect(problem("Hours;Score\n14;58\n", y: .name("score"))?.hint == #"did you mean "Score"? Names must match exactly, capitals included"#)
        #expect(problem("Hours;Score\n14;58\n", y: .number(3))?.message == "y is column 3, but the file has 2 columns")
        let noHeader = problem("14;58\n15;60\n")
        #expect(noHeader?.message.contains("no header row") == true)
        #expect(noHeader?.hint == #"name the columns by number instead, e.g. "x": 1, "y": 2"#)
        // A file whose delimiter was not guessed has one wide column.
        #expect(problem("Hours|Score\n14|58\n")?.hint?.contains("\"delimiter\"") == true)
    }

    @Test func aRaggedRowIsAnError() {
        let found = problem("Hours,Score\n14,58\n15,1,5\n")
        #expect(found?.message == "line 3 has 3 fields but the header row has 2")
        #expect(found?.location == SourceLocation(line: 3, column: 1))
        #expect(found?.hint?.contains("needs quotes") == true)
        #expect(problem("Hours;Score\n14\n")?.message == "line 2 has 1 field but the header row has 2")
        #expect(problem("14;58;1\n15;60\n", x: .number(1), y: .number(2))?.message == "line 2 has 2 fields but the first row has 3")
        let unclosed = problem("Hours,Score\n\"14,58\n15,60\n")
        #expect(unclosed?.hint?.contains("missing closing quote") == true)
    }

    @Test func anEmptyFileAndAHeaderAloneAreErrors() {
        #expect(problem("")?.message == "the file is empty")
        #expect(problem("\r\n\n  \n")?.message == "the file is empty")
        #expect(problem("Hours;Score\r\n")?.message == "the file has a header row but no rows of data")
        do {
            _ = try CSVColumnReader(x: .number(1), y: .number(2)).read([0xEF, 0xBB, 0xBF])
            Issue.record("a byte-order mark alone is an empty file")
        } catch {
            #expect(error.message == "the file is empty")
        }
    }

    @Test func textThatIsNotUTF8IsAnErrorWithTheFix() {
        let latin1: [UInt8] = Array("Hours;Score\n14;58\nGr".utf8) + [0xF6, 0xDF, 0x65] + Array(";3\n".utf8)
        do {
            _ = try CSVColumnReader(x: .number(1), y: .number(2)).read(latin1)
            Issue.record("Latin-1 bytes were accepted")
        } catch {
            #expect(error.location == SourceLocation(line: 3, column: 3))
            #expect(error.message.hasPrefix("the file is not UTF-8 text (byte 0xF6"))
            #expect(error.hint?.contains("CSV UTF-8") == true)
        }
    }

    @Test func tooManyRowsIsAnError() {
        do {
            _ = try CSVColumnReader(x: .number(1), y: .number(2), maximumRows: 2).read(Array("1,2\n3,4\n5,6\n".utf8))
            Issue.record("a third row was accepted")
        } catch {
            #expect(error.message == "the file has more than 2 rows of data")
            #expect(error.location?.line == 3)
        }
    }

    @Test func everyDoubleSurvivesTheTrip() throws {
        // Shortest round-trip text, as sgdreport writes traces, reads back as the same double.
        let numbers = [0.1, 1e-300, 123456789.123456789, -2.5e-8, Double.leastNonzeroMagnitude, 1.7976931348623157e308]
        let text = "x,y\n" + numbers.map { "\($0),\(-$0)" }.joined(separator: "\n")
        let values = try read(text, x: .name("x"), y: .name("y"))
        #expect(values.x == numbers)
        #expect(values.y == numbers.map { -$0 })
    }

    /// Short decimals take a fast path (mantissa ÷ power of ten); it must round as strtod does.
    @Test func everyDecimalReadsAsStrtodReadsIt() throws {
        var generator = SeededGenerator(seed: 42)
        var texts: [String] = []
        for _ in 0..<20_000 {
            let digits = Int(generator.nextDouble(from: 1, to: 18.999))
            var text = generator.nextDouble(from: 0, to: 1) < 0.3 ? "-" : ""
            let point = Int(generator.nextDouble(from: 0, to: Double(digits) + 0.999))
            for i in 0..<digits {
                if i == point && i > 0 { text += "." }
                text += String(Int(generator.nextDouble(from: 0, to: 9.999)))
            }
            texts.append(text)
        }
        let csv = "x\n" + texts.joined(separator: "\n")
        let values = try read(csv, x: .name("x"), y: nil).x
        #expect(values.count == texts.count)
        for (text, value) in zip(texts, values) {
            #expect(value.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
        // With a decimal comma, the same.
        let comma = try read("x;y\n" + texts.prefix(2000).map { $0.replacingOccurrences(of: ".", with: ",") + ";0" }.joined(separator: "\n"),
                             x: .name("x"), y: .name("y")).x
        #expect(comma == texts.prefix(2000).map { Double($0)! })
    }

    // MARK: What a newcomer's files did

    /// A number beyond a double is the error the same number gets in a study, at its cell; every
    /// spelling, either sign, either column, the fast path and quoted fields alike.
    @Test func aNumberBeyondADoubleIsARangeErrorAtItsCell() throws {
        let cases: [(String, CSVDecimal?, String, SGDStudy.SourceLocation)] = [
            ("x,y\n1,32\n2,1e400\n3,36\n", nil, #"the number 1e400 in column 2 ("y")"#, SourceLocation(line: 3, column: 3)),
            ("x,y\n-1e400,32\n", nil, #"the number -1e400 in column 1 ("x")"#, SourceLocation(line: 2, column: 1)),
            ("x;y\n1;1,5e400\n", nil, #"the number 1,5e400 in column 2 ("y")"#, SourceLocation(line: 2, column: 3)),
            ("x;y\n1;-1,5E+400\n", .comma, #"the number -1,5E+400 in column 2 ("y")"#, SourceLocation(line: 2, column: 3)),
            ("x,y\n\"1\",1\n\"2E400\",1\n", nil, #"the number 2E400 in column 1 ("x")"#, SourceLocation(line: 3, column: 1)),
            ("x,y\n1,1" + String(repeating: "0", count: 400) + "\n", nil,
             #"the number 1"# + String(repeating: "0", count: 39) + #"… in column 2 ("y")"#, SourceLocation(line: 2, column: 3)),
        ]
        for (text, decimal, start, location) in cases {
            let found = try #require(problem(text, x: .name("x"), y: .name("y"), decimal: decimal), "\(text)")
            #expect(found.message == start + " is beyond the range of a double (about ±1.8e308)", "\(text)")
            #expect(found.hint == "use a smaller number")
            #expect(found.location == location, "\(text)")
        }
        // A first row read as data (columns by number) is checked the same way.
        #expect(problem("1e400;2\n", x: .number(1), y: .number(2))?.location == SourceLocation(line: 1, column: 1))
        #expect(problem("1e400;-1e400\n1;2\n", x: .number(1), y: .number(2))?.location == SourceLocation(line: 1, column: 1))
        // Below the range, a number reads as 0 with its sign, as strtod and a study read it.
        let small = try read("x;y\n1e-400;-1,0e-400\n4,9e-324;1\n", x: .name("x"), y: .name("y"))
        #expect(small.x.map(\.bitPattern) == [(0.0).bitPattern, Double.leastNonzeroMagnitude.bitPattern])
        #expect(small.y[0].bitPattern == (-0.0).bitPattern)
        // Long numbers within the range read as strtod reads them (a field once had a 64-byte cap).
        let long = "0." + String(repeating: "0", count: 300) + "123456789012345678901234567890"
        #expect(try read("x\n\(long)\n", x: .name("x"), y: nil).x == [Double(long)!])
    }

    /// The decimal-comma and thousands hints only for a field they would make a number.
    @Test func hintsFitTheField() {
        let text = problem("Name,y\n\"alice, a\",3\n", x: .name("Name"), y: .name("y"))
        #expect(text?.message == #""alice, a" in column 1 ("Name") is not a number"#)
        #expect(text?.hint == "write a number such as 12.5; if this row is text, delete it, or check that x and y name the right columns")
        #expect(problem("x,y\n\"1,5\",3\n", x: .name("x"), y: .name("y"))?.hint?.hasPrefix("this looks like a decimal comma") == true)
        #expect(problem("x;y\na.b,c;3\n", x: .name("x"), y: .name("y"))?.hint?.contains("thousands") == false)
        #expect(problem("x;y\nabc%;3\n", x: .name("x"), y: .name("y"))?.hint?.contains("percent") == false)
        #expect(problem("x;y\n1.234.567;3\n", x: .name("x"), y: .name("y"))?.hint?.contains("thousands") == true)
        #expect(problem("x;y\nv1.5;3\n", x: .name("x"), y: .name("y"), decimal: .comma)?.hint?.hasPrefix("write a number") == true)
        #expect(problem("x;y\n1.5;3\n", x: .name("x"), y: .name("y"), decimal: .comma)?.hint?.hasPrefix("this file uses decimal commas") == true)
    }

    /// A given delimiter that is not in the first line: the hint says so and names the one it looks like.
    @Test func aDelimiterThatIsNotInTheFileIsNamed() {
        let piped = problem("x;y\n1;2\n", x: .name("x"), y: .name("y"), delimiter: "|")
        #expect(piped?.message == #"x names the column "x", but the file has no such column; its columns are "x;y""#)
        #expect(piped?.hint == #"the delimiter "|" given in data does not occur in the first line, which looks semicolon-separated: give "delimiter": ";" (or leave "delimiter" out to have it guessed)"#)
        #expect(problem("x\ty\n1\t2\n", x: .number(2), y: .number(1), delimiter: ",")?.hint
            == #"the delimiter "," given in data does not occur in the first line, which looks tab-separated: give "delimiter": "\t" (or leave "delimiter" out to have it guessed)"#)
        #expect(problem("x|y\n1|2\n", x: .name("x"), y: .name("y"), delimiter: ";")?.hint
            == #"the delimiter ";" given in data does not occur in the first line; give the one the file uses as "delimiter""#)
        // Guessed, the old hint stands: the line has none of them.
        #expect(problem("x|y\n1|2\n", x: .name("x"), y: .name("y"))?.hint?.hasPrefix("the first line has no , ; or tab") == true)
    }

    /// Points and commas both read in a `;` file, but one file writes its decimals one way.
    @Test func decimalPointsAndCommasMixedAreAnError() throws {
        let found = try #require(problem("Hours;Score\n1.234;32\n2,500;34\n"))
        #expect(found.message == #""2,500" in column 1 ("Hours") has a decimal comma, but "1.234" at 2:1 has a decimal point"#)
        #expect(found.location == SourceLocation(line: 3, column: 1))
        #expect(found.lineText == "2,500;34")
        #expect(found.hint?.contains(#"write every number with the same decimal separator, or say which one the file uses with "decimal": "," or "decimal": ".""#) == true)
        // Across columns, in one row, and in quoted fields.
        #expect(problem("Hours;Score\n1;32,5\n2.5;34\n")?.message
            == #""2.5" in column 1 ("Hours") has a decimal point, but "32,5" at 2:3 in column 2 ("Score") has a decimal comma"#)
        #expect(problem("Hours;Score\n1.5;2,5\n")?.location == SourceLocation(line: 2, column: 5))
        #expect(problem("Hours\tScore\n\"1,5\"\t2\n\"2.5\"\t3\n")?.location == SourceLocation(line: 3, column: 1))
        // One way throughout reads; other columns are not read, so not checked.
        #expect(try read("Note;Hours;Score\n1.5;1,5;2\n2,5;2,5;3\n").x == [1.5, 2.5])
        // With "decimal" given, the other separator is a cell that is not a number, with a hint that fits.
        let comma = problem("Hours;Score\n1.234;32\n2,500;34\n", decimal: .comma)
        #expect(comma?.location == SourceLocation(line: 2, column: 1))
        #expect(comma?.hint?.contains("or 1234, not 1.234, when the point separates thousands") == true)
        let point = problem("Hours;Score\n1.234;32\n2,500;34\n", decimal: .point)
        #expect(point?.location == SourceLocation(line: 3, column: 1))
        #expect(point?.hint == #"the study says "decimal": ".", but this is written with a decimal comma: write 2.500, or give "decimal": "," if the file uses decimal commas throughout"#)
    }

    /// Excel's "Unicode Text" is UTF-16 (a byte-order mark, zero bytes between Latin letters).
    @Test func wideTextIsNamedWithTheFix() {
        func utf16(_ text: String, bigEndian: Bool, mark: Bool) -> [UInt8] {
            var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
            for unit in text.utf16 {
                bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            }
            return bytes
        }
        let text = "Hours\tScore\r\n14\t58\r\n"
        let cases: [([UInt8], String)] = [
            (utf16(text, bigEndian: false, mark: true), "UTF-16LE"), (utf16(text, bigEndian: true, mark: true), "UTF-16BE"),
            (utf16(text, bigEndian: false, mark: false), "UTF-16LE"), (utf16(text, bigEndian: true, mark: false), "UTF-16BE"),
            ([0xFF, 0xFE, 0, 0] + text.unicodeScalars.flatMap { [UInt8($0.value), 0, 0, 0] }, "UTF-32LE"),
        ]
        for (bytes, encoding) in cases {
            do {
                _ = try CSVColumnReader(x: .name("Hours"), y: .name("Score")).read(bytes)
                Issue.record("\(encoding) was read")
            } catch {
                #expect(error.message == "the file is \(encoding) text (Excel's \"Unicode Text\"), not UTF-8")
                #expect(error.hint == #"save it as "CSV UTF-8 (Comma delimited)" (Excel: File › Save As) or with character set "Unicode (UTF-8)" (LibreOffice)"#)
                #expect(error.location == nil && error.lineText == nil)
            }
        }
        // Zero bytes alone are not text of any width.
        do {
            _ = try CSVColumnReader(x: .name("Hours"), y: .name("Score")).read([UInt8](repeating: 0, count: 16))
        } catch {
            #expect(!error.message.contains("UTF"), "\(error.message)")
        }
    }

    /// Excel's `sep=;` first line names the delimiter; the header is the next line.
    @Test func excelsSepLineNamesTheDelimiter() throws {
        for text in ["sep=;\nHours;Score\n1,5;2\n3;4\n", "sep=;\r\nHours;Score\r\n1,5;2\r\n3;4", "SEP=;\rHours;Score\r1,5;2\r3;4\r"] {
            #expect(try read(text) == (x: [1.5, 3], y: [2, 4]), "\(text)")
        }
        #expect(try read("sep=\t\nHours\tScore\n1,5\t2\n") == (x: [1.5], y: [2]))
        #expect(try read("sep=|\nHours|Score\n1,5|2\n", delimiter: "|") == (x: [1.5], y: [2]))
        #expect(try read("sep=;\n1;2\n", x: .number(1), y: .number(2)) == (x: [1], y: [2]))
        // Lines keep their numbers.
        #expect(problem("sep=;\nHours;Score\n1;2\n3;x\n")?.location == SourceLocation(line: 4, column: 3))
        let contradicted = problem("sep=;\nHours;Score\n1;2\n", delimiter: ",")
        #expect(contradicted?.message == #"the file's first line says sep=;, but data gives "delimiter": ",""#)
        #expect(contradicted?.location == SourceLocation(line: 1, column: 5))
        #expect(problem("sep=|\nHours;Score\n1;2\n")?.hint
            == #"the delimiter "|" of the file's sep= line does not occur in line 2, which looks semicolon-separated: write sep=; on line 1, or delete that line"#)
        #expect(problem("sep=;\n")?.message == "the file has only its sep= line")
        // Not a sep= line: more after the character, or a quote.
        #expect(problem("sep=;;\n1;2\n", x: .number(1), y: .number(2))?.message == "line 2 has 2 fields but the header row has 3")
    }

    /// Thousands separators that look like spaces and a minus that is not `-`: named by code point,
    /// shown escaped in the message, with the number written as it should be.
    @Test func lookalikeSpacesAndMinusSignsAreNamed() throws {
        let nbsp = try #require(problem("Hours;Score\n1\u{A0}234,5;2\n"))
        #expect(nbsp.message == #""1\u{A0}234,5" in column 1 ("Hours") is not a number"#)
        #expect(nbsp.hint == "the number has a no-break space (U+00A0) between its digits; write 1234,5 (in the spreadsheet, format the column as a number without thousands separators before exporting)")
        #expect(problem("Hours;Score\n1\u{202F}234,5;2\n")?.hint?.hasPrefix("the number has a narrow no-break space (U+202F) between its digits; write 1234,5") == true)
        #expect(problem("Hours,Score\n1,1 234\n")?.hint?.hasPrefix("the number has a space (U+0020) between its digits; write 1234") == true)
        let minus = try #require(problem("Hours;Score\n1;\u{2212}32\n"))
        #expect(minus.message == #""\u{2212}32" in column 2 ("Score") is not a number"#)
        #expect(minus.location == SourceLocation(line: 2, column: 3))
        #expect(minus.hint == "the number has a minus sign (U+2212) for its minus, which must be the ASCII hyphen-minus -; write -32 (the cell is probably text: type the number again with the - key)")
        #expect(problem("Hours;Score\n1;\u{2013}3,5\n")?.hint?.hasPrefix("the number has an en dash (U+2013) for its minus") == true)
        // Both, in a comma file's quoted field: the number as this file takes it.
        #expect(problem("Hours,Score\n1,\"\u{2212}1\u{A0}234,5\"\n")?.hint?.contains("; write -1234.5 (") == true)
        // Text with a space is still text.
        #expect(problem("Hours;Score\n1;n/a yet\n")?.hint?.hasPrefix("write a number such as 12.5; if this row is text") == true)
    }
}
