import Testing
import Foundation
@testable import SGDStudy

/// A newcomer's `validate` findings (task validate8): one mistake, one message, each with a hint.
@Suite struct ValidateFindingsTests {
    static let sgd = #""defaults": { "optimizer": { "type": "sgd", "lr": 0.1 } }"#
    static let twoNeurons = #"{ "layers": [ { "units": 1 }, { "units": 1 } ] }"#

    // MARK: 1. A column missing from many runs is one message

    /// The newcomer's v20: a sweep of 25 runs and a per-run chart of "sqrt_ss" gave 25 messages.
    @Test func aPerRunChartOfAnUnknownColumnGivesOneMessage() {
        let found = problems(#"{ \#(Self.sgd), "runs": [ { "name": "c", "sweep": { "lr": { "from": 1e-5, "to": 1e-1, "count": 25, "scale": "log" } } } ], "charts": [ { "title": "y", "per": "run", "x": "lr", "y": "sqrt_ss" } ] }"#)
        #expect(found.map(\.description) == [#"studies/test.json:1:227: error: charts[0].y: no run has the column "sqrt_ss" per epoch"#])
        #expect(found.first?.hint == #"did you mean "sqrt_sse"?"#)
    }

    /// Variants: a dot plot, a second unknown column beside a good one, and explicit runs of
    /// every chart kind that checks columns run by run.
    @Test(arguments: [
        (#"{ "title": "x", "per": "run", "x": "run", "y": ["zz", "sse"] }"#, "charts[0].y[0]", #"no run has the column "zz" per epoch"#),
        (#"{ "title": "x", "per": "run", "x": "lr", "y": ["sse", "qq"] }"#, "charts[0].y[1]", #"no run has the column "qq" per epoch"#),
        (#"{ "title": "x", "per": "run", "x": "run", "y": "zz", "runs": ["c"] }"#, "charts[0].y", #"none of the chart's 3 runs has the column "zz" per epoch"#),
        (#"{ "title": "x", "per": "epoch", "y": "zz", "runs": ["c"] }"#, "charts[0].y", #"none of the chart's 3 runs has the column "zz" per epoch"#),
        (#"{ "title": "x", "per": "step", "y": ["loss", "zz"], "runs": ["a", "c"] }"#, "charts[0].y[1]", #"none of the chart's 4 runs has the column "zz" per step"#),
        (#"{ "title": "x", "y": "zz" }"#, "charts[0].y", #"no run has the column "zz" per step"#),
    ])
    func everyChartKindReportsAMissingColumnOnce(chart: String, path: String, message: String) {
        let found = problems(#"{ \#(Self.sgd), "runs": [ { "name": "a" }, { "name": "c", "sweep": { "lr": [0.1, 0.2, 0.3] } } ], "charts": [ \#(chart) ] }"#)
        #expect(found.map(\.message) == [message])
        #expect(found.first?.path == path)
    }

    /// Some runs have the column and some not: one message naming those without, and a hint
    /// naming those with it (a one-letter column is not "did you mean" another).
    @Test func aColumnOnlySomeRunsHaveNamesThem() {
        let found = problems(#"{ \#(Self.sgd), "runs": [ { "name": "line", "model": "linear" }, { "name": "l2", "model": "linear" }, { "name": "two", "model": \#(Self.twoNeurons) }, { "name": "three", "model": \#(Self.twoNeurons) } ], "charts": [ { "title": "x", "per": "run", "x": "run", "y": "c" }, { "title": "y", "per": "epoch", "y": "d", "runs": ["line", "two"] } ] }"#)
        #expect(found.map(\.message) == [
            #"2 of the chart's 4 runs have no column "c" per epoch: "line", "l2""#,
            #"the run "line" has no column "d" per epoch"#,
        ])
        #expect(found.map(\.hint) == [
            #""two", "three" have it: list in "runs" only runs that have "c", or draw one chart per model"#,
            #""two" has it: list in "runs" only runs that have "d", or draw one chart per model"#,
        ])
    }
}

/// 2. Independent mistakes are reported in one pass; 3. "does not exist" always has a hint.
@Suite struct ValidateFindingsIndependenceTests {
    static let sgd = #""defaults": { "optimizer": { "type": "sgd", "lr": 0.1 } }"#

    /// The newcomer's v10: a bad lr hid the chart's unknown column (and v11 showed it).
    @Test(arguments: [
        #""optimizer": { "type": "sgd", "lr": -1 }"#,
        #""optimizer": { "type": "momentum", "lr": 0.1, "beta": 1.2, "dampening": "yes" }"#,
        #""optimizer": { "type": "adam", "lr": 0, "eps": -1 }, "epochs": 3, "init": { "a": "x" }"#,
    ])
    func aChartColumnIsCheckedBesideABadLearningRate(optimizer: String) {
        let found = problems(#"{ \#(Self.sgd), "runs": [ { "name": "a", \#(optimizer) } ], "charts": [ { "title": "bad", "per": "epoch", "y": ["sse", "zzz"], "runs": ["a"] }, { "title": "all", "per": "step", "y": "qq" } ] }"#)
        #expect(found.filter { $0.path?.hasPrefix("runs[0]") ?? false }.count >= 1)
        #expect(found.filter { $0.path?.hasPrefix("charts") ?? false }.map(\.message) == [
            #"the run "a" has no column "zzz" per epoch"#, #"no run has the column "qq" per step"#,
        ])
    }

    /// The newcomer's v7 against v8: a landscape's x and y are checked when the run's optimizer
    /// and schedule are wrong, since its parameters come from the model alone.
    @Test func aLandscapeIsCheckedBesideABadOptimizerAndSchedule() {
        let found = problems(#"{ \#(Self.sgd), "runs": [ { "name": "a", "optimizer": { "type": "adam", "lr": 0, "beta1": 2 }, "schedule": { "type": "one-cycle", "lrMax": -1, "pctStart": 2 } } ], "charts": [ { "title": "land", "landscape": { "x": "q", "y": "b", "runs": ["a"] } } ] }"#)
        #expect(found.filter { $0.path?.hasPrefix("charts") ?? false }.map(\.description) == [
            #"studies/test.json:1:261: error: charts[0].landscape.x: the run "a" has no parameter "q""#,
        ])
    }

    /// Dependent mistakes stay one message: a bad model, a misspelt optimizer type or a bad
    /// schedule (which decides the "lr" column) leave the chart's columns unchecked.
    @Test(arguments: [
        #""model": { "layers": [ { "units": 0 } ] }"#,
        #""optimizer": { "type": "sgdd", "lr": 0.1 }"#,
        #""schedule": { "type": "one-cycle", "lrMax": -1 }"#,
        #""derivatives": { "method": "fwd" }"#,
    ])
    func aChartIsNotCheckedAgainstAnUnknownShape(run: String) {
        let found = problems(#"{ \#(Self.sgd), "runs": [ { "name": "a", \#(run) } ], "charts": [ { "title": "bad", "per": "step", "y": "zzz", "runs": ["a"] }, { "title": "l", "landscape": { "x": "a", "y": "b", "runs": ["a"] } } ] }"#)
        #expect(found.count == 1)
        #expect(!found.contains { $0.path?.hasPrefix("charts") ?? false })
    }

    /// The newcomer's v7: "zz" is not a run, and the runs that exist all have errors: the hint
    /// still lists them.
    @Test func aMissingRunIsHintedWhenEveryRunHasErrors() {
        let found = problems(#"{ \#(Self.sgd), "runs": [ { "name": "alpha", "optimizer": { "type": "sgdd", "lr": 0.1 } }, { "name": "beta", "epochs": 0 } ], "charts": [ { "title": "fit", "fit": { "runs": ["zz"], "epochs": [1] } }, { "title": "b", "runs": ["alpah"] } ], "signals": [ { "name": "s", "from": { "run": "gamma", "column": "grad_a" } } ] }"#)
        let missing = found.filter { $0.message.hasSuffix("which does not exist") }
        #expect(missing.map(\.hint) == [#"valid run names here: "alpha", "beta""#, #"did you mean "alpha"?"#, #"valid run names here: "alpha", "beta""#])
    }
}

/// 2, continued: a chart's and a signal's independent mistakes in one pass.
@Suite struct ValidateFindingsOnePassTests {
    static let runs = #""runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.1 } }, { "name": "b", "optimizer": { "type": "sgd", "lr": 0.1 } } ]"#

    /// The newcomer's v16: a dot plot's yScale and smoothing hid its reference.
    @Test func aDotPlotsReferenceIsCheckedBesideItsYScaleAndSmoothing() {
        let found = problems(#"{ \#(Self.runs), "charts": [ { "title": "z", "per": "run", "x": "run", "y": "sqrt_sse", "yScale": "log", "smoothing": 0.5, "reference": "nope" } ] }"#)
        #expect(found.compactMap(\.path) == ["charts[0].yScale", "charts[0].smoothing", "charts[0].reference"])
        #expect(found.last?.hint == #"valid run names here: "a", "b""#)
    }

    /// The newcomer's v16 and v17: a per-run chart's x (unknown, missing, a setting no run has,
    /// a run without it) does not hide its y.
    @Test(arguments: [
        (#""x": "beta""#, #"no run has the setting "beta""#),
        (#""x": "bta""#, #"a per-run chart's x must be a numeric setting"#),
        ("", #"a per-run chart needs "x""#),
        (#""x": "units", "runs": ["a"]"#, #"the run "a" has no setting "units""#),
    ])
    func aPerRunChartsXDoesNotHideItsY(x: String, xMessage: String) {
        let comma = x.isEmpty ? "" : ", "
        let found = problems(#"{ \#(Self.runs), "charts": [ { "title": "x", "per": "run"\#(comma)\#(x), "y": "zz" } ] }"#)
        #expect(found.count == 2)
        #expect(found.contains { $0.message.hasPrefix(xMessage) })
        #expect(found.contains { $0.path == "charts[0].y" && $0.message.hasSuffix(#"column "zz" per epoch"#) })
    }

    /// The newcomer's v24–v28: a signal name used twice is reported whatever else is wrong with
    /// either signal (as runs do, v29).
    @Test(arguments: [
        (#""file": "Sine Wave", "f": "sinn""#, #""dampening": 1"#, 4),
        (#""file": "sine-wave", "f": "sinn""#, #""dampening": true"#, 2),
        (#""file": "Sine Wave", "f": "sin""#, #""dampening": true"#, 2),
        (#""file": "sine-wave", "f": "sin""#, #""dampening": "no""#, 2),
    ])
    func aDuplicateSignalNameIsReportedBesideOtherErrors(first: String, second: String, count: Int) {
        let found = problems(#"{ \#(Self.runs), "signals": [ { "name": "s", \#(first), "x": { "from": 0, "to": 1, "step": 0.1 } }, { "name": "s", "file": "input", "values": [1, 2], "ewma": { "beta": 0.9, \#(second) } } ] }"#)
        #expect(found.count == count)
        #expect(found.contains { $0.path == "signals[1].name" && $0.message == #"the signal name "s" is used twice (first at signals[0].name)"# })
    }

    /// A bad name is one message, not also a duplicate.
    @Test func aBadSignalNameIsNotAlsoADuplicate() {
        let found = problems(#"{ "signals": [ { "name": "", "values": [1] }, { "name": "", "values": [2], "ewma": { "beta": 2 } } ] }"#)
        #expect(!found.contains { $0.message.contains("used twice") })
        #expect(found.count == 3)
    }

    /// The newcomer's v6: x.to below x.from is reported beside a bad f or a bad step.
    @Test(arguments: [
        (#""f": "sinx", "x": { "from": 0, "to": -1, "step": 0.1 }"#, ["signals[0].f", "signals[0].x.to"]),
        (#""f": "sin", "x": { "from": 0, "to": -1, "step": 0 }"#, ["signals[0].x.to", "signals[0].x.step"]),
        (#""f": "sn", "x": { "from": 2, "to": 1, "step": -1 }"#, ["signals[0].f", "signals[0].x.to", "signals[0].x.step"]),
    ])
    func aReversedRangeIsReportedBesideABadFunctionOrStep(signal: String, paths: [String]) {
        let found = problems(#"{ "signals": [ { "name": "s", \#(signal) } ] }"#)
        #expect(found.compactMap(\.path) == paths)
    }
}

/// 4. The thousands-separator fix is written in the file's own decimal style, and the file
/// with it applied reads (t2c.csv: "write 1234.5" in a file of decimal commas then failed as
/// mixed decimal styles).
@Suite struct ThousandsFixInTheFilesStyleTests {
    func read(_ text: String) -> CSVColumnReader.Problem? {
        csvProblem(text, x: .name("x"), y: .name("y"))
    }

    @Test(arguments: [
        ("x;y\n1.234,5;2\n3,5;4\n", "1.234,5", "1234,5"),
        ("x;y\n3,5;4\n1.234.567,25;2\n", "1.234.567,25", "1234567,25"),
        ("x;y\n1,234.5;2\n3.5;4\n", "1,234.5", "1234.5"),
        ("x,y\n\"1.234,5\",2\n3.5,4\n", "1.234,5", "1234.5"),
    ])
    func theFixIsInTheFilesDecimalStyle(text: String, written: String, fixed: String) throws {
        let problem = try #require(read(text))
        #expect(problem.hint == "remove the thousands separators: write \(fixed), not \(written)")
        let mended = text.replacingOccurrences(of: written, with: fixed)
        #expect(read(mended) == nil, "\(mended)")
    }
}

/// 5. A delimiter that can be part of a number is refused at "delimiter", before any file is
/// read (vdot.json: "delimiter": "." with "decimal": "." read 1.2 as x 1, y 2).
@Suite struct DelimiterInsideNumbersTests {
    /// The study's problems but the file's absence (there is no file beside a test study).
    func found(_ data: String) -> [Diagnostic] {
        problems(#"{ "data": { "csv": "dot.csv", "x": "x", "y": "y", \#(data) }, "runs": [ \#(minimalRun) ] }"#).filter { $0.path != "data.csv" }
    }

    @Test(arguments: [
        (#""delimiter": ".", "decimal": ".""#, #"the delimiter "." is also the decimal point ("decimal": "."), so every number such as 1.5 would be split in two"#),
        (#""delimiter": ".""#, #"the delimiter "." is the decimal point of numbers such as 1.5, which would be split in two"#),
        (#""delimiter": "5""#, #"the delimiter "5" is a digit, which can be part of a number, so numbers would be split or misread"#),
        (#""delimiter": "٣""#, #"the delimiter "٣" is a digit, which can be part of a number, so numbers would be split or misread"#),
        (#""delimiter": "-""#, #"the delimiter "-" is a sign, which can be part of a number, so numbers would be split or misread"#),
        (#""delimiter": "+", "decimal": ",""#, #"the delimiter "+" is a sign, which can be part of a number, so numbers would be split or misread"#),
        (#""delimiter": "E""#, #"the delimiter "E" is the exponent letter of numbers such as 1e-4, which can be part of a number, so numbers would be split or misread"#),
        (#""delimiter": "x""#, #"the delimiter "x" is a letter, which can be part of a number, so numbers would be split or misread"#),
    ])
    func aDelimiterInsideNumbersIsRefused(data: String, message: String) {
        let found = found(data)
        #expect(found.map(\.message) == [message])
        #expect(found.first?.path == "data.delimiter")
        #expect(found.first?.hint?.hasPrefix(#"use the character between the file's columns, such as ",", ";" or "\t" (tab)"#) == true)
    }

    /// A point between columns of decimal-comma numbers is unambiguous; a bad decimal is one
    /// message (the delimiter is not also judged against it).
    @Test func aPointBesideDecimalCommasIsAcceptedAndABadDecimalIsOneMessage() {
        #expect(!found(#""delimiter": ".", "decimal": ",""#).contains { $0.path == "data.delimiter" })
        #expect(found(#""delimiter": ".", "decimal": "!""#).compactMap(\.path) == ["data.decimal"])
    }
}

/// 6. A plain space inside a study file's number: both readings; other spaces shown escaped.
@Suite struct SpaceGroupedNumberTests {
    @Test(arguments: [
        (#""x": [1, 1 234.5], "y": [1, 2]"#, "if 1 234.5 is one number, write 1234.5 (JSON has no thousands separators); if two, add a comma: 1, 234.5"),
        (#""x": [1, 12 000 000], "y": [1, 2]"#, "if 12 000 000 is one number, write 12000000 (JSON has no thousands separators); if two, add a comma: 12, 000"),
        (#""x": [1 234, 5], "y": [1, 2]"#, "if 1 234 is one number, write 1234 (JSON has no thousands separators); if two, add a comma: 1, 234"),
        (#""x": [-1 234,5e3 ], "y": [1, 2]"#, "if -1 234 is one number, write -1234 (JSON has no thousands separators); if two, add a comma: -1, 234"),
    ])
    func aSpaceBeforeADigitGroupGetsBothReadings(data: String, hint: String) {
        let found = problems(#"{ "data": { \#(data) }, "runs": [ \#(minimalRun) ] }"#)
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("expected ',' or ']' after an element") == true)
        #expect(found.first?.hint == hint)
    }

    /// Not a digit group (two digits, four, a space before the comma, a second space): the comma alone.
    @Test(arguments: [#"[1, 1 23]"#, #"[1, 1 2345]"#, #"[1, 1  234]"#, #"[1, 1 234x]"#, #"[1, 1234 567]"#])
    func otherwiseTheHintIsTheComma(array: String) {
        let found = problems(#"{ "data": { "x": \#(array), "y": [1, 2] }, "runs": [ \#(minimalRun) ] }"#)
        #expect(found.first?.hint == "add a comma before the next element, or close the array with ']'")
    }

    /// In an object a number is followed by no second value: one reading.
    @Test func aMembersNumberHasOneReading() {
        let found = problems(#"{ "defaults": { "epochs": 1 000 }, "runs": [ \#(minimalRun) ] }"#)
        #expect(found.first?.hint == "if 1 000 is one number, write 1000 (JSON has no thousands separators)")
    }

    /// The newcomer's v23: a no-break space is shown as \u{A0}, not as a space.
    @Test func aNoBreakSpaceIsShownEscaped() {
        let found = problems("{ \"data\": { \"x\": [1, 1\u{A0}234.5], \"y\": [1, 2] }, \"runs\": [ \(minimalRun) ] }")
        #expect(found.first?.message == #"1\u{A0}234.5 is not a number: JSON writes numbers without thousands separators, and this one has a no-break space (U+00A0) between its digits"#)
    }
}

/// 7. A run named with its sweep value written another way is suggested by that value.
@Suite struct NumberSpellingSuggestionTests {
    static let study = #"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.1 } }, "runs": [ { "name": "c", "sweep": { "lr": [0.0001, 0.00001, 0.001] } } ], "charts": [ CHART ] }"#

    @Test(arguments: [
        (#"{ "title": "y", "per": "run", "x": "run", "y": "sqrt_sse", "reference": "c lr=1e-4" }"#, #"did you mean "c lr=0.0001"?"#),
        (#"{ "title": "y", "per": "run", "x": "run", "y": "sqrt_sse", "reference": "c lr=1E-3" }"#, #"did you mean "c lr=0.001"?"#),
        (#"{ "title": "y", "per": "epoch", "runs": ["c lr=0.00010"] }"#, #"did you mean "c lr=0.0001"?"#),
        (#"{ "title": "y", "fit": { "runs": ["c lr=.0001"], "epochs": [1] } }"#, #"did you mean "c lr=0.0001"?"#),
    ])
    func theRunWithTheSameValueIsSuggested(chart: String, hint: String) {
        let found = problems(Self.study.replacingOccurrences(of: "CHART", with: chart))
        #expect(found.count == 1)
        #expect(found.first?.hint == hint)
    }

    @Test func onlyTheSameTextWithEqualNumbersMatches() {
        #expect(Suggestions.sameExceptNumberSpelling("c lr=1e-4", "c lr=0.0001"))
        #expect(Suggestions.sameExceptNumberSpelling("w units=8 seed=1", "w units=8.0 seed=1e0"))
        #expect(!Suggestions.sameExceptNumberSpelling("c lr=1e-4", "c lr=1e-5"))
        #expect(!Suggestions.sameExceptNumberSpelling("d lr=1e-4", "c lr=0.0001"))
        #expect(!Suggestions.sameExceptNumberSpelling("alpha", "alpha"))
    }
}

/// 8. The article before a format's name is the one it is read with.
@Suite struct FormatArticleTests {
    @Test(arguments: [
        ("a.svg", Array("<html><svg/></html>".utf8), "does not begin as an SVG image does: it is not an SVG file"),
        ("a.avif", Array("not an image".utf8), "does not begin as an AVIF image does: it is not an AVIF file"),
        ("a.png", Array("not an image".utf8), "does not begin as a PNG image does: it is not a PNG file"),
        ("a.png", Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), "is named as PNG but is an SVG image"),
    ])
    func theArticleFitsTheFormat(path: String, head: [UInt8], part: String) {
        #expect(ImageFormat.refusal(path: path, head: head)?.message.contains(part) == true)
    }
}
