import Testing
import SGDStudy

/// Every kind of bad input gets a message naming the file, the place and the fix.
@Suite struct StudyErrorTests {
    @Test func aSyntaxErrorNamesLineAndColumnAndShowsTheLine() {
        let text = """
            {
              "runs": [
                { "name": "a", "model": "linear",, }
              ]
            }
            """
        #expect(report(text) == """
            studies/test.json:3:38: error: expected a key in double quotes, found ','
             3 |     { "name": "a", "model": "linear",, }
               |                                      ^
              hint: remove the extra ','

            """)
    }

    @Test func anUnknownKeyIsAnErrorWithASuggestion() {
        let found = problems(#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "learningRate": 0.1 } } ] }"#)
        #expect(found.map(\.description) == [
            #"studies/test.json:1:58: error: runs[0].optimizer.learningRate: unknown key "learningRate" in the optimizer"#,
        ])
        #expect(found.first?.hint == #"did you mean "lr"?"#)
        let typo = problems(#"{ "runs": [ { "name": "a", "epoch": 3, "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#)
        #expect(typo.first?.message == #"unknown key "epoch" in a run"#)
        #expect(typo.first?.hint == #"did you mean "epochs"?"#)
        let top = problems(#"{ "titel": "x", "runs": [ \#(minimalRun) ] }"#)
        #expect(top.first?.hint == #"did you mean "title"?"#)
    }

    @Test func aWrongTypeNamesThePath() {
        let found = problems(#"{ "runs": [ { "name": "a", "epochs": "3", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#)
        #expect(found.map(\.description) == [#"studies/test.json:1:38: error: runs[0].epochs: epochs must be a whole number, got a string"#])
        let lr = problems(#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": "0.1" } } ] }"#)
        #expect(lr.first?.message == "lr must be a number, got a string")
        #expect(lr.first?.hint == "write the number without quotes: 0.1")
        let runs = problems(#"{ "runs": { "name": "a" } }"#)
        #expect(runs.first?.description == "studies/test.json:1:11: error: runs: runs must be an array, got an object")
    }

    @Test func aMissingFieldIsNamed() {
        #expect(problems(#"{ "title": "x" }"#).map(\.description) == [#"studies/test.json:1:1: error: (top level): a study needs "runs" (or "signals")"#])
        #expect(problems(#"{ "runs": [ { "model": "linear" } ] }"#).first?.message == #"a run needs "name""#)
        let noLR = problems(#"{ "runs": [ { "name": "a", "optimizer": { "type": "momentum" } } ] }"#)
        #expect(noLR.first?.message == #"the momentum optimizer needs a learning rate "lr""#)
        #expect(noLR.first?.path == "runs[0].optimizer")
        let noType = problems(#"{ "runs": [ { "name": "a" } ] }"#)
        #expect(noType.first?.message == "the run has no optimizer type")
    }

    /// A misspelt required key is one mistake: the unknown key with its did-you-mean, not also
    /// "needs" the key it was meant to be (a run's name, a layer's units, a signal's name and
    /// source, a piece's count, data's y, a sweep range's count, lrAnneal's measure).
    @Test(arguments: [
        (#"{ "runs": [ \#(minimalRun), { "nmae": "b", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#, "runs[1].nmae", "name"),
        (#"{ "runs": [ { "name": "b", "model": { "layers": [ { "unit": 1, "activation": "relu" }, { "units": 1 } ] }, "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#,
         "runs[0].model.layers[0].unit", "units"),
        (#"{ "signals": [ { "nam": "s", "x": { "from": 0, "to": 1, "step": 0.5 }, "f": "sin" } ] }"#, "signals[0].nam", "name"),
        (#"{ "signals": [ { "name": "s", "valus": [1, 2] } ] }"#, "signals[0].valus", "values"),
        (#"{ "signals": [ { "name": "s", "x": { "from": 0, "to": 1, "step": 0.5 }, "fn": "sin" } ] }"#, "signals[0].fn", "f"),
        (#"{ "signals": [ { "name": "s", "values": { "pieces": [ { "value": 1, "cont": 3 } ] } } ] }"#, "signals[0].values.pieces[0].cont", "count"),
        (#"{ "runs": [ { "name": "b", "data": { "x": [1, 2], "yy": [3, 4] }, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#, "runs[0].data.yy", "y"),
        (#"{ "runs": [ { "name": "b", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 }, "sweep": { "lr": { "from": 1e-3, "to": 1e-1, "cuont": 3 } } } ] }"#,
         "runs[0].sweep.lr.cuont", "count"),
    ])
    func aMisspeltRequiredKeyIsOneMessage(json: String, path: String, meant: String) {
        let found = problems(json)
        #expect(found.count == 1, "\(found.map(\.description))")
        #expect(found.first?.path == path, "\(found.map(\.description))")
        #expect(found.first?.hint == "did you mean \"\(meant)\"?", "\(found.map(\.description))")
    }

    /// A required key that is missing with no near-miss is still named; an unknown key that is
    /// no near-miss of it is reported beside it.
    @Test func aMissingRequiredKeyBesideAnUnrelatedUnknownKeyGivesBoth() {
        let found = problems(#"{ "runs": [ { "colour": "red", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#)
        #expect(Set(found.map(\.message)) == [#"unknown key "colour" in a run"#, #"a run needs "name""#])
    }

    /// Every message names its fix: the shared checks (a value's type, a whole number, a range, an
    /// empty list) give a `hint:` saying what to write instead.
    @Test(arguments: [
        (#"{ "runs": [ { "name": "a", "data": { "x": [], "y": [1] }, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#, "data.x must not be empty", "at least one value"),
        (#"{ "runs": [ { "name": "a", "epochs": 2.5, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#, "epochs must be a whole number, got 2.5", "use 2 or 3"),
        (#"{ "runs": [ { "name": "a", "batch": 0, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#, "batch must be between 1 and", "use a whole number from 1 to"),
        (#"{ "runs": [ { "name": "a", "init": "x", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#, "init must be", #"{ "from": "x" }"#),
        (#"{ "runs": [ { "name": 1, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#, "the run's name must be a string, got a number", #"write it in double quotes: "1""#),
        (#"[ { "name": "a" } ]"#, "a study must be an object, got an array", "\"runs\""),
        (#"{ "title": 3, "runs": [ \#(minimalRun) ] }"#, "the title must be a string", "double quotes"),
        (#"{ "description": [], "runs": [ \#(minimalRun) ] }"#, "the description must be a string", "double quotes"),
        (#"{ "defaults": [], "runs": [ \#(minimalRun) ] }"#, "must be an object, got an array", "braces"),
        (#"{ "runs": "a" }"#, "runs must be an array, got a string", "[ { … } ]"),
        (#"{ "runs": [ \#(minimalRun) ], "charts": {} }"#, "charts must be an array, got an object", "square brackets"),
        (#"{ "signals": 3 }"#, "signals must be an array", "square brackets"),
        (#"{ "runs": [ { "name": "a", "model": { "layers": [] }, "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#, "layers must not be empty", "at least one { … }"),
        (#"{ "runs": [ { "name": "b", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 }, "sweep": { "lr": { "from": 1e-3, "to": 1e-1, "count": 1 } } } ] }"#,
         "count must be between 2 and 10,000, got 1", "use a whole number from 2 to 10,000"),
        (#"{ "signals": [ { "name": "s", "values": [1, 2], "ewma": { "beta": 0.9, "debias": "yes" } } ] }"#, "debias must be true or false", "write true or false"),
        (#"{ "signals": [ { "name": "s", "values": [1, 2], "ewma": { "beta": 0.9, "initial": "zero" } } ] }"#, "initial must be a number", "write a number"),
        (#"{ "runs": [ { "name": "a", "shuffle": "true", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#, "shuffle must be", "write true without quotes"),
        (#"{ /* the line */ "runs": [ \#(minimalRun) ] }"#, "JSON does not allow comments", "remove the comment"),
    ])
    func everyMessageFromASharedCheckNamesItsFix(json: String, message: String, hint: String) {
        let found = problems(json)
        #expect(found.count == 1, "\(found.map(\.description))")
        #expect(found.first?.message.contains(message) == true, "\(found.map(\.description))")
        #expect(found.first?.hint?.contains(hint) == true, "\(found.map { $0.hint ?? "no hint" })")
    }

    /// A file saved with old-Mac line ends (CR alone) is located by its lines, as LF and CRLF are.
    @Test func crOnlyLineEndsCountAsLines() {
        let text = "{\r  \"runs\": [\r    { \"name\": \"a\", \"model\": \"linear\",, }\r  ]\r}\r"
        #expect(report(text) == """
            studies/test.json:3:38: error: expected a key in double quotes, found ','
             3 |     { "name": "a", "model": "linear",, }
               |                                      ^
              hint: remove the extra ','

            """)
        let mixed = problems("{\r\n\"runs\": [\r" + minimalRun + ",\n{ \"name\": \"b\", \"epochs\": 0 } ] }")
        #expect(mixed.first?.location == SourceLocation(line: 4, column: 26), "\(mixed.map(\.description))")
        let unclosed = problems("{ \"title\": \"x\r\", \"runs\": [ \(minimalRun) ] }")
        #expect(unclosed.first?.message == "a string is not closed before the end of the line", "\(unclosed.map(\.description))")
        // A value found inside a string (a description's image) is located on CR-only lines too.
        let decoded = problems("{\r\"runs\": [ \(minimalRun) ],\r\"title\": 5 }")
        #expect(decoded.first?.location == SourceLocation(line: 3, column: 10), "\(decoded.map(\.description))")
    }

    /// The keys only a build writes into study.json (`parameters`, `sweptFrom`, `$schema`,
    /// `generator`) are accepted but never offered as valid keys.
    @Test func theValidKeysHintListsOnlyDocumentedKeys() {
        let run = problems(#"{ "runs": [ { "name": "a", "colour": 1, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#)
        let runHint = run.first?.hint ?? ""
        #expect(runHint.hasPrefix("valid keys here: ") && runHint.contains(#""sweep""#), "\(runHint)")
        #expect(!runHint.contains("parameters") && !runHint.contains("sweptFrom"), "\(runHint)")
        let defaults = problems(#"{ "defaults": { "colour": 1 }, "runs": [ \#(minimalRun) ] }"#).first?.hint ?? ""
        #expect(defaults.hasPrefix("valid keys here: ") && !defaults.contains("parameters") && !defaults.contains("sweptFrom"), "\(defaults)")
        let top = problems(#"{ "colour": 1, "runs": [ \#(minimalRun) ] }"#).first?.hint ?? ""
        #expect(top.hasPrefix("valid keys here: ") && !top.contains("$schema") && !top.contains("generator"), "\(top)")
        // Still accepted, as study.json writes them.
        #expect(problems(#"{ "$schema": "x", "generator": "sgdreport", "runs": [ \#(minimalRun) ] }"#).isEmpty)
    }

    /// A binary file's bytes are never sent to the terminal: control characters in the quoted
    /// line (and in a quoted key or value) are shown as JSON escapes, the caret still under the place.
    @Test func controlBytesInTheQuotedLineAreEscaped() throws {
        var bytes: [UInt8] = Array(#"{ "runs": [ "#.utf8) + [0x1B, 0x5B, 0x32, 0x4A, 0x07, 0x00, 0x7F, 0x9B, 0x08] + Array(" ] }".utf8)
        var rendered = ""
        do { _ = try StudyReader().read(bytes: bytes, file: "studies/binary.json") } catch { rendered = error.description }
        #expect(!rendered.isEmpty)
        #expect(!rendered.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }, "\(rendered.debugDescription)")
        #expect(rendered.contains(#"\u001b[2J\u0007\u0000\u007f"#), "\(rendered)")
        // The caret stands under the byte that is not UTF-8 (shown as �), after the escapes.
        let lines = rendered.split(separator: "\n").map { Array($0.unicodeScalars) }
        #expect(lines.count >= 3 && lines[2].firstIndex(of: "^") == lines[1].firstIndex(of: "\u{FFFD}"), "\(rendered)")
        // A key decoded from an escape is quoted escaped in the message.
        bytes = Array(#"{ "runs": [ { "name": "a", "\u001b[31mred": 1, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#.utf8)
        do { _ = try StudyReader().read(bytes: bytes, file: "studies/escape.json") } catch { rendered = error.description }
        #expect(rendered.contains(#"unknown key "\u001b[31mred""#) && !rendered.unicodeScalars.contains("\u{1B}"), "\(rendered.debugDescription)")
    }

    @Test func outOfRangeValuesAreRefused() {
        func message(_ optimizer: String, _ extra: String = "") -> String? {
            problems(#"{ "runs": [ { "name": "a", \#(extra) "optimizer": \#(optimizer) } ] }"#).first?.message
        }
        #expect(message(#"{ "type": "sgd", "lr": 0 }"#) == "lr must be greater than 0, got 0")
        #expect(message(#"{ "type": "sgd", "lr": -0.1 }"#) == "lr must be greater than 0, got -0.1")
        #expect(message(#"{ "type": "momentum", "lr": 0.1, "beta": 1 }"#) == "beta must be at least 0 and less than 1, got 1")
        #expect(message(#"{ "type": "sgd", "lr": 0.1 }"#, #""epochs": 0,"#) == "epochs must be between 1 and 100,000,000, got 0")
        #expect(message(#"{ "type": "sgd", "lr": 0.1 }"#, #""epochs": 2.5,"#) == "epochs must be a whole number, got 2.5")
        // A non-finite lr cannot be written in JSON: the parser refuses it with its own message.
        #expect(message(#"{ "type": "sgd", "lr": 1e999 }"#) == "the number 1e999 is beyond the range of a double (about ±1.8e308)")
    }

    @Test func aRunNameUsedTwiceIsAnError() {
        let found = problems(#"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.1 } }, "runs": [ { "name": "a" }, { "name": "a" } ] }"#)
        #expect(found.map(\.message) == [#"the run name "a" is used twice (first at runs[0].name)"#])
        #expect(found.first?.path == "runs[1].name")
    }

    @Test func namesThatMakeTheSameFileAreAnError() {
        let found = problems(#"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.1 } }, "runs": [ { "name": "A b" }, { "name": "a-b" } ] }"#)
        #expect(found.map(\.message) == [#"the runs "A b" and "a-b" would both write data/a-b.steps.csv"#])
        let empty = problems(#"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.1 } }, "runs": [ { "name": "\u200b" } ] }"#)
        #expect(empty.map(\.message) == ["the run's name has no visible character (it is U+200B)"])
    }

    @Test func aChartNamingAMissingRunIsAnError() {
        let found = problems(#"""
            { "runs": [ \#(minimalRun) ],
              "charts": [ { "title": "Loss", "y": "loss", "runs": ["1 nueron"] } ] }
            """#)
        #expect(found.map(\.description) == [#"studies/test.json:2:56: error: charts[0].runs[0]: the chart names the run "1 nueron", which does not exist"#])
        #expect(found.first?.hint == #"did you mean "1 neuron"?"#)
    }

    @Test func aChartNamingAMissingColumnIsAnError() {
        let found = problems(#"""
            { "runs": [ \#(minimalRun) ],
              "charts": [ { "title": "D", "y": "grad_d", "runs": ["1 neuron"] } ] }
            """#)
        #expect(found.map(\.message) == [#"the run "1 neuron" has no column "grad_d" per step"#])
        #expect(found.first?.hint == #"did you mean "grad_a"?"#)
        let perEpoch = problems(#"{ "runs": [ \#(minimalRun) ], "charts": [ { "y": "sqrt_sse", "per": "step" } ] }"#)
        #expect(perEpoch.first?.hint == #""sqrt_sse" is a per-epoch column; add "per": "epoch""#)
    }

    @Test func anUnknownActivationIsAnError() {
        let found = problems(#"""
            { "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.1 },
                          "model": { "layers": [ { "units": 1, "activation": "ReLU" }, { "units": 1 } ] } } ] }
            """#)
        #expect(found.map(\.description) == [#"studies/test.json:2:66: error: runs[0].model.layers[0].activation: the activation "ReLU" is not one of "none", "relu", "leaky-relu", "sigmoid", "tanh""#])
        #expect(found.first?.hint == #"did you mean "relu"?"#)
    }

    @Test func everyProblemInAFileIsReportedTogether() {
        let found = problems(#"""
            {
              "titel": "x",
              "runs": [
                { "name": "a", "optimizer": { "type": "sgd", "lr": -1 } },
                { "name": "b", "epochs": 0, "optimizer": { "type": "adamw", "lr": 0.1 } },
                { "name": "c", "model": "quadratic", "optimizer": { "type": "sgd", "lr": 0.1 } }
              ],
              "charts": [ { "title": "t", "runs": ["zzz"] } ]
            }
            """#)
        #expect(found.map { "\($0.location!.line):\($0.path!)" } == [
            "2:titel", "4:runs[0].optimizer.lr", "5:runs[1].epochs", "5:runs[1].optimizer.type", "6:runs[2].model",
            "8:charts[0].runs[0]",
        ])
    }

    @Test func absurdSizesAreRefusedBeforeTraining() {
        let found = problems(#"{ "runs": [ { "name": "big", "epochs": 100000000, "data": { "x": { "random": { "count": 10000, "min": 1, "max": 9 } }, "target": { "slope": 2, "intercept": 30 } }, "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#)
        #expect(found.map(\.message) == [
            #"the study would make 1,000,000,000,000 updates (the run "big" alone 1,000,000,000,000); the limit is 1,000,000,000"#,
        ])
        #expect(found.first?.hint == "lower epochs or the data size, or raise the limit with --max-steps")
        let sweep = problems(#"{ "runs": [ { "name": "s", "optimizer": { "type": "sgd", "lr": 0.1 }, "sweep": { "lr": [1,2,3,4,5,6,7,8,9,10], "epochs": [1,2,3,4,5,6,7,8,9,10], "seed": [1,2,3,4,5,6,7,8,9,10], "units": [1,2,3,4,5,6,7,8,9,10,11] } } ] }"#)
        #expect(sweep.map(\.message) == ["the runs and their sweeps make 11,000 runs; the limit is 10,000"])
    }

    /// A learning-rate finder stops when its loss diverges: its count is at most.
    @Test func aFindersUpdatesAreCountedAsAtMost() {
        let finder = #"{ "name": "finder", "batch": 1, "optimizer": { "type": "sgd", "lr": 0.001 }, "lrFind": { "numIt": 1260 } }"#
        let plain = #"{ "name": "plain", "optimizer": { "type": "sgd", "lr": 0.0001 } }"#
        let limits = StudyLimits(maximumSteps: 1_000, maximumTraceValues: StudyLimits.standard.maximumTraceValues)
        #expect(problems(#"{ "runs": [ \#(plain), \#(finder) ] }"#, limits: limits).map(\.message) == [
            #"the study would make up to 1,289 updates (the run "finder" alone up to 1,260); the limit is 1,000"#,
        ])
        // Without stopDiv the finder makes every batch; a plain run is the largest: no "up to" for it.
        #expect(problems(#"{ "runs": [ \#(finder.replacingOccurrences(of: "1260 }", with: "1260, \"stopDiv\": false }")) ] }"#, limits: limits)
            .map(\.message) == [#"the study would make 1,260 updates (the run "finder" alone 1,260); the limit is 1,000"#])
        let small = StudyLimits(maximumSteps: 10, maximumTraceValues: StudyLimits.standard.maximumTraceValues)
        #expect(problems(#"{ "runs": [ \#(plain), \#(finder.replacingOccurrences(of: "1260", with: "6")) ] }"#, limits: small).map(\.message) == [
            #"the study would make up to 35 updates (the run "plain" alone 29); the limit is 10"#,
        ])
    }

    @Test func tracesTooLargeForMemoryAreRefusedWithTheFix() {
        let found = problems(#"{ "runs": [ { "name": "long", "epochs": 10000000, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#)
        // 290,000,000 steps × 11 columns and 10,000,000 epochs × 7 columns.
        #expect(found.first?.message.hasPrefix("the step and epoch traces would hold 3,260,000,000 numbers") == true)
        #expect(found.first?.hint?.contains(#""record": { "every": 100, "epochs": 100 }"#) == true)
        let recorded = problems(#"{ "runs": [ { "name": "long", "epochs": 10000000, "record": { "every": 1000 }, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#)
        #expect(recorded.isEmpty)
    }

    @Test func theEpochsTraceCountsTowardsTheSizeLimit() {
        // 20,000,000 epochs of 29 rows: the steps thinned to 580 rows, but 140,000,000 epoch values.
        let found = problems(#"{ "runs": [ { "name": "long", "epochs": 20000000, "record": { "every": 1000000 }, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#)
        #expect(found.map(\.message) == [
            "the step and epoch traces would hold 140,006,402 numbers (about 1.1 GB); the limit is 100,000,000",
        ])
        let thinned = problems(#"{ "runs": [ { "name": "long", "epochs": 20000000, "record": { "every": 1000000, "epochs": 1000 }, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#)
        #expect(thinned.isEmpty)
    }

    @Test func recordNeedsASettingAndWholeCounts() {
        let empty = problems(#"{ "runs": [ { "name": "r", "record": {}, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#)
        #expect(empty.map(\.message) == [#"record needs "every" or "epochs""#])
        #expect(empty.first?.path == "runs[0].record")
        let zero = problems(#"{ "runs": [ { "name": "r", "record": { "epochs": 0 }, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#)
        #expect(zero.map(\.path) == ["runs[0].record.epochs"])
        #expect(zero.first?.message.hasPrefix("record.epochs must be") == true)
        let fraction = problems(#"{ "runs": [ { "name": "r", "record": { "every": 10, "epochs": 2.5 }, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#)
        #expect(fraction.map(\.path) == ["runs[0].record.epochs"])
        let unknown = problems(#"{ "runs": [ { "name": "r", "record": { "epoch": 10 }, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#)
        #expect(unknown.map(\.message) == [#"unknown key "epoch" in record"#])
        #expect(unknown.first?.hint?.contains("epochs") == true)
    }

    @Test func optimizerSettingsMustFitTheType() {
        let found = problems(#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.1, "beta": 0.9 } } ] }"#)
        #expect(found.map(\.message) == [#"sgd has no setting "beta""#])
        // Defaults' settings that do not fit a run's type are dropped, not errors.
        let study = try? readStudy(#"""
            { "defaults": { "optimizer": { "type": "momentum", "lr": 0.1, "beta": 0.5 } },
              "runs": [ { "name": "plain", "optimizer": { "type": "sgd" } }, { "name": "mom" } ] }
            """#)
        #expect(study?.runs.map(\.optimizer) == [.sgd(lr: 0.1), .momentum(lr: 0.1, beta: 0.5, dampening: false)])
    }

    @Test func initAndStateMustNameTheModelsParameters() {
        let found = problems(#"{ "runs": [ { "name": "a", "init": { "a": 1, "bb": 2 }, "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#)
        // Naming some parameters only is allowed (SPEC §4.3: the others take the default); a name the model lacks is not.
        #expect(found.map(\.message) == [#"init names "bb", which the model does not have"#])
        #expect(found.last?.hint == #"did you mean "b"? the model's parameters are a, b"#)
        let state = problems(#"{ "runs": [ { "name": "a", "state": { "avg": { "c": 1 } }, "optimizer": { "type": "sgd", "lr": 0.1 } } ] }"#)
        #expect(state.map(\.message) == ["state.avg is given but this optimizer keeps no average", #"state names "c", which the model does not have"#])
    }

    @Test func duplicateKeysAreErrors() {
        let found = problems("{ \"runs\": [ \(minimalRun) ],\n  \"runs\": [] }")
        #expect(found.map(\.description) == [#"studies/test.json:2:3: error: runs: the key "runs" appears twice in one object (first at line 1, column 3)"#])
    }

    @Test func anErrorInARunDoesNotCascadeIntoCharts() {
        let found = problems(#"""
            { "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": -1 } } ],
              "charts": [ { "title": "t", "runs": ["a"] } ] }
            """#)
        #expect(found.map(\.message) == ["lr must be greater than 0, got -1"])
    }
}
