import Foundation
import SGDEngine
import Testing
import SGDStudy
import TestSupport

/// The 1-neuron model y = a·x + b on the workbook's 29 rows, trained from a study file with
/// weight decay, a schedule and a learning-rate finder, compared step by step with loops written
/// out here from fastai's formulas (fastai/fastai `optimizer.py`, `callback/schedule.py`).
@Suite struct StepRuleTrainingTests {
    let xs = Dataset.graddesc.x, ys = Dataset.graddesc.y

    func train(_ runJSON: String) throws -> (Run, TrainingResult) {
        let study = try readStudy(#"{ "runs": [ \#(runJSON) ] }"#)
        let run = study.runs[0]
        return (run, Trainer(run.makeTrainingSetup()).run())
    }

    @Test func sgdWithDecoupledDecayLeavesTheBiasAlone() throws {
        let (_, result) = try train(#"{ "name": "r", "epochs": 2, "init": 1, "optimizer": { "type": "sgd", "lr": 0.0001, "wd": 0.5 } }"#)
        var a = 1.0, b = 1.0
        var expected: [[Double]] = []
        for _ in 0..<2 {
            for (x, y) in zip(xs, ys) {
                let error = a * x + b - y
                expected.append([a, b, error * error])
                a = a * (1 - 0.0001 * 0.5)      // weight_decay: p·(1 − lr·wd); b is a bias
                a = a - 0.0001 * (2 * error * x)
                b = b - 0.0001 * (2 * error)
            }
        }
        #expect(result.steps.column("a")! == expected.map { $0[0] })
        #expect(result.steps.column("b")! == expected.map { $0[1] })
        #expect(result.steps.column("loss")! == expected.map { $0[2] })
        #expect(result.finalParameters == [a, b])
    }

    @Test func adamWithL2DecayOnEveryParameter() throws {
        let (_, result) = try train(#"""
            { "name": "r", "epochs": 2, "init": 1,
              "optimizer": { "type": "adam", "lr": 0.1, "wd": 0.01, "decoupleWd": false, "wdBias": true } }
            """#)
        var p = [1.0, 1.0], m = [0.0, 0.0], v = [0.0, 0.0]
        var t = 0.0
        var gradients: [Double] = []
        for _ in 0..<2 {
            for (x, y) in zip(xs, ys) {
                let error = p[0] * x + p[1] - y
                var g = [2 * error * x, 2 * error]
                t += 1
                for i in 0..<2 {
                    g[i] = g[i] + 0.01 * p[i]          // l2_reg: the changed g feeds the moments
                    m[i] = 0.9 * m[i] + (1 - 0.9) * g[i]
                    v[i] = 0.99 * v[i] + (1 - 0.99) * (g[i] * g[i])
                    p[i] = p[i] - (0.1 / (1 - pow(0.9, t))) * m[i] / ((v[i] / (1 - pow(0.99, t))).squareRoot() + 1e-5)
                }
                gradients.append(g[0])
            }
        }
        #expect(result.finalParameters == p)
        // grad_a records the derivative the moments saw (fastai's p.grad after l2_reg).
        #expect(result.steps.column("grad_a")! == gradients)
    }

    /// fastai's one-cycle for 3 epochs of 29 batches with undampened momentum, its `lr` and
    /// `mom` columns and the weights, from fastai's formulas written out here.
    @Test func oneCycleScheduleOnMomentum() throws {
        let (run, result) = try train(#"""
            { "name": "r", "epochs": 3, "init": 1, "optimizer": { "type": "momentum", "lr": 0.0001 },
              "schedule": { "type": "one-cycle", "lrMax": 0.0002 } }
            """#)
        #expect(run.stepColumns.suffix(2) == ["lr", "mom"])
        func cosine(_ start: Double, _ end: Double, _ pos: Double) -> Double {
            start + (1 + cos(Double.pi * (1 - pos))) * (end - start) / 2
        }
        // combine_scheds([0.25, 0.75]): boundaries 0, 0.25, 1 (exact in float32), position in float32.
        func combined(_ pos: Double, _ first: (Double) -> Double, _ second: (Double) -> Double) -> Double {
            let p = Float(pos)
            if p >= 0.25 { return second(Double((p - 0.25) / (1 - 0.25))) }
            return first(Double(p / 0.25))
        }
        var a = 1.0, b = 1.0, ma = 0.0, mb = 0.0
        var lrs: [Double] = [], moms: [Double] = []
        for epoch in 0..<3 {
            var pos = Double(epoch) / 3
            for (x, y) in zip(xs, ys) {
                let lr = combined(pos, { cosine(0.0002 / 25, 0.0002, $0) }, { cosine(0.0002, 0.0002 / 1e5, $0) })
                let mom = combined(pos, { cosine(0.95, 0.85, $0) }, { cosine(0.85, 0.95, $0) })
                lrs.append(lr)
                moms.append(mom)
                let error = a * x + b - y
                ma = mom * ma + 2 * error * x
                mb = mom * mb + 2 * error
                a = a - lr * ma
                b = b - lr * mb
                pos += 1 / Double(29 * 3)
            }
        }
        #expect(result.steps.column("lr")! == lrs)
        #expect(result.steps.column("mom")! == moms)
        #expect(result.finalParameters == [a, b])
    }

    /// The finder with full batches on a small line: lr_i = 1e-7·(1e8)^(i/100), the debiased
    /// smoothed loss, and the stop after the batch whose smoothed loss passes 4× the lowest.
    @Test func learningRateFinderStopsOnDivergence() throws {
        let (run, result) = try train(#"""
            { "name": "r", "init": 1, "batch": "full", "data": { "x": [1, 2, 3, 4], "y": [3, 5, 7, 9] },
              "optimizer": { "type": "sgd", "lr": 0.001 }, "lrFind": {} }
            """#)
        #expect(run.stepColumns.suffix(2) == ["lr", "smooth_loss"])
        #expect(run.epochs == 101)
        let x = [1.0, 2, 3, 4], y = [3.0, 5, 7, 9]
        var a = 1.0, b = 1.0
        var average = 0.0, best = Double.infinity
        var lrs: [Double] = [], smoothed: [Double] = []
        for i in 0..<100 {
            let lr = 1e-7 * pow(10 / 1e-7, Double(i) / 100)
            var loss = 0.0, ga = 0.0, gb = 0.0
            for (xi, yi) in zip(x, y) {
                let error = a * xi + b - yi
                loss += error * error
                ga += 2 * error * xi
                gb += 2 * error
            }
            loss /= 4
            a = a - lr * (ga / 4)
            b = b - lr * (gb / 4)
            average = average - (average - loss) * (1 - 0.98)
            let smooth = average / (1 - pow(0.98, Double(i + 1)))
            lrs.append(lr)
            smoothed.append(smooth)
            best = min(best, smooth)
            if smooth > 4 * best { break }
        }
        #expect(lrs.count < 100, "the rate passes 1 and the loss explodes before 100 batches")
        #expect(result.steps.column("lr")! == lrs)
        #expect(result.steps.column("smooth_loss")! == smoothed)
        #expect(result.finalParameters == [a, b])
        #expect(result.lrFind == LRFinder().suggestions(lrs: lrs, losses: smoothed))
        #expect(result.lrFind?.minimum != nil)
    }

    /// study.json writes the new settings so that it reads back as the same study.
    @Test func theSettingsRoundTripThroughStudyJSON() throws {
        let study = try readStudy(#"""
            { "defaults": { "init": 1, "optimizer": { "type": "adam", "lr": 0.01, "wd": 0.1, "decoupleWd": false } },
              "runs": [
                { "name": "cycle", "epochs": 2, "schedule": { "type": "one-cycle", "pctStart": 0.3 } },
                { "name": "sgdr", "optimizer": { "type": "sgd" }, "schedule": { "type": "sgdr", "cycles": 2, "cycleLen": 1 } },
                { "name": "plain", "optimizer": { "type": "sgd", "wd": 0 }, "schedule": { "type": "one-cycle" } },
                { "name": "finder", "lrFind": { "numIt": 30, "stopDiv": false } } ] }
            """#)
        #expect(study.runs[0].weightDecay == WeightDecay(wd: 0.1, decoupled: false, decaysBiases: false))
        #expect(study.runs[0].schedule == .oneCycle(lrMax: 0.01, pctStart: 0.3, div: 25, divFinal: 1e5, moms: [0.95, 0.85, 0.95]))
        #expect(study.runs[1].epochs == 3)
        #expect(study.runs[2].schedule == .oneCycle(lrMax: 0.01, pctStart: 0.25, div: 25, divFinal: 1e5, moms: nil))
        #expect(study.runs[2].weightDecay == nil)
        #expect(study.runs[2].stepColumns.last == "lr")
        #expect(study.runs[3].lrFind == LRFinder(numIt: 30, stopDiv: false))
        #expect(study.runs[3].epochs == 2)
        let written = JSONWriter.write(StudyEncoder.encode(study, generator: "sgdreport test"))
        let again = try readStudy(written)
        #expect(again.runs == study.runs)
    }
}
