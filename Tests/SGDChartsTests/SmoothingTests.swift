import Testing
@testable import SGDCharts
import SGDEngine

/// TensorBoard's line chart `data_transformer` tests, exactly.
@Suite struct SmoothingTests {
    @Test func decreasingSeries() {
        #expect(Smoothing.tensorBoard([1, 0.5, 0], weight: 0.6) == [1, 0.6875, 0.336734693877551])
    }

    @Test func increasingSeries() {
        #expect(Smoothing.tensorBoard([0, 0.5, 1], weight: 0.6) == [0, 0.3125, 0.6632653061224489])
    }

    @Test func nonFinitePointsPassThroughAndDoNotCount() {
        let smoothed = Smoothing.tensorBoard([-.infinity, 1, .nan, .infinity, 0.5], weight: 0.6)
        #expect(smoothed.count == 5)
        #expect(smoothed[0] == -.infinity)
        #expect(smoothed[1] == 1)
        #expect(smoothed[2].isNaN)
        #expect(smoothed[3] == .infinity)
        #expect(smoothed[4] == 0.6875)
    }

    @Test func constantSeriesIsUnchanged() {
        let values = Array(repeating: 0.1, count: 50)
        #expect(Smoothing.tensorBoard(values, weight: 0.99) == values)
    }

    @Test func weightZeroIsTheIdentity() {
        let values = [3.0, -1, 2.5, 1e10]
        #expect(Smoothing.tensorBoard(values, weight: 0) == values)
    }

    @Test func longSeriesMatchesThePowFormula() {
        // Past the point where sⁿ underflows the debias factor is exactly 1.
        var generator = SeededGenerator(seed: 11)
        let values = (0..<5000).map { _ in generator.nextUnit() }
        let smoothed = Smoothing.tensorBoard(values, weight: 0.9)
        var last = 0.0
        for (i, v) in values.enumerated() {
            last = last * 0.9 + (1 - 0.9) * v
            #expect(smoothed[i] == last / (1 - _pow(0.9, Double(i + 1))))
        }
    }

    @Test func emptySeries() {
        #expect(Smoothing.tensorBoard([], weight: 0.5) == [])
    }
}
