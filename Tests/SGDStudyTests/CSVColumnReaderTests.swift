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

    func problem(_ text: String, x: CSVColumn = .name("Hours"), y: CSVColumn? = .name("Score"), decimal: CSVDecimal? = nil) -> CSVColumnReader.Problem? {
        do {
            _ = try read(text, x: x, y: y, decimal: decimal)
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
}
