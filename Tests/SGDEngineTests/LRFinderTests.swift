import Foundation
import Testing
import TestSupport
@testable import SGDEngine

/// fastai's learning-rate finder (fastai/fastai, `fastai/callback/schedule.py`: `LRFinder`,
/// `lr_find`, `valley`, `slide`, `minimum`, `steep`; `fastai/learner.py`: `AvgSmoothLoss`).
@Suite struct LRFinderTests {
    @Test func ratesAreFastaiExponential() {
        let finder = LRFinder()
        #expect(finder.rate(batch: 0) == 1e-07)
        #expect(finder.rate(batch: 1) == 1.202264434617413e-07)
        #expect(finder.rate(batch: 2) == 1.4454397707459274e-07)
        #expect(finder.rate(batch: 50) == 0.001)
        #expect(finder.rate(batch: 99) == 8.317637711026709)
        #expect(LRFinder(numIt: 3).numIt == 6)
        #expect(finder.epochs(batchesPerEpoch: 29) == 4)
        #expect(finder.epochs(batchesPerEpoch: 100) == 2)
    }

    @Test func smoothingIsTorchLerpDebiased() {
        var smoother = SmoothedLoss()
        var average = 0.0
        for (n, loss) in [4.0, 3.5, 9.25, 1e-3].enumerated() {
            // torch.lerp(loss, avg, 0.98) for weight ≥ 0.5: avg − (avg − loss)·(1 − 0.98).
            average = average - (average - loss) * (1 - 0.98)
            #expect(smoother.add(loss) == average / (1 - pow(0.98, Double(n + 1))))
        }
        var first = SmoothedLoss()
        #expect(abs(first.add(5) - 5) < 1e-15)
    }

    func curve() throws -> (lrs: [Double], losses: [Double]) {
        let rows = try Repository.fixtureRows("lrfind-curve.csv")
        return (rows.map { Double($0["lr"]!)! }, rows.map { Double($0["smooth_loss"]!)! })
    }

    /// The values fastai's functions give on the fixture curve (numpy 2.4, float32; see
    /// Tests/Fixtures/README.md).
    @Test func suggestionsMatchFastaiOnTheFixtureCurve() throws {
        let (lrs, losses) = try curve()
        #expect(lrs.count == 100)
        let suggestions = LRFinder().suggestions(lrs: lrs, losses: losses)
        #expect(suggestions.valley == 0.0003311311302240938)
        #expect(suggestions.slide == 3.630780702224001e-05)
        #expect(suggestions.minimum == 0.0019054606556892395)
        #expect(suggestions.steep == 0.00010964782268274575)
        // The marked points: minimum's at ten times its suggestion, on the curve's lowest point.
        #expect(suggestions.points["minimum"]?.lr == 0.019054606556892395)
        let window = Array(losses[10..<95]).map { Float($0) }
        #expect(suggestions.points["minimum"]?.loss == Double(window.min()!))
    }

    /// The same from the formulas, independently: points 10 … n−6 in float32; minimum is a tenth of
    /// the lowest loss's rate; steep the start of the steepest fall per unit of ln lr.
    @Test func minimumAndSteepFromTheirDefinitions() throws {
        let (lrs, losses) = try curve()
        let l = lrs[10..<95].map { Float($0) }, s = losses[10..<95].map { Float($0) }
        let lowest = s.indices.min { s[$0] < s[$1] }!
        #expect(LRFinder().suggestions(lrs: lrs, losses: losses).minimum == Double(l[lowest]) / 10)
        var steepest = 0
        var best = Float.infinity
        for i in 0..<(s.count - 1) {
            let slope = (s[i + 1] - s[i]) / (logf(l[i + 1]) - logf(l[i]))
            if slope < best { best = slope; steepest = i }
        }
        #expect(LRFinder().suggestions(lrs: lrs, losses: losses).steep == Double(l[steepest]))
    }

    /// valley on a hand-made curve: 1, 9, 8, 7, 6, 5, 4, 10: the longest decreasing run is 9 … 4
    /// (length 6, ending at index 6, so maxStart = 6 − 6 = 0); s = 2, index 0 + 2 + 1 = 3.
    @Test func valleyByHand() {
        let lrs: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]
        let losses: [Float] = [1, 9, 8, 7, 6, 5, 4, 10]
        let (lr, loss) = LRFinder.valley(lrs, losses)!
        #expect(lr == 4)
        #expect(loss == 7)
    }

    /// Too few points: fastai's slide needs 16 and would raise; we give nil, not a crash.
    @Test func shortCurvesGiveNoSlide() {
        let rates = (0..<20).map { LRFinder().rate(batch: $0) }
        let losses = (0..<20).map { 5 - Double($0) * 0.1 }
        let suggestions = LRFinder().suggestions(lrs: rates, losses: losses)
        #expect(suggestions.slide == nil)
        #expect(suggestions.minimum != nil)
        let none = LRFinder().suggestions(lrs: Array(rates.prefix(12)), losses: Array(losses.prefix(12)))
        #expect(none.valley == nil && none.slide == nil && none.minimum == nil && none.steep == nil)
    }

    /// A NaN cuts the curve there, as fastai drops everything from the first NaN.
    @Test func nanCutsTheCurve() throws {
        var (lrs, losses) = try curve()
        losses[40] = .nan
        let cut = LRFinder().suggestions(lrs: lrs, losses: losses)
        let prefix = LRFinder().suggestions(lrs: Array(lrs.prefix(45)), losses: Array(losses.prefix(40)) + [1, 1, 1, 1, 1])
        #expect(cut.minimum == prefix.minimum)
        #expect(cut.steep == prefix.steep)
    }
}
