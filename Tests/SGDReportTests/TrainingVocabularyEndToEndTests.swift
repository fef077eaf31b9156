import Foundation
import Testing
@testable import SGDEngine
@testable import SGDReport
@testable import SGDStudy

/// Issue 14: the 1-neuron model (and the 2-neuron sandwich) trained through a whole study with
/// each new feature, compared with an independent loop written here.
@Suite struct TrainingVocabularyEndToEndTests {
    let xs = Dataset.graddescInputs
    var ys: [Double] { xs.map { 2 * $0 + 30 } }

    /// Online SGD on y = a·x + b, one epoch per call, the loop a learner would write.
    func line(_ x: [Double], _ y: [Double], a: Double, b: Double, lr: Double, epochs: Int) -> (a: Double, b: Double) {
        var a = a, b = b
        for _ in 0..<epochs {
            for i in x.indices {
                let err = (a * x[i] + b) - y[i]
                let gb = 2 * err, ga = gb * x[i]
                a -= lr * ga
                b -= lr * gb
            }
        }
        return (a, b)
    }

    func final(_ results: StudyResults, _ name: String) throws -> [Double] {
        try #require(results.run(named: name)).training.finalParameters
    }

    @Test func normalizeInitFromAndARangeSweep() throws {
        let results = try trainedStudy(#"""
        { "defaults": { "optimizer": { "type": "sgd", "lr": 0.01 }, "epochs": 3 },
          "runs": [
            { "name": "std", "data": { "name": "graddesc", "normalize": "standardize" } },
            { "name": "minmax", "data": { "name": "graddesc", "normalize": "minmax" } },
            { "name": "again", "data": { "name": "graddesc", "normalize": "standardize" }, "init": { "from": "std" } },
            { "name": "raw", "optimizer": { "type": "sgd", "lr": 0.0001 }, "init": { "b": 0.5 },
              "sweep": { "lr": { "from": 1e-5, "to": 1e-4, "count": 3, "scale": "log" } } },
            { "name": "torch", "optimizer": { "type": "sgd", "lr": 0.0001 }, "init": { "pytorch": { "seed": 9 } } },
            { "name": "kaiming", "optimizer": { "type": "sgd", "lr": 0.0001 }, "init": { "kaiming-normal": { "seed": 9 } } }
          ] }
        """#)
        let mean = xs.reduce(0, +) / 29
        let std = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 29).squareRoot()
        let standardized = xs.map { ($0 - mean) / std }
        let first = line(standardized, ys, a: 1, b: 1, lr: 0.01, epochs: 3)
        #expect(try final(results, "std") == [first.a, first.b])
        let low = xs.min()!, span = xs.max()! - low
        let mm = line(xs.map { ($0 - low) / span }, ys, a: 1, b: 1, lr: 0.01, epochs: 3)
        #expect(try final(results, "minmax") == [mm.a, mm.b])
        // Warm start: three more epochs from std's final weights.
        let second = line(standardized, ys, a: first.a, b: first.b, lr: 0.01, epochs: 3)
        #expect(try final(results, "again") == [second.a, second.b])
        let again = try #require(results.run(named: "again"))
        #expect(again.training.steps.column("a")?.first == first.a)
        // The trace shows x as trained; slope and intercept are in the data's units.
        #expect(again.training.steps.column("x")?.first == standardized[0])
        let original = again.run.collapsedLineInOriginalUnits([second.a, second.b][...])
        #expect(abs(original.slope - second.a / std) < 1e-12)
        #expect(abs(original.intercept - (second.b - second.a * mean / std)) < 1e-9)
        // The log range: 1e-5, 3.16e-5, 1e-4, each the loop with that rate, from a = 1, b = 0.5.
        for (name, lr) in [("raw lr=1e-5", 1e-5), ("raw lr=3.16e-5", 3.16e-5), ("raw lr=0.0001", 1e-4)] {
            let expected = line(xs, ys, a: 1, b: 0.5, lr: lr, epochs: 3)
            #expect(try final(results, name) == [expected.a, expected.b])
        }
        // PyTorch's default for one input: a and b uniform in [−1, 1), drawn a then b.
        var generator = SeededGenerator(seed: 9)
        let a0 = generator.nextDouble(from: -1, to: 1), b0 = generator.nextDouble(from: -1, to: 1)
        let torch = line(xs, ys, a: a0, b: b0, lr: 0.0001, epochs: 3)
        #expect(try final(results, "torch") == [torch.a, torch.b])
        // Kaiming normal for one input: a = √2·z (Box–Muller from two uniforms), b = 0.
        var normal = SeededGenerator(seed: 9)
        let u1 = 1 - Double(normal.next() >> 11) * 0x1.0p-53, u2 = Double(normal.next() >> 11) * 0x1.0p-53
        let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        let kaiming = line(xs, ys, a: 2.0.squareRoot() * z, b: 0, lr: 0.0001, epochs: 3)
        #expect(try final(results, "kaiming") == [kaiming.a, kaiming.b])
    }

    @Test func leakyReLUSandwichAndAMSGrad() throws {
        let results = try trainedStudy(#"""
        { "runs": [
            { "name": "leaky", "model": { "layers": [ { "units": 1, "activation": "leaky-relu", "negativeSlope": 0.1 }, { "units": 1 } ] },
              "init": { "a": -1, "b": 1, "c": 1, "d": 1 }, "optimizer": { "type": "sgd", "lr": 0.0001 } },
            { "name": "ams", "optimizer": { "type": "adam", "lr": 0.1, "amsgrad": true, "beta2": 0.9 }, "epochs": 2 }
          ] }
        """#)
        // y = c·leaky(a·x + b) + d starting with a = −1: every unit is on the negative side.
        var a = -1.0, b = 1.0, c = 1.0, d = 1.0
        for i in xs.indices {
            let z = a * xs[i] + b
            let h = z > 0 ? z : 0.1 * z
            let err = (c * h + d) - ys[i]
            let gd = 2 * err, gc = gd * h
            let gb = z > 0 ? gd * c : gd * c * 0.1
            let ga = gb * xs[i]
            a -= 0.0001 * ga; b -= 0.0001 * gb; c -= 0.0001 * gc; d -= 0.0001 * gd
        }
        let leaky = try final(results, "leaky")
        for (got, want) in zip(leaky, [a, b, c, d]) { #expect(abs(got - want) <= 1e-12 * max(1, abs(want)), "\(got) vs \(want)") }
        #expect(leaky[0] != -1, "the leaky unit still learns where a ReLU would be dead")

        // AMSGrad as SPEC §4.3: v ← max(v, β2·v + (1 − β2)·g²), debiased Adam's step.
        var p = [1.0, 1.0], m = [0.0, 0.0], v = [0.0, 0.0], t = 0.0
        for _ in 0..<2 {
            for i in xs.indices {
                t += 1
                let err = (p[0] * xs[i] + p[1]) - ys[i]
                let g = [2 * err * xs[i], 2 * err]
                for k in 0..<2 {
                    m[k] = 0.9 * m[k] + (1 - 0.9) * g[k]
                    v[k] = max(v[k], 0.9 * v[k] + (1 - 0.9) * (g[k] * g[k]))
                    p[k] -= (0.1 / (1 - pow(0.9, t))) * m[k] / ((v[k] / (1 - pow(0.9, t))).squareRoot() + 1e-5)
                }
            }
        }
        let ams = try final(results, "ams")
        for (got, want) in zip(ams, p) { #expect(abs(got - want) <= 1e-9 * max(1, abs(want)), "\(got) vs \(want)") }
    }

    @Test func initFromTrainsAfterItsSourceWhateverTheOrder() throws {
        let json = #"""
        { "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "third", "init": { "from": "second" } }, { "name": "second", "init": { "from": "first" } }, { "name": "first" } ] }
        """#
        let study = try StudyReader().read(bytes: Array(json.utf8), file: "studies/test.json")
        #expect(StudyRunner.waves(study.runs) == [[2], [1], [0]])
        let parallel = try StudyRunner(parallelism: 4).run(study)
        var expected = (a: 1.0, b: 1.0)
        for name in ["first", "second", "third"] {
            expected = line(xs, ys, a: expected.a, b: expected.b, lr: 0.0001, epochs: 1)
            #expect(try final(parallel, name) == [expected.a, expected.b])
        }
    }
}
