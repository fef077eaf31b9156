import Foundation
import Testing
import SGDStudy

/// Names in any script (SPEC §4.1, issue 13): any name that shows a character is accepted; its
/// file name is made from its ASCII letters and digits, else from a hash of the name; runs and
/// signals may choose theirs with `"file"`; two things never share a file, and the hint is true.
@Suite struct NamesInAnyScriptTests {
    static let optimizer = #""optimizer": { "type": "sgd", "lr": 0.0001 }"#

    func runs(_ names: [String], extra: String = "") -> String {
        let list = names.map { #"{ "name": "\#($0)" }"# }.joined(separator: ", ")
        return #"{ "defaults": { \#(Self.optimizer) }, "runs": [ \#(list) ]\#(extra) }"#
    }

    // MARK: File names

    /// The fallback is FNV-1a (32 bits) of the name's UTF-8 bytes in normal form C: these values
    /// were checked with Python's `unicodedata.normalize("NFC", …)` and the FNV-1a definition.
    @Test(arguments: [
        ("一个神经元", "run-af2ff34d"), ("ニューロン一つ", "run-2d5323d5"), ("뉴런 하나", "run-e343384c"),
        ("خلية عصبية واحدة", "run-f0fb5647"), ("🔥", "run-b898da0b"), ("!!!", "run-2d53a722"),
        ("Νευρώνας ReLU", "relu"), ("Γραμμικό ReLU", "relu"), ("🔥 2", "2"), ("Schätzung", "schatzung"),
        ("学习率 lr=0.1", "lr-0-1"), ("ReLU + momentum", "relu-momentum"),
    ])
    func aFileNameComesFromASCIILettersAndDigitsElseFromTheName(name: String, file: String) {
        #expect(Slug.fileName(for: name, fallback: "run") == file)
    }

    @Test func theFallbackDependsOnTheNameAloneInAnyNormalForm() {
        let composed = "Ταχύτητα", decomposed = "Ταχυ\u{301}τητα"
        #expect(composed.unicodeScalars.count != decomposed.unicodeScalars.count)
        #expect(Slug.fallback(for: composed, prefix: "run") == "run-0cbbd2be")
        #expect(Slug.fallback(for: decomposed, prefix: "run") == "run-0cbbd2be")
        #expect(Slug.fileName(for: "动量", fallback: "study") == "study-a3693f77")
        #expect(Slug.fileName(for: "正弦", fallback: "signal") == "signal-6e35a53e")
    }

    @Test(arguments: [
        ("🔥", true), ("!!!", true), ("一", true), ("\u{E000}", true), ("a\u{200B}", true),
        ("", false), ("   ", false), ("\u{3000}", false), ("\u{200B}", false), ("\u{FE0F}\u{200D}", false), ("\u{A0}\u{2028}", false),
    ])
    func aNameMustShowACharacter(name: String, shows: Bool) {
        #expect(Slug.hasVisibleCharacter(name) == shows)
        #expect(Slug.fileName(for: name, fallback: "run").isEmpty == !shows)
    }

    @Test(arguments: [
        ("relu", true), ("relu-2", true), ("a1", true), (String(repeating: "a", count: 80), true),
        ("", false), ("ReLU", false), ("relu net", false), ("-relu", false), ("relu-", false), ("re--lu", false),
        ("relu.csv", false), ("schätzung", false), ("一", false), (String(repeating: "a", count: 81), false),
    ])
    func aFileKeyMustBeAFileNameAsSGDReportMakesThem(file: String, valid: Bool) {
        #expect(Slug.isFileName(file) == valid)
    }

    // MARK: Studies

    @Test func runsAndSignalsNamedInEveryScriptGetDistinctFiles() throws {
        let names = ["一个神经元", "ニューロン一つ", "뉴런 하나", "خلية عصبية واحدة", "Νευρώνας ReLU", "🔥", "Ölçek 🔥 ψ", "Нейрон"]
        let study = try readStudy(runs(names, extra: #", "signals": [ { "name": "正弦", "values": [1, 2] }, { "name": "🌊", "values": [3] } ]"#))
        #expect(study.runs.map(\.name) == names)
        #expect(study.runs.map(\.slug) == [
            "run-af2ff34d", "run-2d5323d5", "run-e343384c", "run-f0fb5647", "relu", "run-b898da0b", "olcek", Slug.fallback(for: "Нейрон", prefix: "run"),
        ])
        #expect(study.signals.map(\.slug) == ["signal-6e35a53e", Slug.fallback(for: "🌊", prefix: "signal")])
        let data = study.runs.map(\.slug) + study.signals.map(\.slug)
        #expect(Set(data).count == data.count)
        #expect(Set(study.charts.map(\.slug)).count == study.charts.count)
        // The default charts of each run and signal take their file names from theirs.
        #expect(study.charts.map(\.slug).contains("weights-run-af2ff34d"))
        #expect(study.charts.map(\.slug).contains("signal-6e35a53e"))
        #expect(study.charts.first { $0.slug == "weights-run-af2ff34d" }?.title == "Weights: 一个神经元")
    }

    /// A run keeps its file when others are added, removed or reordered: the fallback is the name's.
    @Test func aRunKeepsItsFileWhenTheRunsAreReordered() throws {
        let first = try readStudy(runs(["一个神经元", "🔥", "两个神经元"]))
        let second = try readStudy(runs(["两个神经元", "新的", "🔥", "一个神经元"]))
        for run in first.runs {
            #expect(second.run(named: run.name)?.slug == run.slug)
        }
    }

    @Test func namesThatShareTheirASCIILettersCollideWithATrueHint() {
        let found = problems(runs(["Νευρώνας ReLU", "Γραμμικό ReLU"]))
        #expect(found.map(\.message) == [#"the runs "Νευρώνας ReLU" and "Γραμμικό ReLU" would both write data/relu.steps.csv"#])
        #expect(found.map(\.path) == ["runs[1].name"])
        #expect(found.first?.hint == #"file names keep only the ASCII letters and digits of a name: give the run "Γραμμικό ReLU" a "file" of its own, e.g. "file": "relu-2""#)
        // The hint's fix works, and the hint's file name is free even when "relu-2" is taken.
        #expect(problems(#"{ "defaults": { \#(Self.optimizer) }, "runs": [ { "name": "Νευρώνας ReLU" }, { "name": "Γραμμικό ReLU", "file": "relu-2" } ] }"#).isEmpty)
        let taken = problems(runs(["ReLU 2", "Νευρώνας ReLU", "Γραμμικό ReLU"]))
        #expect(taken.first?.hint?.hasSuffix(#"e.g. "file": "relu-3""#) == true, "\(taken.map(\.hint))")
        // Variants: a file chosen against a name, two chosen files, a signal and a chart.
        let chosen = problems(#"{ "defaults": { \#(Self.optimizer) }, "runs": [ { "name": "α" , "file": "a" }, { "name": "β", "file": "a" }, { "name": "A!" } ] }"#)
        #expect(chosen.map(\.message) == [
            #"the runs "α" and "β" would both write data/a.steps.csv"#, #"the runs "α" and "A!" would both write data/a.steps.csv"#,
        ])
        #expect(chosen.map(\.path) == ["runs[1].file", "runs[2].name"])
        let signal = problems(runs(["ReLU"], extra: #", "signals": [ { "name": "σ ReLU", "values": [1] }, { "name": "τ", "file": "relu", "values": [1] } ]"#))
        #expect(signal.map(\.path) == ["signals[0].name", "signals[1].file"])
        #expect(signal.map(\.hint) == [
            #"file names keep only the ASCII letters and digits of a name: give the signal "σ ReLU" a "file" of its own, e.g. "file": "relu-2""#,
            #"file names keep only the ASCII letters and digits of a name: give the signal "τ" a "file" of its own, e.g. "file": "relu-2""#,
        ])
        let charts = problems(runs(["a"], extra: #", "charts": [ { "title": "Σφάλμα 1", "y": "loss" }, { "title": "Λάθος 1", "y": "loss" } ]"#))
        #expect(charts.map(\.message) == [#"the charts "Σφάλμα 1" and "Λάθος 1" would both be drawn to charts/1.png"#])
        #expect(charts.map(\.hint) == [#"file names keep only the ASCII letters and digits of a name: give the chart a "name" of its own, e.g. "name": "1-2""#])
    }

    @Test func aSweptRunTakesItsFilesFromItsFileOrFallback() throws {
        let study = try readStudy(#"""
            { "defaults": { \#(Self.optimizer) },
              "runs": [ { "name": "学习率", "sweep": { "lr": [0.001, 0.01] } }, { "name": "Νευρώνας", "file": "neuron", "sweep": { "lr": [0.001] } },
                        { "name": "ReLU", "sweep": { "lr": [0.001] } } ] }
            """#)
        #expect(study.runs.map(\.slug) == ["run-b479df8e-lr-0-001", "run-b479df8e-lr-0-01", "neuron-lr-0-001", "relu-lr-0-001"])
        // Recorded for study.json, which names the swept runs without their sweep.
        #expect(study.runs.map(\.file) == ["run-b479df8e-lr-0-001", "run-b479df8e-lr-0-01", "neuron-lr-0-001", nil])
        // A swept run that collides: the hint gives the run as written a free file.
        let found = problems(#"""
            { "defaults": { \#(Self.optimizer) },
              "runs": [ { "name": "Ορμή", "sweep": { "lr": [0.1] } }, { "name": "Ταχύτητα", "file": "run-b479df8e", "sweep": { "lr": [0.1] } },
                        { "name": "学习率", "sweep": { "lr": [0.1] } } ] }
            """#)
        #expect(found.map(\.message) == [#"the runs "Ταχύτητα lr=0.1" and "学习率 lr=0.1" would both write data/run-b479df8e-lr-0-1.steps.csv"#])
        #expect(found.first?.hint == #"file names keep only the ASCII letters and digits of a name: give the run "学习率" a "file" of its own, e.g. "file": "run-b479df8e-2" (its sweep adds "-lr-0-1")"#)
    }

    @Test func aBadFileIsOneMessageWithTheFix() {
        func problem(_ file: String) -> (String, String?)? {
            let found = problems(#"{ "defaults": { \#(Self.optimizer) }, "runs": [ { "name": "一", "file": \#(file) }, { "name": "b" } ], "charts": [ { "runs": ["一"], "y": "loss" } ] }"#)
            guard found.count == 1 else { return found.isEmpty ? nil : ("\(found.count) messages", nil) }
            #expect(found[0].path == "runs[0].file")
            return (found[0].message, found[0].hint)
        }
        #expect(problem(#""ReLU net""#)! == (#""file" must be lower-case letters a-z, digits and single hyphens between them, got "ReLU net""#, #"did you mean "file": "relu-net"?"#))
        #expect(problem(#""relu.steps.csv""#)?.1 == #"write it without the extension, which sgdreport adds: "file": "relu""#)
        #expect(problem(#""-relu""#)?.1 == #"did you mean "file": "relu"?"#)
        #expect(problem(#""一""#)?.1 == #"write the file name with a-z, 0-9 and -, e.g. "file": "run-1"; the run's name may stay in any script"#)
        #expect(problem(#""""#)?.0 == #""file" must be lower-case letters a-z, digits and single hyphens between them, got """#)
        #expect(problem("\"" + String(repeating: "a", count: 81) + "\"")?.0 == #""file" has 81 characters; a file name has at most 80"#)
        #expect(problem("3")?.0 == #""file" must be a string, got a number"#)
        #expect(problem(#""yi""#) == nil)
        // A signal's bad file: one message, and charts of the signal say nothing more.
        let signal = problems(runs(["a"], extra: #", "signals": [ { "name": "σ", "file": "Sigma", "values": [1] } ], "charts": [ { "signal": "σ" } ]"#))
        #expect(signal.map(\.path) == ["signals[0].file"])
        #expect(signal.map(\.hint) == [#"did you mean "file": "sigma"?"#])
        // "file" names one run's files: defaults take none.
        #expect(problems(#"{ "defaults": { "file": "x", \#(Self.optimizer) }, "runs": [ { "name": "a" } ] }"#).map(\.path) == ["defaults.file"])
    }

    @Test func aNameThatShowsNothingIsOneMessage() {
        let found = problems(runs(["\\u200b", " "], extra: #", "signals": [ { "name": "\ufe0f", "values": [1] } ]"#))
        #expect(found.map(\.message) == [
            "the run's name has no visible character (it is U+200B)", "the run's name is empty",
            "the signal's name has no visible character (it is U+FE0F)",
        ])
        #expect(found.map(\.path) == ["runs[0].name", "runs[1].name", "signals[0].name"])
        let chart = problems(runs(["a"], extra: #", "charts": [ { "title": "", "y": "loss" }, { "name": "\u2028", "y": "loss" } ]"#))
        #expect(chart.map(\.message) == [
            "the chart's name has no visible character to make a file name from (it is empty)",
            "the chart's name has no visible character to make a file name from (it is U+2028)",
        ])
        #expect(chart.map(\.path) == ["charts[0].title", "charts[1].name"])
    }

    /// `data/input.csv` (and `input-2.csv`, …) hold the copies of the CSV data: a signal never takes them.
    @Test func aSignalNeverTakesTheFileOfTheCSVDataCopy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sgdreport-names-input-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["m.csv", "n.csv"] { try "x,y\n1,32\n2,34\n".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        func found(_ signals: String) -> [Diagnostic] {
            problems(#"""
                { "defaults": { \#(Self.optimizer) },
                  "runs": [ { "name": "a", "data": { "csv": "m.csv", "x": "x", "y": "y" } }, { "name": "b", "data": { "csv": "n.csv", "x": "x", "y": "y" } } ],
                  "signals": [ \#(signals) ] }
                """#, file: folder.appendingPathComponent("s.json").path)
        }
        let input = found(#"{ "name": "Input", "values": [1] }, { "name": "σ", "file": "input-2", "values": [1] }, { "name": "Input 3", "values": [1] }"#)
        #expect(input.map(\.message) == [
            #"the signal "Input" would write data/input.csv, where the report keeps its copy of the CSV data m.csv"#,
            #"the signal "σ" would write data/input-2.csv, where the report keeps its copy of the CSV data n.csv"#,
        ])
        #expect(input.map(\.path) == ["signals[0].name", "signals[1].file"])
        #expect(input.map(\.hint) == [
            #"give the signal "Input" a "file" of its own, e.g. "file": "input-signal""#,
            #"give the signal "σ" a "file" of its own, e.g. "file": "input-2-signal""#,
        ])
        #expect(found(#"{ "name": "Input", "file": "input-signal", "values": [1] }"#).isEmpty)
    }

    @Test func aStudyFileNamedInAnotherScriptBuildsIntoAFallbackFolder() throws {
        #expect(try readStudy(runs(["a"]), file: "studies/动量.json").slug == "study-a3693f77")
        // With no title, the page is titled with the file's name as written, not the hash.
        #expect(try readStudy(runs(["a"]), file: "studies/动量.json").title == "动量")
        #expect(try readStudy(runs(["a"]), file: "studies/Momentum 1.json").title == "momentum-1")
        #expect(try readStudy(runs(["a"]), file: "studies/!!!.json").slug == "study-2d53a722")
        #expect(try readStudy(runs(["a"]), file: "out/momentum/study.json").slug == "study")
        let found = problems(runs(["a"]), file: "studies/.json")
        #expect(found.map(\.message) == ["the file name gives nothing to name the output folder"])
    }
}

/// The caret under a place in a line with names in other scripts stands under it in a terminal:
/// CJK characters and emoji take two cells, combining marks none, and columns count code points.
@Suite struct CaretInAnyScriptTests {
    @Test(arguments: [
        (#"{ "runs": [ { "name": "一个神经元", "file": "X" } ] }"#, 23 + 10 + 11),
        (#"{ "runs": [ { "name": "🔥👍🏽", "file": "X" } ] }"#, 23 + 4 + 11),
        (#"{ "runs": [ { "name": "e\#u{301}ta", "file": "X" } ] }"#, 23 + 3 + 11),
        (#"{ "runs": [ { "name": "Νευρώνας", "file": "X" } ] }"#, 23 + 8 + 11),
    ])
    func theCaretStandsUnderTheFile(json: String, cells: Int) {
        let lines = report(json).split(separator: "\n", omittingEmptySubsequences: false)
        let caret = lines.first { $0.hasSuffix("^") && $0.contains("|") }
        // " 1 | " then the padding: `{ "runs": [ { "name": "` (23 cells), the name's cells, `", "file": ` (11).
        #expect(caret.map { $0.count - " 1 | ".count - 1 } == cells, "\(lines)")
    }
}
