import Testing
@testable import SGDCharts

@Suite struct ClippingTests {
    let rect = Rect(x: 50, y: 20, width: 600, height: 380)

    @Test func aSegmentToATrillionIsCutAtTheEdge() {
        var pieces: [[Point]] = []
        Clipping.clip(polyline: [Point(0, 0), Point(1e12, 1e12)], to: rect, into: &pieces)
        #expect(pieces.count == 1)
        for p in pieces[0] {
            #expect(rect.outset(by: 1e-9).contains(p), "\(p)")
        }
        // It still lies on the diagonal.
        #expect(pieces[0].allSatisfy { Swift.abs($0.x - $0.y) < 1e-6 })
    }

    @Test func segmentsThatMissAreDropped() {
        #expect(Clipping.clip(Point(0, 0), Point(10, 10), to: rect) == nil)
        #expect(Clipping.clip(Point(-1e300, 500), Point(1e300, 500), to: rect) == nil)
        #expect(Clipping.clip(Point(60, 30), Point(70, 40), to: rect)! == (0, 1))
    }

    @Test func outAndBackInMakesTwoPieces() {
        var pieces: [[Point]] = []
        let points = [Point(100, 100), Point(200, 1e9), Point(300, 100), Point(400, 120)]
        Clipping.clip(polyline: points, to: rect, into: &pieces)
        #expect(pieces.count == 2)
        #expect(pieces[0].first == Point(100, 100))
        #expect(Swift.abs(pieces[0].last!.y - rect.maxY) < 1e-6)
        #expect(pieces[1].last == Point(400, 120))
        #expect(pieces.joined().allSatisfy { rect.outset(by: 1e-6).contains($0) })
    }

    @Test func hugeValuesInALayoutStayNearThePlot() throws {
        let y: [Double] = [1, 2, 1e12, 3, -1e300, 4, 1.7e308, 5]
        let chart = Chart(title: "huge", series: [Series(name: "a", y: y)], yDomain: 0...10)
        let scene = try chart.layout(measurer: measurer)
        let near = scene.plotRect.outset(by: 10)
        let lines = scene.polylines(.seriesLine(0))
        #expect(!lines.isEmpty)
        for p in lines.joined() { #expect(near.contains(p), "\(p)") }
    }
}
