import Testing
@testable import SGDCharts

/// Runs that diverge at the same x, or nearly: every cross shows, each label reads, nothing
/// covers anything else (issue: two markers at one step drew on top of each other).
@Suite struct DivergenceStackTests {
    /// A run of `steps` steps whose loss grows until it is +∞ at `divergedAt` (its last step).
    func diverging(_ name: String, at divergedAt: Int) -> Series {
        let y = (1..<divergedAt).map { _pow(10, Double($0 * 6)) } + [.infinity]
        return Series(name: name, y: y, divergence: DivergenceMark(x: Double(divergedAt), label: "\(name): diverged at step \(divergedAt)"))
    }

    /// A run that trains for `steps` steps.
    func training(steps: Int) -> Series {
        Series(name: "1 neuron", y: (0..<steps).map { 1 + Double($0 % 5) })
    }

    func layout(_ series: [Series]) throws -> Scene {
        try Chart(title: "Loss per step", series: series, yScale: .log).layout(measurer: measurer, resolution: 2)
    }

    /// Every cross's box (10 px markers, 12 px boxes, as the overlay reserves them).
    func crossBoxes(_ scene: Scene, count: Int) -> [Rect] {
        (0..<count).flatMap { scene.markerPoints(.divergence($0)) }.map { Rect(x: $0.x - 6, y: $0.y - 6, width: 12, height: 12) }
    }

    func labels(_ scene: Scene, count: Int) -> [TextRun] {
        (0..<count).flatMap { scene.texts(.divergenceLabel($0)) }
    }

    /// Labels, crosses and each other: no two overlap, and all lie in the plot.
    func expectNothingCovered(_ scene: Scene, count: Int) {
        let boxes = labels(scene, count: count).map(\.bounds) + crossBoxes(scene, count: count)
        #expect(!anyOverlap(boxes), "\(boxes)")
        #expect(boxes.allSatisfy { scene.plotRect.contains($0) })
    }

    @Test(arguments: [2, 3, 5])
    func runsDivergingAtOneStepShareAGreyRuleAndStackTheirCrossesEachLabelled(count: Int) throws {
        let names = ["lr 0.01", "lr 0.01 again", "lr 0.01 once more", "lr 0.003", "lr 0.002"]
        let scene = try layout((0..<count).map { diverging(names[$0], at: 6) } + [training(steps: 58)])
        // One rule, in the annotations' grey, drawn once.
        let rules = (0..<count).flatMap { scene.elements(.divergence($0)) }.compactMap { element -> StrokeStyle? in
            if case .polyline(_, let style) = element { return style } else { return nil }
        }
        #expect(rules.count == 1)
        #expect(rules.first?.color == Theme().annotation.withAlpha(0.8))
        // One cross each, at the rule's x, one under the other in the runs' order.
        let crosses = (0..<count).map { scene.markerPoints(.divergence($0)) }
        #expect(crosses.allSatisfy { $0.count == 1 })
        let x = scene.xAxis.mapping.position(of: 6)!
        #expect(crosses.allSatisfy { Swift.abs($0[0].x - x) < 1e-9 })
        #expect(zip(crosses, crosses.dropFirst()).allSatisfy { $0[0].y < $1[0].y })
        // One label each, beside its own cross, in order.
        let texts = (0..<count).map { scene.texts(.divergenceLabel($0)) }
        #expect(texts.map { $0.map(\.text) } == (0..<count).map { ["\(names[$0]): diverged at step 6"] })
        for (label, cross) in zip(texts.map { $0[0] }, crosses.map { $0[0] }) {
            #expect(label.bounds.minY < cross.y && cross.y < label.bounds.maxY, "\(label.text) beside its cross")
        }
        expectNothingCovered(scene, count: count)
    }

    @Test func runsDivergingAFewPixelsApartKeepTheirRulesAndStack() throws {
        // Steps 8, 8 and 9 of 87: 7 px apart at most.
        let scene = try layout([diverging("lr 0.01", at: 6), diverging("lr 0.0005", at: 9), diverging("lr 0.0003", at: 8),
                                diverging("lr 0.0002", at: 8), training(steps: 87)])
        #expect((0..<4).flatMap { scene.polylines(.divergence($0)) }.count == 3, "6 and 9 of their own, 8 shared")
        let ys = (1...3).map { scene.markerPoints(.divergence($0))[0].y }
        #expect(ys == ys.sorted() && Set(ys).count == 3, "stacked")
        // Step 6 is two steps (14 px) away: a cross of its own at the top.
        #expect(scene.markerPoints(.divergence(0))[0].y == ys[0])
        #expect(labels(scene, count: 4).count == 4)
        expectNothingCovered(scene, count: 4)
    }

    @Test func aStackAtTheRightEdgeIsLabelledLeftOfItsRuleInOrder() throws {
        let scene = try layout([diverging("lr 0.01", at: 6), diverging("lr 0.01 again", at: 6), diverging("lr 0.0095", at: 6)])
        let x = scene.xAxis.mapping.position(of: 6)!
        #expect(Swift.abs(x - scene.plotRect.maxX) < 30)
        let texts = labels(scene, count: 3)
        #expect(texts.map(\.text) == ["lr 0.01: diverged at step 6", "lr 0.01 again: diverged at step 6", "lr 0.0095: diverged at step 6"])
        #expect(texts.allSatisfy { $0.bounds.maxX < x })
        #expect(zip(texts, texts.dropFirst()).allSatisfy { $0.bounds.maxY <= $1.bounds.minY })
        expectNothingCovered(scene, count: 3)
    }

    @Test func divergencesFarApartAreDrawnAsBefore() throws {
        let scene = try layout([diverging("lr 0.01", at: 6), diverging("lr 0.001", at: 40), training(steps: 60)])
        #expect(scene.markerPoints(.divergence(0))[0].y == scene.markerPoints(.divergence(1))[0].y)
        #expect(scene.polylines(.divergence(0)).count == 1 && scene.polylines(.divergence(1)).count == 1)
        expectNothingCovered(scene, count: 2)
    }

    @Test func pastSixDivergencesTheCrossesStillStackUnlabelled() throws {
        let scene = try layout((0..<8).map { diverging("lr \($0)", at: 6) } + [training(steps: 58)])
        #expect(labels(scene, count: 8).isEmpty)
        let ys = (0..<8).map { scene.markerPoints(.divergence($0))[0].y }
        #expect(Set(ys).count == 8)
        #expect(!anyOverlap(crossBoxes(scene, count: 8)))
    }
}
