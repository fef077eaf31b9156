import Testing
import SGDStudy

/// A name pasted with invisible format characters (bidi isolates copied from a page, a mark, a
/// zero-width space) is not the run's name; "did you mean" would show the same text, so the
/// hint names the characters and says to delete them.
@Suite struct InvisibleNameCharacterTests {
    static let optimizer = #""defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }"#

    static func study(runs: [String], chart: String, signals: String = "") -> String {
        let list = runs.map { #"{ "name": "\#($0)" }"# }.joined(separator: ", ")
        return #"{ \#(optimizer), "runs": [ \#(list) ], "charts": [ \#(chart) ]\#(signals) }"#
    }

    @Test func isolatesAroundAChartsRunAreNamed() {
        let found = problems(Self.study(runs: ["خلية عصبية واحدة"], chart: #"{ "title": "t", "y": "loss", "runs": ["\u2068خلية عصبية واحدة\u2069"] }"#))
        #expect(found.count == 1)
        #expect(found.first?.path == "charts[0].runs[0]")
        #expect(found.first?.hint == #"the name has invisible characters U+2068 (FIRST STRONG ISOLATE), U+2069 (POP DIRECTIONAL ISOLATE), which show nothing (pasted with the name?): delete them to name "خلية عصبية واحدة""#)
    }

    @Test(arguments: [
        ("line\u{200F}", "an invisible character U+200F (RIGHT-TO-LEFT MARK)", "it"),
        ("\u{FEFF}line", "an invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE)", "it"),
        ("li\u{200B}ne", "an invisible character U+200B (ZERO WIDTH SPACE)", "it"),
        ("\u{202E}line\u{202C}", "invisible characters U+202E (RIGHT-TO-LEFT OVERRIDE), U+202C (POP DIRECTIONAL FORMATTING)", "them"),
    ])
    func aReferenceWithAnInvisibleCharacterIsNamed(name: String, described: String, pronoun: String) {
        let chart = #"{ "title": "t", "per": "run", "x": "run", "reference": "\#(name)" }"#
        let found = problems(Self.study(runs: ["line", "other"], chart: chart))
        #expect(found.count == 1 && found.first?.path == "charts[0].reference", "\(found)")
        #expect(found.first?.hint == "the name has \(described), which show\(pronoun == "it" ? "s" : "") nothing (pasted with the name?): delete \(pronoun) to name \"line\"")
    }

    @Test func aSignalsRunWithAnIsolateIsNamed() {
        let signals = #", "signals": [ { "name": "s", "from": { "run": "\u2066line\u2069", "column": "grad_b" } } ]"#
        let found = problems(Self.study(runs: ["line"], chart: #"{ "title": "t", "y": "loss" }"#, signals: signals))
        #expect(found.count == 1 && found.first?.path == "signals[0].from.run", "\(found)")
        #expect(found.first?.hint?.hasPrefix("the name has invisible characters U+2066 (LEFT-TO-RIGHT ISOLATE), U+2069 (POP DIRECTIONAL ISOLATE)") == true, "\(String(describing: found.first?.hint))")
    }

    /// The run's own name holds the invisible character and the chart's does not.
    @Test func aRunNameWithAnInvisibleCharacterIsNamedToo() {
        let found = problems(Self.study(runs: ["line\u{200D}"], chart: #"{ "title": "t", "y": "loss", "runs": ["line"] }"#))
        #expect(found.count == 1)
        #expect(found.first?.hint == #"the name differs from "line\#u{200D}" only by invisible characters: that name has an invisible character U+200D (ZERO WIDTH JOINER); write the same characters in both, or delete them from both"#)
    }

    /// A misspelt name still gets "did you mean".
    @Test func aMisspeltNameStillGetsDidYouMean() {
        let found = problems(Self.study(runs: ["line"], chart: #"{ "title": "t", "y": "loss", "runs": ["lien"] }"#))
        #expect(found.first?.hint == #"did you mean "line"?"#)
    }

    /// The rendered message shows the bidi controls as JSON escapes, in the message, the source
    /// line and the hint, and the caret still stands under the place: an override in a name
    /// does not reverse the rest of the terminal line.
    @Test func theReportEscapesBidiControlsAndKeepsTheCaretInPlace() {
        let json = #"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ { "name": "a\#u{202E}b" }, { "name": "\#u{2068}x\#u{2069}" } ], "charts": [ { "title": "t", "y": "loss", "runs": ["zz"] } ] }"#
        let text = report(json)
        #expect(!text.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x2068 || $0.value == 0x2069 }, "\(text)")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let source = lines.firstIndex(where: { $0.hasPrefix(" 1 | ") }) else {
            Issue.record("no source line in \(text)")
            return
        }
        #expect(lines[source].contains(#""a\u202eb""#) && lines[source].contains(#""\u2068x\u2069""#), "\(lines[source])")
        let caret = lines[source + 1].firstIndex(of: "^").map { lines[source + 1].distance(from: lines[source + 1].startIndex, to: $0) }
        let zz = lines[source].range(of: #""zz""#).map { lines[source].distance(from: lines[source].startIndex, to: $0.lowerBound) }
        #expect(caret != nil && caret == zz, "caret at \(String(describing: caret)), \"zz\" at \(String(describing: zz))")
    }

    /// Two runs (or signals) whose names differ only by invisible characters read the same on
    /// the page and in the charts: one error, at the second, naming the characters. Joiners
    /// (U+200C, U+200D) change how the letters or emoji around them are drawn: those names differ.
    @Test func runsWhoseNamesDifferOnlyByInvisibleCharactersAreOneName() {
        let found = problems(Self.study(runs: ["\u{2068}خلية عصبية واحدة\u{2069}", "خلية عصبية واحدة"], chart: #"{ "title": "t", "y": "loss" }"#))
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.path == "runs[1].name")
        #expect(found.first?.message.contains("looks the same as") == true)
        #expect(found.first?.message.hasSuffix("(at runs[0].name): they differ only by invisible characters U+2068 (FIRST STRONG ISOLATE), U+2069 (POP DIRECTIONAL ISOLATE)") == true, "\(String(describing: found.first?.message))")
        for pair in [["line", "li\u{200B}ne"], ["line\u{200F}", "line"], ["\u{FEFF}a", "a"]] {
            #expect(problems(Self.study(runs: pair, chart: #"{ "title": "t", "y": "loss" }"#)).count == 1, "\(pair)")
        }
        for pair in [["👨\u{200D}👩", "👨👩"], ["می\u{200C}خواهم", "میخواهم"]] {
            #expect(problems(Self.study(runs: pair, chart: #"{ "title": "t", "y": "loss" }"#)).isEmpty, "\(pair)")
        }
    }

    @Test func signalsWhoseNamesDifferOnlyByInvisibleCharactersAreOneName() {
        let signals = #", "signals": [ { "name": "s\u200f", "values": [1, 2] }, { "name": "s", "values": [3, 4] } ]"#
        let found = problems(Self.study(runs: ["line"], chart: #"{ "title": "t", "y": "loss" }"#, signals: signals))
        #expect(found.count == 1 && found.first?.path == "signals[1].name", "\(found)")
        #expect(found.first?.message.hasSuffix("they differ only by an invisible character U+200F (RIGHT-TO-LEFT MARK)") == true, "\(String(describing: found.first?.message))")
    }
}
