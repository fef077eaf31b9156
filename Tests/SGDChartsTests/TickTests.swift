import Testing
@testable import SGDCharts
import SGDEngine

@Suite struct TickTests {
    let planner = TickPlanner(measurer: measurer, font: Font(size: 11))

    @Test func zeroToOne() {
        #expect(TickLocator.linear(lower: 0, upper: 1, maxCount: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(TickLocator.linear(lower: 0, upper: 1, maxCount: 11) == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        #expect(TickLocator.linear(lower: 0, upper: 1, maxCount: 3) == [0, 0.5, 1])
    }

    @Test func zeroToTheWorkbooksError() {
        #expect(TickLocator.linear(lower: 0, upper: 150.7, maxCount: 9) == [0, 20, 40, 60, 80, 100, 120, 140])
        #expect(TickLocator.linear(lower: 0, upper: 150.7, maxCount: 4) == [0, 50, 100, 150])
        #expect(TickLocator.linear(lower: 0, upper: 150.7, maxCount: 7) == [0, 25, 50, 75, 100, 125, 150])
    }

    @Test func negativeAndOffsetRanges() {
        #expect(TickLocator.linear(lower: -1.05, upper: 1.05, maxCount: 9) == [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1])
        #expect(TickLocator.linear(lower: 997, upper: 1003, maxCount: 4) == [998, 1000, 1002])
    }

    @Test func ticksAreMultiplesOfANiceStepInsideTheRange() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<2000 {
            let exponent = Double(generator.nextInteger(from: -30, through: 30))
            let low = generator.nextDouble(from: -100, to: 100) * _pow(10, exponent)
            let high = low + generator.nextDouble(from: 0.01, to: 200) * _pow(10, exponent)
            let count = generator.nextInteger(from: 2, through: 10)
            let ticks = TickLocator.linear(lower: low, upper: high, maxCount: count)
            #expect(ticks.count <= count)
            #expect(ticks.allSatisfy { $0 >= low - Swift.abs(low) * 1e-12 && $0 <= high + Swift.abs(high) * 1e-12 })
            if ticks.count >= 2 {
                let step = ticks[1] - ticks[0]
                let mantissa = step / _pow(10, _log10(step).rounded(.down))
                #expect([1, 2, 2.5, 5, 10].contains { Swift.abs($0 - mantissa) < 1e-6 }, "step \(step)")
            }
        }
    }

    @Test func logDecadesFromAMillionthTo1e65AreThinned() {
        let axis = ResolvedAxis(axis: .y, transform: .log, lower: -6.5, upper: 65.5, hasData: true, hiddenCount: 0)
        let ticks = planner.plan(axis, length: 380)
        let labelled = ticks.filter { $0.label != nil }
        #expect(labelled.count >= 4 && labelled.count <= 11)
        let exponents = labelled.map { Int($0.t.rounded()) }
        #expect(exponents.allSatisfy { Double($0) == _log10(powerOfTen($0)) })
        let steps = Set(zip(exponents.dropFirst(), exponents).map { $0 - $1 })
        #expect(steps.count == 1 && steps.first! > 1, "\(exponents)")
        #expect(exponents.first! <= 0 && exponents.last! >= 56)
        #expect(labelled.allSatisfy { $0.label!.contains("e") })
        #expect(planner.fits(ticks, axis: axis, length: 380))
    }

    @Test func fewDecadesGetOneTwoFiveAndMinorTicks() {
        let axis = ResolvedAxis(axis: .y, transform: .log, lower: _log10(1.8), upper: _log10(160), hasData: true, hiddenCount: 0)
        let ticks = planner.plan(axis, length: 380)
        #expect(ticks.compactMap(\.label) == ["2", "5", "10", "20", "50", "100"])
        #expect(ticks.contains { $0.label == nil && Swift.abs($0.value - 3) < 1e-12 })
    }

    @Test func lessThanADecadeStillGetsTicks() {
        let axis = ResolvedAxis(axis: .y, transform: .log, lower: _log10(0.31), upper: _log10(0.52), hasData: true, hiddenCount: 0)
        let labels = planner.plan(axis, length: 300).compactMap(\.label)
        #expect(labels.count >= 2, "\(labels)")
    }

    @Test func symlogTicksAreZeroAndSignedDecades() {
        let transform = ScaleTransform.symlog(linthresh: 1)
        let axis = ResolvedAxis(axis: .y, transform: transform, lower: transform(-2e7), upper: transform(2e7),
                                hasData: true, hiddenCount: 0)
        let ticks = planner.plan(axis, length: 400).filter { $0.label != nil }
        #expect(ticks.contains { $0.value == 0 && $0.label == "0" })
        let positive = ticks.filter { $0.value > 0 }.map(\.value)
        let negative = ticks.filter { $0.value < 0 }.map { -$0.value }
        #expect(Set(positive) == Set(negative))
        #expect(positive.allSatisfy { v in Swift.abs(_log10(v) - _log10(v).rounded()) < 1e-9 })
    }

    @Test func xLabelsNeverOverlapAtAnyWidth() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            let exponent = Double(generator.nextInteger(from: -8, through: 12))
            let low = generator.nextDouble(from: -5, to: 5) * _pow(10, exponent)
            let high = low + generator.nextDouble(from: 0.1, to: 50) * _pow(10, exponent)
            let kind = generator.nextInteger(from: 0, through: 2)
            let transform: ScaleTransform = kind == 0 ? .linear : (kind == 1 ? .log : .symlog(linthresh: 1))
            let lo = kind == 1 ? _log10(Swift.abs(low) + 1e-9) : transform(low)
            let hi = kind == 1 ? lo + generator.nextDouble(from: 0.2, to: 70) : transform(high)
            let axis = ResolvedAxis(axis: .x, transform: transform, lower: lo, upper: hi, hasData: true, hiddenCount: 0)
            let length = generator.nextDouble(from: 100, to: 1400)
            let ticks = planner.plan(axis, length: length)
            let labelled = ticks.filter { $0.label != nil }
            #expect(!labelled.isEmpty)
            let rects = labelled.map { tick -> Rect in
                let centre = (tick.t - lo) / (hi - lo) * length
                let width = measurer.measure(tick.label!, font: Font(size: 11)).width
                return Rect(x: centre - width / 2, y: 0, width: width, height: 10)
            }
            #expect(!anyOverlap(rects), "\(labelled.map(\.label!)) on \(length) px")
        }
    }
}
