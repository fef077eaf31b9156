import Testing
@testable import SGDCharts
import SGDEngine

@Suite struct DecimationTests {
    /// For random runs with random gaps, every device-pixel column keeps its lowest and highest
    /// point, each run keeps its first and last point, and nothing is invented or reordered.
    @Test func everyColumnKeepsItsExtremes() {
        var generator = SeededGenerator(seed: 42)
        for trial in 0..<40 {
            let count = generator.nextInteger(from: 1, through: 20_000)
            let columnWidth = [0.5, 1, 0.25][trial % 3]
            var points: [Point] = []
            var x = 0.0
            for _ in 0..<count {
                x += generator.nextDouble(from: 0, to: 0.3)
                points.append(Point(x, generator.nextDouble(from: -100, to: 100)))
            }
            var decimator = M4Decimator(columnWidth: columnWidth)
            for p in points { decimator.add(p.x, p.y) }
            let output = decimator.finishRun()

            // A subsequence of the input.
            var cursor = 0
            for p in output {
                while cursor < points.count && points[cursor] != p { cursor += 1 }
                #expect(cursor < points.count, "invented or reordered point")
                cursor += 1
            }
            #expect(output.first == points.first)
            #expect(output.last == points.last)

            var columns: [Int: (low: Double, high: Double)] = [:]
            for p in points {
                let c = Int((p.x / columnWidth).rounded(.down))
                let current = columns[c] ?? (p.y, p.y)
                columns[c] = (Swift.min(current.low, p.y), Swift.max(current.high, p.y))
            }
            var kept: [Int: (low: Double, high: Double)] = [:]
            for p in output {
                let c = Int((p.x / columnWidth).rounded(.down))
                let current = kept[c] ?? (p.y, p.y)
                kept[c] = (Swift.min(current.low, p.y), Swift.max(current.high, p.y))
            }
            #expect(kept.count == columns.count)
            for (column, extremes) in columns {
                #expect(kept[column]?.low == extremes.low && kept[column]?.high == extremes.high)
            }
            #expect(output.count <= 4 * columns.count)
        }
    }

    @Test func aMillionPointsBecomeAFewPerColumn() {
        var generator = SeededGenerator(seed: 9)
        let y = (0..<1_000_000).map { _ in generator.nextUnit() }
        let x = (0..<y.count).map(Double.init)
        let xMap = AxisMapping(transform: .linear, lower: 0, upper: 1e6, start: 50, end: 690)
        let yMap = AxisMapping(transform: .linear, lower: 0, upper: 1, start: 400, end: 20)
        let projected = Projection.project(x: x, y: y, xMap: xMap, yMap: yMap, columnWidth: 0.5,
                                           clip: Rect(x: 40, y: 10, width: 660, height: 400))
        #expect(projected.pointCount <= 4 * 1282)
        #expect(projected.pointCount >= 2 * 1280)
    }

    @Test func gapsSplitRuns() {
        let xMap = AxisMapping(transform: .linear, lower: 0, upper: 10, start: 0, end: 100)
        let yMap = AxisMapping(transform: .log, lower: 0, upper: 2, start: 100, end: 0)
        let y: [Double] = [1, 2, .nan, 3, 4, 5, .infinity, 6, -1, 7, 8]
        let projected = Projection.project(x: (0..<y.count).map(Double.init), y: y, xMap: xMap, yMap: yMap,
                                           columnWidth: 1, clip: Rect(x: -5, y: -5, width: 110, height: 110))
        #expect(projected.pieces.count == 3)
        #expect(projected.pieces.map(\.count) == [2, 3, 2])
        #expect(projected.isolated.count == 1)  // 6 sits between inf and a non-positive value
    }
}
