import Testing
import SGDStudy

/// Issue 10, items 4 and 5: files saved by Windows editors (CRLF, a byte-order mark) and
/// decimal commas.
@Suite struct LearnerInputTests {
    static let run = #"{ "name": "a", "optimizer": { "type": "sgd", "lr": 0.0001 } }"#

    // MARK: Item 4: CRLF and the byte-order mark

    /// Every error of a CRLF file keeps its source line (without the "\r") and its caret.
    @Test(arguments: ["\r\n", "\n"])
    func aCRLFFileShowsTheLineAndTheCaret(newline: String) {
        let text = ["{", #"  "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.1, "bta": 1 } } ],"#,
                    #"  "charts": [ { "title": "e", "yScale": "logg" } ]"#, "}", ""].joined(separator: newline)
        #expect(report(text) == """
            studies/test.json:2:69: error: runs[0].optimizer.bta: unknown key "bta" in the optimizer
             2 |   "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 0.1, "bta": 1 } } ],
               |                                                                     ^
              hint: sgd takes "type", "lr", "wd", "decoupleWd", "wdBias"

            studies/test.json:3:41: error: charts[0].yScale: yScale "logg" is not one of "auto", "linear", "log", "symlog"
             3 |   "charts": [ { "title": "e", "yScale": "logg" } ]
               |                                         ^
              hint: did you mean "log"?

            """)
    }

    @Test func aSyntaxErrorOnTheLastCRLFLineShowsTheLine() {
        let text = "{\r\n  \"runs\": [ \(Self.run) ]\r\n  \"title\": \"x\"\r\n}"
        #expect(report(text) == """
            studies/test.json:3:3: error: expected ',' or '}' after a member, found '"'
             3 |   "title": "x"
               |   ^
              hint: add a comma between members

            """)
    }

    /// A byte-order mark (Notepad's UTF-8) is read; columns and the excerpt leave it out.
    @Test func aByteOrderMarkIsRead() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let study = try StudyReader().read(bytes: bom + Array("{ \"runs\": [ \(Self.run) ] }\r\n".utf8), file: "studies/test.json")
        #expect(study.runs.map(\.name) == ["a"])
        do {
            _ = try StudyReader().read(bytes: bom + Array("{ \"runs\": [ { \"name\": 1 } ] }".utf8), file: "studies/test.json")
            Issue.record("accepted a number as a name")
        } catch {
            #expect(error.description == """
                studies/test.json:1:23: error: runs[0].name: the run's name must be a string, got a number
                 1 | { "runs": [ { "name": 1 } ] }
                   |                       ^
                  hint: write it in double quotes: "1"

                """)
        }
    }

    // MARK: Item 5: decimal commas

    static let decimalCommas: [(array: String, column: Int, message: String, hint: String)] = [
        ("[1,5, 2,5]", 1, "1,5 reads as two numbers, 1 and 5", "did you mean 1.5? The array would be [1.5, 2.5]"),
        ("[1,5, 2]", 1, "1,5 reads as two numbers, 1 and 5", "did you mean 1.5? The array would be [1.5, 2]"),
        ("[1.5, 2,25]", 6, "2,25 reads as two numbers, 2 and 25", "did you mean 2.25? The array would be [1.5, 2.25]"),
        ("[-1,5,  0,75]", 1, "-1,5 reads as two numbers, -1 and 5", "did you mean -1.5? The array would be [-1.5, 0.75]"),
        ("[3,\t10,5]", 4, "10,5 reads as two numbers, 10 and 5", "did you mean 10.5? The array would be [3, 10.5]"),
    ]

    @Test(arguments: decimalCommas.indices)
    func decimalCommasInAnArrayAreCaught(index: Int) {
        let (array, column, message, hint) = Self.decimalCommas[index]
        let prefix = #"{ "runs": [ \#(Self.run) ], "data": { "x": "#
        let found = problems(prefix + array + #", "target": { "slope": 2, "intercept": 30 } } }"#)
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(line: 1, column: prefix.count + 1 + column))
        #expect(found.first?.message == message + ": JSON writes a decimal with a point")
        #expect(found.first?.hint == hint)
    }

    /// Real arrays keep working, however they are spaced.
    @Test(arguments: ["[1,2,3]", "[1, 2, 3]", "[1,2,\n 3,4]", "[1.5,2.5, 3]", "[1, 2,\n3, 4]", "[10,20]"])
    func realArraysAreRead(array: String) throws {
        let study = try readStudy(#"{ "runs": [ \#(Self.run) ], "signals": [ { "name": "s", "values": \#(array) } ] }"#)
        #expect(study.signals.count == 1)
    }

    @Test(arguments: [("0,5", "0.5"), ("0,0001", "0.0001"), ("1,5", "1.5")])
    func aDecimalCommaInAMemberIsCaught(typed: String, meant: String) {
        let text = #"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": \#(typed) } } ] }"#
        let found = problems(text)
        #expect(found.map(\.message) == [#""lr": \#(typed) is not a number: JSON writes a decimal with a point"#])
        #expect(found.first?.hint == "did you mean \(meant)?")
        #expect(found.first?.location == SourceLocation(line: 1, column: 64))
        // Followed by another member, or the last one before the brace.
        let more = problems(#"{ "runs": [ { "name": "a", "epochs": 2, "optimizer": { "type": "sgd", "lr": \#(typed), "x": 1 } } ] }"#)
        #expect(more.first?.hint == "did you mean \(meant)?")
    }
}

/// Issue 10, item 11: a misspelt key inside an optimizer is matched against that type's keys.
@Suite struct OptimizerKeyHintTests {
    @Test(arguments: [
        ("adam", "betta", #"adam takes "type", "lr", "beta1", "beta2", "eps", "debias", "amsgrad", "wd", "decoupleWd", "wdBias""#),
        ("adam", "damping", #"adam takes "type", "lr", "beta1", "beta2", "eps", "debias", "amsgrad", "wd", "decoupleWd", "wdBias""#),
        ("adam", "beta_1", #"did you mean "beta1"?"#),
        ("adam", "learningRate", #"did you mean "lr"?"#),
        ("sgd", "momentum", #"sgd takes "type", "lr", "wd", "decoupleWd", "wdBias""#),
        ("momentum", "dampen", #"did you mean "dampening"?"#),
        ("rmsprop", "varient", #"did you mean "variant"?"#),
    ])
    func theHintListsTheKeysOfThatType(type: String, key: String, hint: String) {
        let found = problems(#"{ "runs": [ { "name": "a", "optimizer": { "type": "\#(type)", "lr": 0.1, "\#(key)": 1 } } ] }"#)
        #expect(found.map(\.message) == [#"unknown key "\#(key)" in the optimizer"#])
        #expect(found.first?.hint == hint)
    }

    /// Without a type (it comes from defaults), every optimizer key is a candidate.
    @Test func withoutATypeEveryKeyIsACandidate() {
        let found = problems(#"{ "defaults": { "optimizer": { "type": "momentum" } }, "runs": [ { "name": "a", "optimizer": { "lr": 0.1, "bta": 0.9 } } ] }"#)
        #expect(found.first?.hint == #"did you mean "beta"?"#)
    }
}
