import Foundation
import SGDEngine
import Testing
import SGDStudy
import TestSupport

/// The study-file settings of the workbook's other sheets — `adagrad`, `eve`, `amsgrad`,
/// `lrAnneal`, Eve's `state.feedback`/`state.losses` — read, written back, and refused with
/// located messages when wrong.
@Suite struct EpochRuleStudyTests {
    func run(_ fields: String, optimizer: String = #"{ "type": "adagrad", "lr": 0.5, "variant": "spreadsheet" }"#) -> String {
        #"{ "runs": [ { "name": "r", "model": "linear", "optimizer": \#(optimizer)\#(fields.isEmpty ? "" : ", " + fields) } ] }"#
    }

    @Test func theNewSettingsAreRead() throws {
        let study = try readStudy(run(#""lrAnneal": { "measure": "step-size", "divisor": 2, "reference": 100 }, "state": { "sqr": { "a": 1e6, "b": 1e6 } }"#))
        #expect(study.runs[0].optimizer == .adagrad(lr: 0.5, eps: 0, variant: .spreadsheet))
        #expect(study.runs[0].lrAnneal == LearningRateAnneal(measure: .stepSize, factor: 2, divisor: 2, reference: 100))
        #expect(study.runs[0].epochColumns == ["epoch", "sse", "mse", "rmse", "sqrt_sse", "a", "b", "lr", "lr_a", "lr_b"])
        let textbook = try readStudy(run("", optimizer: #"{ "type": "adagrad", "lr": 0.1 }"#))
        #expect(textbook.runs[0].optimizer == .adagrad(lr: 0.1, eps: 1e-10, variant: .pytorch))
        let ams = try readStudy(run("", optimizer: #"{ "type": "adam", "lr": 1, "amsgrad": true }"#))
        #expect(ams.runs[0].optimizer == .amsgrad(lr: 1, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true))
        let eve = try readStudy(run(
            #""state": { "feedback": 1, "losses": [239.79849927509557, 119.89924963754778] }"#,
            optimizer: #"{ "type": "eve", "lr": 1, "beta3": 0.9 }"#))
        #expect(eve.runs[0].optimizer == .eve(lr: 1, beta1: 0.9, beta2: 0.99, beta3: 0.9, eps: 1e-5, debias: true))
        #expect(eve.runs[0].makeTrainingSetup().initialState.losses == [239.79849927509557, 119.89924963754778])
        #expect(eve.runs[0].epochColumns.last == "feedback")
    }

    @Test func defaultsCarryTheRuleAndASweepKeepsIt() throws {
        let study = try readStudy(#"""
            { "defaults": { "optimizer": { "type": "adam", "lr": 0.01 }, "lrAnneal": { "measure": "gradient-size" } },
              "runs": [ { "name": "r", "sweep": { "lr": [0.1, 0.2] } } ] }
            """#)
        #expect(study.runs.map(\.lrAnneal) == Array(repeating: LearningRateAnneal(measure: .gradientSize), count: 2))
        #expect(study.runs.map(\.optimizer.learningRate) == [0.1, 0.2])
    }

    /// `study.json` of every bundled workbook study reads back as the same runs.
    @Test func theBundledStudiesWriteBackTheSame() throws {
        let studies = Repository.studies
        for name in ["graddesc-adam-ann", "graddesc-adagrad", "graddesc-adagrad-ann", "graddesc-amsgrad", "graddesc-eve"] {
            let text = try String(contentsOf: studies.appendingPathComponent(name + ".json"), encoding: .utf8)
            let study = try readStudy(text, file: "studies/\(name).json")
            let written = JSONWriter.write(StudyEncoder.encode(study, generator: "sgdreport test"))
            let again = try readStudy(written, file: "output/\(name)/study.json")
            #expect(again.runs == study.runs, "\(name)")
        }
    }

    @Test func aBadDivisorOrFactorIsLocated() {
        let divisor = problems(run(#""lrAnneal": { "measure": "step-size", "divisor": 1 }"#))
        #expect(divisor.map(\.description) == [#"studies/test.json:1:169: error: runs[0].lrAnneal.divisor: lrAnneal.divisor must be greater than 1, got 1"#])
        #expect(divisor.first?.hint == "the rate is divided by it when the gradients grow: 2 halves it, 4 quarters it")
        let factor = problems(run(#""lrAnneal": { "measure": "step-size", "factor": 0 }"#))
        #expect(factor.map(\.message) == ["lrAnneal.factor must be greater than 0, got 0"])
        #expect(factor.first?.path == "runs[0].lrAnneal.factor")
        let reference = problems(run(#""lrAnneal": { "measure": "step-size", "reference": -1 }"#))
        #expect(reference.map(\.message) == ["lrAnneal.reference must be greater than 0, got -1"])
    }

    @Test func aMisspeltMeasureOrKeyGetsASuggestion() {
        let measure = problems(run(#""lrAnneal": { "measure": "step_size" }"#))
        #expect(measure.map(\.message) == [#"lrAnneal.measure "step_size" is not one of "gradient-size", "step-size""#])
        #expect(measure.first?.hint == #"did you mean "step-size"?"#)
        #expect(measure.first?.path == "runs[0].lrAnneal.measure")
        let key = problems(run(#""lrAnneal": { "measure": "step-size", "divider": 2 }"#))
        #expect(key.map(\.message) == [#"unknown key "divider" in lrAnneal"#])
        #expect(key.first?.hint == #"did you mean "divisor"?"#)
        let missing = problems(run(#""lrAnneal": { "divisor": 2 }"#))
        #expect(missing.map(\.message) == [#"lrAnneal needs "measure""#])
    }

    @Test func aRuleTheOptimizerCannotFeedIsLocated() {
        let step = problems(run(#""lrAnneal": { "measure": "step-size" }"#, optimizer: #"{ "type": "adam", "lr": 0.1 }"#))
        #expect(step.map(\.description) == [
            #"studies/test.json:1:103: error: runs[0].lrAnneal: lrAnneal.measure "step-size" needs the optimizer { "type": "adagrad", "variant": "spreadsheet" }, not adam"#,
        ])
        #expect(step.first?.hint == #"use "measure": "gradient-size" with this optimizer"#)
        let size = problems(run(#""lrAnneal": { "measure": "gradient-size" }"#, optimizer: #"{ "type": "momentum", "lr": 0.1 }"#))
        #expect(size.map(\.message) == [#"lrAnneal.measure "gradient-size" needs an optimizer that keeps squared derivatives, not momentum"#])
    }

    @Test func evesStateOnAnotherOptimizerIsLocated() {
        let found = problems(run(#""state": { "feedback": 1, "losses": [2, 1] }"#, optimizer: #"{ "type": "adam", "lr": 0.1 }"#))
        #expect(found.map(\.message) == ["state.feedback is Eve's, but the optimizer is adam", "state.losses is Eve's, but the optimizer is adam"])
        #expect(found.map(\.path) == ["runs[0].state.feedback", "runs[0].state.losses"])
        #expect(found.first?.hint == #"remove it, or use { "type": "eve" }"#)
        let three = problems(run(#""state": { "losses": [3, 2, 1] }"#, optimizer: #"{ "type": "eve", "lr": 0.1 }"#))
        #expect(three.map(\.message) == ["state.losses has 3 values; Eve uses the last two epochs' losses"])
        let negative = problems(run(#""state": { "feedback": 0 }"#, optimizer: #"{ "type": "eve", "lr": 0.1 }"#))
        #expect(negative.map(\.message) == ["state.feedback must be greater than 0, got 0"])
    }

    @Test func aVariantOrFieldOfAnotherTypeIsLocated() {
        let variant = problems(run("", optimizer: #"{ "type": "adagrad", "lr": 0.1, "variant": "fastai" }"#))
        #expect(variant.map(\.description) == [
            #"studies/test.json:1:103: error: runs[0].optimizer.variant: the variant "fastai" is not one of "pytorch", "spreadsheet" for adagrad"#,
        ])
        let rmsprop = problems(run("", optimizer: #"{ "type": "rmsprop", "lr": 0.1, "variant": "pytorch" }"#))
        #expect(rmsprop.map(\.message) == [#"the variant "pytorch" is not one of "fastai", "spreadsheet" for rmsprop"#])
        let ams = problems(run("", optimizer: #"{ "type": "rmsprop", "lr": 0.1, "amsgrad": true }"#))
        #expect(ams.map(\.message) == [#"rmsprop has no setting "amsgrad""#])
        let beta3 = problems(run("", optimizer: #"{ "type": "eve", "lr": 0.1, "beta3": 1 }"#))
        #expect(beta3.map(\.message) == ["beta3 must be at least 0 and less than 1, got 1"])
        let sweep = problems(#"{ "runs": [ { "name": "r", "optimizer": { "type": "adagrad", "lr": 0.1 }, "sweep": { "beta": [0.9] } } ] }"#)
        #expect(sweep.map(\.message) == ["cannot sweep beta: adagrad has no beta"])
    }
}
