import Testing
@testable import SGDStudy

/// Thousands separators as spreadsheets and keyboards write them — Swiss apostrophes (`1'234.5`,
/// `1’234.5`), spaces, commas and points — get a hint that names the separator and the number
/// without it, in a CSV cell and in the study file, once per mistake.
@Suite struct ThousandsSeparatorTests {
    static let export = "(in the spreadsheet, format the column as a number without thousands separators before exporting)"

    @Test func apostrophesInACSVCellAreNamedWithTheNumberWithoutThem() throws {
        let cases: [(String, String, String, String)] = [
            ("Hours,Score\n1,2\n1'234.5,3\n", #""1'234.5""#, "an apostrophe (U+0027)", "write 1234.5"),
            ("Hours,Score\n1,2\n1\u{2019}234.5,3\n", #""1\u{2019}234.5""#, "a right single quotation mark (U+2019)", "write 1234.5"),
            ("Hours,Score\n1,2\n1\u{2BC}234.5,3\n", #""1\u{2BC}234.5""#, "a modifier letter apostrophe (U+02BC)", "write 1234.5"),
            ("Hours;Score\n1;2\n1'234'567,5;3\n", #""1'234'567,5""#, "an apostrophe (U+0027)", "write 1234567,5"),
            ("Hours;Score\n1;2\n-1'234;3\n", #""-1'234""#, "an apostrophe (U+0027)", "write -1234"),
            // A decimal comma in a comma-separated file is quoted; the fix is written with a point.
            ("Hours,Score\n1,2\n\"1'234,5\",3\n", #""1'234,5""#, "an apostrophe (U+0027)", "write 1234.5"),
        ]
        for (text, shown, name, fix) in cases {
            let found = try #require(csvProblem(text), "\(text)")
            #expect(found.location == SourceLocation(line: 3, column: 1), "\(text)")
            #expect(found.message == "\(shown) in column 1 (\"Hours\") is not a number", "\(text)")
            #expect(found.hint == "the number has \(name) between its digits; \(fix) \(Self.export)", "\(text)")
        }
        // Both kinds in one number: named together, one message.
        #expect(csvProblem("Hours,Score\n1,2\n1'234\u{2019}567,3\n")?.hint
            == "the number has an apostrophe (U+0027) and a right single quotation mark (U+2019) between its digits; write 1234567 \(Self.export)")
        // In the second column, on a later line.
        let late = try #require(csvProblem("Hours,Score\n1,2\n3,4\n5,12'000\n"))
        #expect(late.location == SourceLocation(line: 4, column: 3))
        #expect(late.hint?.hasPrefix("the number has an apostrophe (U+0027) between its digits; write 12000") == true)
        // An apostrophe that is not between digits is not a thousands separator.
        for text in ["Hours,Score\n1,2\n'1234,3\n", "Hours,Score\n1,2\n1234',3\n", "Hours,Score\n1,2\n1'',3\n"] {
            let hint = try #require(csvProblem(text)?.hint, "\(text)")
            #expect(!hint.contains("apostrophe"), "\(text): \(hint)")
        }
        // The other thousands separators keep their hints.
        #expect(csvProblem("Hours;Score\n1;2\n1\u{A0}234,5;3\n")?.hint == "the number has a no-break space (U+00A0) between its digits; write 1234,5 \(Self.export)")
        #expect(csvProblem("Hours,Score\n1,2\n\"1,234.5\",3\n")?.hint == "remove the thousands separators: write 1234.5, not 1,234.5")
    }

    @Test func apostrophesInAStudyFileNumberAreASyntaxErrorWithTheNumber() throws {
        for (written, name, meant) in [("1'234.5", "an apostrophe (U+0027)", "1234.5"), ("1\u{2019}234", "a right single quotation mark (U+2019)", "1234"),
                                       ("-12'345'678", "an apostrophe (U+0027)", "-12345678"), ("1\u{A0}234.5", "a no-break space (U+00A0)", "1234.5"),
                                       ("1'234e-3", "an apostrophe (U+0027)", "1234e-3")] {
            for json in [#"{ "data": { "x": [1, 2, \#(written)], "y": [1, 2, 3] }, "runs": [ \#(minimalRun) ] }"#,
                         #"{ "data": { "x": [1, 2, 3], "y": [1, 2, 3] }, "runs": [ \#(minimalRun) ], "defaults": { "epochs": \#(written) } }"#] {
                let found = problems(json)
                #expect(found.count == 1, "\(json): \(found)")
                // A space other than ASCII's is shown as its escape, as CSV messages show it.
                let shown = written.replacingOccurrences(of: "\u{A0}", with: "\\u{A0}")
                #expect(found.first?.message == "\(shown) is not a number: JSON writes numbers without thousands separators, and this one has \(name) between its digits", "\(json)")
                #expect(found.first?.hint == "did you mean \(meant)?", "\(json)")
                #expect(found.first?.location?.column == json.distance(from: json.startIndex, to: json.range(of: written)!.lowerBound) + 1, "\(json)")
            }
        }
        // `1 234` with an ASCII space may be two numbers without their comma: the parser's message.
        #expect(problems(#"{ "data": { "x": [1, 2, 1 234], "y": [1, 2, 3] }, "runs": [ \#(minimalRun) ] }"#).first?.message == "expected ',' or ']' after an element, found '2'")
    }

    @Test func aQuotedNumberWithThousandsSeparatorsGetsTheNumberWithoutThem() throws {
        for (written, meant) in [("1'234.5", "1234.5"), ("1\u{2019}234", "1234"), ("1 234,5", "1234.5"), ("1\u{202F}234", "1234"),
                                 ("1,234.5", "1234.5"), ("1.234,5", "1234.5"), ("1,234,567", "1234567"), ("-1'000", "-1000")] {
            let json = #"{ "data": { "x": [1, 2, "\#(written)"], "y": [1, 2, 3] }, "runs": [ \#(minimalRun) ] }"#
            let found = problems(json)
            #expect(found.count == 1, "\(written): \(found)")
            #expect(found.first?.message == "each value of data.x must be a number, got a string", "\(written)")
            #expect(found.first?.hint == "write the number without quotes or thousands separators: \(meant)", "\(written)")
        }
        let epochs = problems(#"{ "runs": [ \#(minimalRun) ], "defaults": { "epochs": "1'000" } }"#)
        #expect(epochs.first?.hint == "write the number without quotes or thousands separators: 1000", "\(epochs)")
        // `1,234` alone may be a decimal comma: no claim about thousands.
        let ambiguous = problems(#"{ "data": { "x": [1, 2, "1,234"], "y": [1, 2, 3] }, "runs": [ \#(minimalRun) ] }"#)
        #expect(ambiguous.first?.hint == "write a number without quotes, such as 0.5 or 1e-4")
    }

    @Test func ungroupedReadsOnlyNumbersWithGroupsOfThree() {
        #expect(NumberText.ungrouped("1'234.5")?.number == "1234.5")
        #expect(NumberText.ungrouped("12\u{2019}345\u{2019}678,25")?.number == "12345678.25")
        #expect(NumberText.ungrouped("1.234.567")?.number == "1234567")
        #expect(NumberText.ungrouped("1,234e5")?.number == nil)
        for text in ["1'23", "1'2345", "1234'567", "'123", "1'234'", "1'234.", "1,234", "1.234", "1'234,567.5", "1'234 567", "12.5", "x'123", "1'234.5.6", ""] {
            #expect(NumberText.ungrouped(Substring(text)) == nil, "\(text)")
        }
    }
}
