import Testing
@testable import SGDCharts
import SGDEngine

@Suite struct LayoutTests {
    let epochs = (1...29).map(Double.init)

    func layout(_ chart: Chart, resolution: Double = 2) throws -> Scene {
        try chart.layout(measurer: measurer, resolution: resolution)
    }

    @Test func aNaNSplitsTheLine() throws {
        var y = epochs.map { 100 / $0 }
        y[10] = .nan
        let scene = try layout(Chart(series: [Series(name: "run", x: epochs, y: y)]))
        let lines = scene.polylines(.seriesLine(0))
        #expect(lines.count == 2)
        #expect(lines.map(\.count) == [10, 18])
        #expect(scene.allFinite)
    }

    @Test func tickLabelsOnTheWorkbooksRange() throws {
        let y = epochs.map { 150.7 * (1 - $0 / 30) }
        let scene = try layout(Chart(title: "Error", xLabel: "epoch", yLabel: "sqrt_sse", series: [Series(name: "a", x: epochs, y: y)]))
        let labels = scene.yAxis.labels
        #expect(labels.first == "0")
        #expect(labels.contains("100"))
        let values = scene.yAxis.majorTicks.map(\.value)
        let steps = Set(zip(values.dropFirst(), values).map { $0 - $1 })
        #expect(steps.count == 1 && [10.0, 20, 25, 50].contains(steps.first!))
        #expect(scene.xAxis.labels == ["5", "10", "15", "20", "25"] || scene.xAxis.labels == ["0", "5", "10", "15", "20", "25"])
    }

    @Test func theLegendAvoidsTheData() throws {
        // A falling curve fills the top left and bottom right: the legend must go top right.
        let falling = Series(name: "falling", x: epochs, y: epochs.map { 100 * _pow(0.8, $0) })
        let rising = Series(name: "also falling", x: epochs, y: epochs.map { 90 * _pow(0.85, $0) })
        let scene = try layout(Chart(series: [falling, rising]))
        let legend = try #require(scene.legendRect)
        #expect(scene.plotRect.contains(legend))
        #expect(legend.midX > scene.plotRect.midX && legend.midY < scene.plotRect.midY)
        for line in scene.polylines(.seriesLine(0)) + scene.polylines(.seriesLine(1)) {
            for i in 1..<line.count {
                #expect(!Clipping.intersects(line[i - 1], line[i], legend))
            }
        }
        for p in scene.markerPoints(.seriesMarkers(0)) + scene.markerPoints(.seriesMarkers(1)) {
            #expect(!legend.contains(p))
        }
    }

    @Test func aLegendWithNoClearCornerGoesOutside() throws {
        var generator = SeededGenerator(seed: 7)
        let noise = (0..<5000).map { _ in generator.nextUnit() }
        let scene = try layout(Chart(series: [Series(name: "noise a", y: noise), Series(name: "noise b", y: noise.reversed())]))
        let legend = try #require(scene.legendRect)
        #expect(!legend.intersects(scene.plotRect))
        #expect(Rect(x: 0, y: 0, width: 720, height: 450).contains(legend))
    }

    @Test func aLegendWithLongNamesGoesBelow() throws {
        var generator = SeededGenerator(seed: 8)
        let noise = (0..<3000).map { _ in generator.nextUnit() }
        let series = (0..<4).map { Series(name: "a very long run name number \($0) with momentum", y: noise) }
        let scene = try layout(Chart(series: series))
        let legend = try #require(scene.legendRect)
        #expect(legend.minY >= scene.plotRect.maxY)
        #expect(Rect(x: 0, y: 0, width: 720, height: 450).contains(legend))
    }

    @Test func aLogAxisDropsNonPositiveValuesAndSaysSo() throws {
        let y = [10.0, 5, 0, 2, -3, 1, 0.5, .nan]
        let scene = try layout(Chart(series: [Series(name: "a", y: y)], yScale: .log))
        #expect(scene.yAxis.hiddenCount == 2)
        #expect(scene.notes.contains("2 non-positive values not shown on the log y axis"))
        #expect(scene.texts(.note).map(\.text).contains("2 non-positive values not shown on the log y axis"))
        #expect(scene.polylines(.seriesLine(0)).count == 2)  // 10–5 and 1–0.5
        #expect(scene.markerPoints(.seriesIsolatedPoints(0)).count == 1)  // 2, alone between 0 and −3
    }

    @Test func logAndSymlogHandle1e65NextTo1() throws {
        var y = [1.0]
        while y.last! < 1e65 { y.append(y.last! * 3) }
        for scale in [Scale.log, .symlog()] {
            let scene = try layout(Chart(series: [Series(name: "explodes", y: y)], yScale: scale))
            let points = scene.polylines(.seriesLine(0)).joined().map(\.y)
            // 1 and 1e65 are both visible and far apart.
            #expect(points.max()! - points.min()! > scene.plotRect.height * 0.8)
            #expect(scene.yAxis.labels.allSatisfy { $0.count <= 5 }, "\(scene.yAxis.labels)")
            #expect(!anyOverlap(scene.labelBounds(.y)))
        }
    }

    @Test func emptyAndAllNaNChartsShowANote() throws {
        let empty = try layout(Chart(title: "nothing"))
        #expect(empty.texts(.emptyMessage).map(\.text) == ["no data"])
        let nan = try layout(Chart(series: [Series(name: "diverged", y: [.nan, .infinity, -.infinity])], yScale: .log))
        #expect(nan.texts(.emptyMessage).map(\.text) == ["no finite data"])
        // The x axis still covers the points (issue 12, item 2); the y axis has nothing to show.
        #expect(!nan.texts(.tickLabel(.x)).isEmpty && nan.texts(.tickLabel(.y)).isEmpty)
        #expect(nan.allFinite)
        let negative = try layout(Chart(series: [Series(name: "a", y: [-1, -2])], yScale: .log))
        #expect(negative.texts(.emptyMessage).map(\.text) == ["no positive data for the log scale"])
        let message = try #require(nan.texts(.emptyMessage).first)
        #expect(Swift.abs(message.bounds.midX - nan.plotRect.midX) < 1)
        #expect(Swift.abs(message.bounds.midY - nan.plotRect.midY) < 2)
    }

    @Test func aDivergenceMarkIsARuleWithALabel() throws {
        let y = (1...123).map { _pow(1.5, Double($0)) } + [.infinity]
        let scene = try layout(Chart(series: [Series(name: "lr=1", y: y, divergence: DivergenceMark(x: 124, label: "diverged at step 124"))],
                                     yScale: .log))
        let rule = try #require(scene.polylines(.divergence(0)).first)
        #expect(rule.count == 2 && rule[0].x == rule[1].x)
        #expect(Swift.abs(rule[0].x - scene.xAxis.mapping.position(of: 124)!) < 1e-9)
        let label = try #require(scene.texts(.divergenceLabel(0)).first)
        #expect(label.text == "diverged at step 124")
        #expect(scene.plotRect.contains(label.bounds))
    }

    @Test func shortSeriesGetMarkersLongOnesDoNot() throws {
        let scene = try layout(Chart(series: [Series(name: "short", y: Array(repeating: 1, count: 29) .enumerated().map { Double($0.offset) }),
                                             Series(name: "long", y: (0..<500).map { Double($0) / 20 })]))
        #expect(scene.markerPoints(.seriesMarkers(0)).count == 29)
        #expect(scene.markerPoints(.seriesMarkers(1)).isEmpty)
        let summary = try layout(Chart(series: [Series(name: "runs", x: [1e-5, 1e-4, 1e-3], y: [3, 1, .nan], style: .markers)],
                                       xScale: .log))
        #expect(summary.markerPoints(.seriesMarkers(0)).count == 2)
        #expect(summary.polylines(.seriesLine(0)).isEmpty)
    }

    @Test func smoothingDrawsAFadedRawLineUnderTheSmoothedOne() throws {
        var generator = SeededGenerator(seed: 4)
        let y = (0..<300).map { _ in generator.nextUnit() }
        let scene = try layout(Chart(series: [Series(name: "noisy", y: y)], smoothing: 0.9))
        let raw = scene.items.firstIndex { $0.role == .seriesRaw(0) }!
        let line = scene.items.firstIndex { $0.role == .seriesLine(0) }!
        #expect(raw < line)
        guard case .polyline(_, let style) = scene.items[raw].element else { Issue.record("not a polyline"); return }
        #expect(style.color.alpha < 0.5)
        let smoothed = scene.polylines(.seriesLine(0)).joined().map(\.y)
        let rawYs = scene.polylines(.seriesRaw(0)).joined().map(\.y)
        #expect(smoothed.max()! - smoothed.min()! < rawYs.max()! - rawYs.min()!)
    }

    @Test func textStaysInsideTheChartAndNothingOverlaps() throws {
        var generator = SeededGenerator(seed: 12)
        let sizes = [(720.0, 450.0), (160, 120), (400, 300), (1600, 900), (300, 800)]
        for (width, height) in sizes {
            for scales in [(Scale.linear, Scale.linear), (.log, .log), (.linear, .symlog())] {
                let y = (0..<200).map { i in (i % 2 == 0 ? 1 : -1) * _pow(10, generator.nextDouble(from: -6, to: 9)) }
                let chart = Chart(title: "A fairly long title for a small chart", xLabel: "learning rate", yLabel: "final error",
                                  series: [Series(name: "a", x: (1...200).map { Double($0) * 1e-4 }, y: y),
                                           Series(name: "b", x: (1...200).map { Double($0) * 1e-4 }, y: y.map { $0 * 3 })],
                                  xScale: scales.0, yScale: scales.1, width: width, height: height,
                                  notes: ["A note long enough to wrap when the chart is narrow, which it sometimes is."])
                let scene = try layout(chart)
                let frame = Rect(x: 0, y: 0, width: width, height: height).outset(by: 0.5)
                for run in scene.texts() where run.text != "…" {
                    #expect(frame.contains(run.bounds), "\(run.text) at \(run.bounds) in \(width)×\(height)")
                }
                #expect(!anyOverlap(scene.labelBounds(.x)), "x labels \(scene.xAxis.labels)")
                #expect(!anyOverlap(scene.labelBounds(.y)), "y labels \(scene.yAxis.labels)")
                #expect(scene.allFinite)
                #expect(scene.plotRect.width > 0 && scene.plotRect.height > 0)
            }
        }
    }

    @Test func extremeValuesNeverBreakTheScene() throws {
        let cases: [[Double]] = [
            [1, -1.7e308, 1.7e308], [1e308, -1e308], [.greatestFiniteMagnitude, 0], [.leastNonzeroMagnitude, 2 * .leastNonzeroMagnitude, 4 * .leastNonzeroMagnitude],
            [0, 0, 0], [42], [7, 7], [-1e-300, 1e-300], [1e65, 1], [.nan, 3, .nan], [-.infinity, 2, .infinity, 2.0000000001],
        ]
        for y in cases {
            for xScale in [Scale.linear, .log, .symlog()] {
                for yScale in [Scale.linear, .log, .symlog(), .symlog(linthresh: 1e-300)] {
                    let chart = Chart(title: "extreme", series: [Series(name: "a", y: y), Series(name: "b", x: y, y: y)],
                                      xScale: xScale, yScale: yScale, smoothing: 0.5)
                    let scene = try layout(chart)
                    #expect(scene.allFinite, "\(y) on \(xScale)/\(yScale)")
                    #expect(!anyOverlap(scene.labelBounds(.x)) && !anyOverlap(scene.labelBounds(.y)), "\(y) on \(xScale)/\(yScale)")
                    // Notes may count NaN values in words; numbers never print as NaN or inf.
                    for label in scene.items.filter({ $0.role != .note }).compactMap({ item -> String? in
                        if case .text(let run) = item.element { return run.text } else { return nil }
                    }) {
                        #expect(!label.lowercased().contains("nan") && !label.contains("inf"), "\(label) for \(y)")
                    }
                }
            }
        }
    }

    @Test func layoutIsDeterministic() throws {
        var generator = SeededGenerator(seed: 13)
        let y = (0..<10_000).map { _ in generator.nextUnit() }
        let chart = Chart(title: "t", series: [Series(name: "a", y: y), Series(name: "b", y: y.map { $0 * 2 })], smoothing: 0.6)
        let first = try layout(chart), second = try layout(chart)
        #expect(first == second)
    }

    @Test func invalidChartsThrowClearErrors() {
        #expect(throws: ChartError.self) { try Chart(series: [Series(name: "bad", x: [1, 2], y: [1])]).layout(measurer: measurer) }
        do {
            _ = try Chart(title: "X", width: 100_000, height: 100_000).layout(measurer: measurer)
            Issue.record("no error")
        } catch let error as ChartError {
            #expect(error.description.hasPrefix("the chart 'X' is too large: 100000×100000 px; the limit is"))
        } catch {
            Issue.record("\(error)")
        }
        #expect(throws: ChartError.self) { try Chart(smoothing: 1).layout(measurer: measurer) }
        #expect(throws: ChartError.self) { try Chart(width: 20, height: 20).layout(measurer: measurer) }
        #expect(throws: ChartError.self) { try Chart(width: .nan).layout(measurer: measurer) }
        #expect(throws: ChartError.self) { try Chart(yScale: .symlog(linthresh: 0)).layout(measurer: measurer) }
        #expect(throws: ChartError.self) { try Chart(yScale: .log, yDomain: -1...1).layout(measurer: measurer) }
        #expect(throws: ChartError.self) { try Chart().validate(scale: 100) }
        let message = ChartError.mismatchedLengths(chart: "Loss", series: "ReLU", xCount: 29, yCount: 28).description
        #expect(message == "the series 'ReLU' of the chart 'Loss' has 29 x values but 28 y values; they must pair up")
    }

    @Test func aRecordingRendererSeesEveryPrimitive() throws {
        let scene = try layout(Chart(title: "Loss", series: [Series(name: "a", y: [3, 2, 1])]))
        var recorder = RecordingRenderer()
        scene.render(into: &recorder)
        #expect(recorder.operations.first == "fill 0,0 720x450 #ffffff")
        #expect(recorder.operations.contains { $0.hasPrefix("text \"Loss\"") })
        #expect(recorder.operations.contains { $0.hasPrefix("clip ") })
        #expect(recorder.operations.contains("unclip"))
        #expect(recorder.operations.contains { $0.hasPrefix("markers 3 circle") })
    }

    @Test func aSummaryOnALogXAxis() throws {
        let lrs = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2]
        let chart = Chart(series: [Series(name: "SGD", x: lrs, y: [100, 50, 8, 30, .nan], style: .lineAndMarkers,
                                          divergence: DivergenceMark(x: 1e-2, label: "diverged"))], xScale: .log)
        let scene = try layout(chart)
        #expect(scene.xAxis.labels.allSatisfy { $0.hasPrefix("1e") })
        #expect(scene.xAxis.labels.count >= 3)
        #expect(scene.markerPoints(.seriesMarkers(0)).count == 4)
        #expect(!scene.polylines(.divergence(0)).isEmpty)
    }

    @Test func annotationsAreDrawnAndAvoided() throws {
        let chart = Chart(series: [Series(name: "a", y: (1...50).map { 1 / Double($0) })],
                          annotations: [.horizontalRule(y: 0.5, label: "target"), .verticalRule(x: 25, label: "lr drop"),
                                        .point(x: 10, y: 0.1, label: "here")])
        let scene = try layout(chart)
        #expect(scene.texts(.annotationLabel(0)).first?.text == "target")
        #expect(scene.texts(.annotationLabel(1)).first?.text == "lr drop")
        #expect(scene.texts(.annotationLabel(2)).first?.text == "here")
        if let legend = scene.legendRect {
            for label in [0, 1, 2].flatMap({ scene.texts(.annotationLabel($0)) }) {
                #expect(!legend.intersects(label.bounds))
            }
        }
    }
}
