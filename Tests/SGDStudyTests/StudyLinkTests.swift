import Foundation
import SGDStudy
import Testing

/// Links in a study's Markdown that the page could not keep (`javascript:`, `data:`, …) are
/// located errors, one per link, rather than links silently turned into text.
@Suite struct StudyLinkTests {
    /// A study whose description is `description` (JSON string text: escapes as written) and,
    /// when given, whose one chart has `caption`.
    func study(description: String, caption: String? = nil) -> String {
        let chart = caption.map { #", "charts": [ { "title": "e", "per": "epoch", "y": "sqrt_sse", "caption": "\#($0)" } ]"# } ?? ""
        return #"{ "description": "\#(description)", "runs": [ \#(minimalRun) ]\#(chart) }"#
    }

    static let reason = "a page made to be shared links only to http, https and mailto addresses and relative paths"

    @Test(arguments: [
        ("[x](javascript:alert(1))", "javascript:alert(1)"),
        ("[x](JAVASCRIPT:alert(1))", "JAVASCRIPT:alert(1)"),
        ("[x](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html;base64,PHNjcmlwdD4="),
        ("[x](vbscript:msgbox(1))", "vbscript:msgbox(1)"),
        ("[x](file:///etc/passwd)", "file:///etc/passwd"),
        ("[x](java&#x09;script:alert(1))", "java\\tscript:alert(1)"),
        ("[x](java&#9;script:alert(1))", "java\\tscript:alert(1)"),
        ("[x](&#106;avascript:alert(1))", "javascript:alert(1)"),
        ("[x](<javascript:alert(1)> \\\"title\\\")", "javascript:alert(1)"),
        ("<javascript:alert(1)>", "javascript:alert(1)"),
        ("[x][r]\\n\\n[r]: javascript:alert(1)", "javascript:alert(1)"),
        ("[r]\\n\\n[r]: data:text/html,hi", "data:text/html,hi"),
        ("[x](:nothing)", ":nothing"),
        ("ftp://example.com/file", "ftp://example.com/file"),
    ])
    func aRefusedLinkIsAnErrorWithTheAddressAndAFix(markdown: String, shown: String) throws {
        let found = problems(study(description: "see " + markdown))
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.path == "description")
        #expect(found.first?.message == "the link to \"\(shown)\" would not be a link on the page: \(Self.reason)")
        #expect(found.first?.hint == "use an http(s) or mailto address, or a relative path (to show the address as text, put it in backticks)")
        // At its "[" or "<", just after "see " (the string's quote is at column 18), or for a
        // bare autolink, which cmark does not locate, at its address.
        #expect(found.first?.location == SourceLocation(line: 1, column: 23), "\(found)")
    }

    @Test(arguments: [
        "[x](https://docs.fast.ai)", "[x](HTTP://example.com)", "[x](mailto:ana@example.com)", "<ana@example.com>",
        "[x](figures/notes.html)", "[x](../other/index.html)", "[x](#runs)", "[x](?q=1)", "www.fast.ai", "https://fast.ai",
        "`javascript:alert(1)`", "javascript:alert(1) as plain text", "\\\\[x\\\\](javascript:alert(1))",
        "[x][undefined]", "<p>[x](javascript:alert(1))</p>",
    ])
    func allowedLinksAndTextThatIsNoLinkAreFine(markdown: String) throws {
        #expect(problems(study(description: markdown)).isEmpty, "\(markdown)")
    }

    /// The 1-based column of the `occurrence`th (from 0) `needle` in the one-line `json`.
    func column(of needle: String, in json: String, occurrence: Int = 0) throws -> Int {
        var rest = json[...]
        var skipped = 0
        for _ in 0..<occurrence {
            let found = try #require(rest.range(of: needle))
            skipped += rest[..<found.upperBound].unicodeScalars.count
            rest = rest[found.upperBound...]
        }
        let found = try #require(rest.range(of: needle))
        return skipped + rest[..<found.lowerBound].unicodeScalars.count + 1
    }

    @Test func everyRefusedLinkIsReportedOnceAtItsOwnPlace() throws {
        // The same link twice, links in a quote and a list on later Markdown lines (JSON writes
        // them on one file line, with "\n" escapes), and one after a two-byte "é".
        let json = study(
            description: "[a](javascript:1) and [a](javascript:1)\\n\\n> quoted [c](vbscript:2)\\n\\n- item [d](data:x)",
            caption: "é [e](javascript:3)")
        let found = problems(json)
        #expect(found.map(\.path) == ["description", "description", "description", "description", "charts[0].caption"])
        #expect(try found.map(\.location) == [
            SourceLocation(line: 1, column: column(of: "[a]", in: json)), SourceLocation(line: 1, column: column(of: "[a]", in: json, occurrence: 1)),
            SourceLocation(line: 1, column: column(of: "[c]", in: json)), SourceLocation(line: 1, column: column(of: "[d]", in: json)),
            SourceLocation(line: 1, column: column(of: "[e]", in: json)),
        ])
    }

    @Test func aLinkOnALaterLineOfTheFileIsLocatedThere() throws {
        let json = "{ \"runs\": [ \(minimalRun) ],\n  \"description\": \"intro\\n\\n  see [x](data:x)\" }"
        #expect(problems(json).map(\.location) == [SourceLocation(line: 2, column: try column(of: "[x]", in: json) - json.split(separator: "\n")[0].unicodeScalars.count - 1)])
    }

    @Test func aLinkCmarkMislocatesIsFoundByItsAddress() throws {
        // After a tab, and on a quote's later lines, cmark-gfm 0.29's columns are off: the link
        // is then found where its address is written.
        for json in [study(description: "[x](<java\\tscript:1>)\\n<vbscript:2>"), study(description: "> [x](javascript:1)\\n> <vbscript:2>")] {
            #expect(try problems(json).map(\.location) == [
                SourceLocation(line: 1, column: column(of: "[x]", in: json)), SourceLocation(line: 1, column: column(of: "vbscript:2", in: json)),
            ])
        }
    }

    @Test func buildAndValidateShareTheCheck() throws {
        // Both read through StudyReader: an error here keeps a build from writing anything.
        #expect(throws: StudyFileError.self) { try readStudy(study(description: "[x](javascript:1)")) }
    }

    @Test func theAddressIsShownWithItsControlCharactersEscapedAndCutWhenLong() {
        let long = "data:text/html," + String(repeating: "a", count: 100)
        #expect(problems(study(description: "[x](\(long))")).first?.message.contains("\"data:text/html," + String(repeating: "a", count: 45) + "…\"") == true)
    }
}
