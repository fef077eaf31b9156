import SGDStudy
import Testing

/// The spreadsheet variants of RMSProp and Adagrad divide by a starting squared average: without
/// one, the first step divides by zero, and the run is refused where its optimizer is written.
@Suite struct StartingStateTests {
    @Test(arguments: [
        (#"{ "type": "rmsprop", "variant": "spreadsheet", "lr": 0.01 }"#, "the spreadsheet RMSProp", "\"variant\": \"fastai\""),
        (#"{ "type": "adagrad", "variant": "spreadsheet", "lr": 0.01 }"#, "the spreadsheet Adagrad", "\"variant\": \"pytorch\""),
    ])
    func aSpreadsheetVariantWithoutStartingSquaresIsRefused(optimizer: String, what: String, other: String) {
        let found = problems(#"{ "runs": [ { "name": "r", "optimizer": \#(optimizer) } ] }"#)
        #expect(found.count == 1)
        #expect(found.first?.path == "runs[0].optimizer")
        #expect(found.first?.message.hasPrefix(what) == true)
        #expect(found.first?.message.hasSuffix("sqr starts at 0 for a, b, so the first step divides by zero") == true, "\(found)")
        #expect(found.first?.hint?.contains(#""state": { "sqr": { "a": 10000, "b": 10000 } }"#) == true)
        #expect(found.first?.hint?.contains(other) == true)
        // One weight given, the other still 0: named alone.
        let half = problems(#"{ "runs": [ { "name": "r", "optimizer": \#(optimizer), "state": { "sqr": { "a": 10000, "b": 0 } } } ] }"#)
        #expect(half.first?.message.contains("sqr starts at 0 for b,") == true, "\(half)")
    }

    @Test func withStartingSquaresOrAnotherVariantTheRunIsRead() throws {
        let given = try readStudy(#"{ "runs": [ { "name": "r", "optimizer": { "type": "rmsprop", "variant": "spreadsheet", "lr": 0.01 }, "state": { "sqr": { "a": 10000, "b": 10000 } } } ] }"#)
        #expect(given.runs.count == 1)
        let fastai = try readStudy(#"{ "runs": [ { "name": "r", "optimizer": { "type": "rmsprop", "lr": 0.01 } } ] }"#)
        #expect(fastai.runs.count == 1)
    }
}

/// A setting in `defaults.optimizer` that its own type does not take is an error where it is
/// written, not dropped from every run.
@Suite struct DefaultOptimizerTests {
    @Test(arguments: [
        ("adam", #""beta": 0.5"#, #"adam has no setting "beta""#, #"did you mean "beta1"?"#),
        ("sgd", #""beta": 0.9"#, #"sgd has no setting "beta""#, #"sgd takes "lr", "wd", "decoupleWd", "wdBias""#),
        ("momentum", #""beta2": 0.99"#, #"momentum has no setting "beta2""#, #"did you mean "beta"?"#),
    ])
    func aSettingItsTypeDoesNotTakeIsReportedOnce(type: String, setting: String, message: String, hint: String) {
        let found = problems(#"{ "defaults": { "optimizer": { "type": "\#(type)", "lr": 0.1, \#(setting) } }, "runs": [ { "name": "a" }, { "name": "b" } ] }"#)
        #expect(found.map(\.message) == [message], "\(found)")
        #expect(found.first?.path?.hasPrefix("defaults.optimizer.") == true)
        #expect(found.first?.hint == hint)
    }

    @Test func aRunOfAnotherTypeStillTakesOnlyItsOwnSettings() throws {
        let study = try readStudy(#"{ "defaults": { "optimizer": { "type": "momentum", "lr": 0.1, "beta": 0.5 } }, "runs": [ { "name": "a", "optimizer": { "type": "adam" } } ] }"#)
        #expect(study.runs.first?.optimizer == .adam(lr: 0.1, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true))
    }
}

/// A sweep over lr gives each run its rate, so the optimizer needs no "lr" of its own.
@Suite struct SweptRateTests {
    @Test func aSweptRateNeedsNoRateOfItsOwn() throws {
        let study = try readStudy(#"{ "runs": [ { "name": "r", "optimizer": { "type": "sgd" }, "sweep": { "lr": [1e-6, 1e-4] } } ] }"#)
        #expect(study.runs.map(\.optimizer) == [.sgd(lr: 1e-6), .sgd(lr: 1e-4)])
        #expect(study.runs.map(\.name) == ["r lr=1e-6", "r lr=0.0001"])
        // Any other sweep still needs one.
        let found = problems(#"{ "runs": [ { "name": "r", "optimizer": { "type": "momentum" }, "sweep": { "beta": [0.5, 0.9] } } ] }"#)
        #expect(found.map(\.message) == [#"the momentum optimizer needs a learning rate "lr""#])
    }
}

/// Every message carries a fix: settings out of range, `state` inside the optimizer, a starting
/// moment written as one number, a missing required key.
@Suite struct HintTests {
    @Test(arguments: [
        (#"{ "type": "adam", "lr": 0 }"#, "", "use a number above 0 (a learning rate such as 0.0001 may be written 1e-4)"),
        (#"{ "type": "adam", "lr": 0.1, "beta1": 1 }"#, "", "a decay rate keeps that fraction of the past each step: use a value such as 0.9 or 0.99"),
        (#"{ "type": "rmsprop", "lr": 0.1, "variant": "excel" }"#, "", "write one of them, in lower case as listed"),
        (#"{ "type": "adam", "lr": 0.1, "state": { "sqr": { "a": 1, "b": 1 } } }"#, "", #""state" belongs to the run, beside "optimizer": { "name": …, "optimizer": { … }, "state": … }"#),
        (#"{ "type": "rmsprop", "lr": 0.1 }"#, #", "state": { "sqr": 10000 }"#, #"give one value per weight, e.g. "sqr": { "a": 10000, "b": 10000 }"#),
    ])
    func eachMistakeHasAFix(optimizer: String, run: String, hint: String) {
        let found = problems(#"{ "runs": [ { "name": "r", "optimizer": \#(optimizer)\#(run) } ] }"#)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hint == hint, "\(found)")
    }

    @Test func aMissingRequiredKeyIsNamedWithAFix() {
        let found = problems(#"{ "runs": [ { "name": "r", "optimizer": { "type": "sgd", "lr": 0.1 } } ], "charts": [ { "title": "f", "fit": { "runs": ["r"] } } ] }"#)
        #expect(found.first?.hint?.hasPrefix(#"add "epochs" to"#) == true, "\(found)")
    }
}
