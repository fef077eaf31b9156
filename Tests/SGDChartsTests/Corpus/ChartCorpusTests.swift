import Testing
@testable import SGDCharts

/// Issue 12's corpus: chart inputs that other plotting tools drew misleadingly, with variants,
/// each checked on the laid-out scene (labels, ranges, marks, notes) and on the alt text.
@Suite struct ChartCorpusTests {
    func scene(_ chart: Chart) throws -> Scene {
        let scene = try chart.layout(measurer: measurer, resolution: 2)
        #expect(scene.allFinite)
        return scene
    }

    /// Reads a label written in the axis's notation back as a value.
    func value(of label: String, offset text: String?) -> Double? {
        let plain = label.replacing("\u{2212}", with: "-")
        guard let number = Double(plain) else { return nil }
        guard let text else { return number }
        // "label × 1e−10 + 2" / "label − 3" / "label × 1e−8 − 3"
        let t = text.replacing("\u{2212}", with: "-")
        var factor = 1.0, offset = 0.0
        if let range = t.firstRange(of: "× 1e") {
            let rest = t[range.upperBound...]
            let exponent = rest.prefix { $0 == "-" || $0.isNumber }
            factor = Double("1e" + exponent) ?? 1
        }
        if let range = t.firstRange(of: " + ") { offset = Double(t[range.upperBound...]) ?? 0 }
        else if let range = t.firstRange(of: " - ") { offset = -(Double(t[range.upperBound...]) ?? 0) }
        return offset + number * factor
    }

    // MARK: 1. Tick labels differ and read back as their values

    @Test(arguments: [
        [2.0000000004, 2.0000000003, 2.0000000002, 2.00000000015, 2.0000000001, 2.00000000008],
        [1_000_000.0004, 1_000_000.0003, 1_000_000.0001, 1_000_000.00005],
        [-3.00000005, -3.00000004, -3.00000002, -3.00000001],
        [0.1, 0.10000000001, 0.10000000003, 0.10000000004],
        [1e6 + 1e-4, 1e6 + 5e-4],
        [123_456_789.125, 123_456_789.5, 123_456_789.75],
    ])
    func tickLabelsDifferAndReadBack(values: [Double]) throws {
        let s = try scene(Chart(title: "converged", series: [Series(name: "w", y: values)]))
        let labels = s.yAxis.labels
        #expect(labels.count >= 2, "\(labels)")
        #expect(Set(labels).count == labels.count, "\(labels)")
        let step = s.yAxis.majorTicks.count > 1 ? Swift.abs(s.yAxis.majorTicks[1].value - s.yAxis.majorTicks[0].value) : 1
        for tick in s.yAxis.majorTicks {
            let read = try #require(value(of: tick.label!, offset: s.yAxis.offsetText), "\(tick.label!)")
            #expect(Swift.abs(read - tick.value) <= step / 10, "\(tick.label!) with \(s.yAxis.offsetText ?? "-") for \(tick.value)")
        }
        // The offset is drawn on the chart and said in the alt text.
        if let offset = s.yAxis.offsetText {
            #expect(s.texts(.axisOffset(.y)).map(\.text) == [offset])
            #expect(try Chart(title: "converged", series: [Series(name: "w", y: values)]).altText().contains(offset))
        }
    }

    @Test func theIssuesExampleGetsAnOffsetOf2() throws {
        let s = try scene(Chart(series: [Series(name: "w", y: [2.0000000004, 2.0000000003, 2.0000000002,
                                                              2.00000000015, 2.0000000001, 2.00000000008])]))
        #expect(s.yAxis.offsetText == "label × 1e\u{2212}10 + 2")
        #expect(!s.yAxis.labels.contains("2"))
    }

    @Test func ordinaryAxesKeepWholeLabels() throws {
        let s = try scene(Chart(series: [Series(name: "w", y: [0, 50, 100, 150])]))
        #expect(s.yAxis.offsetText == nil)
        #expect(s.texts(.axisOffset(.y)).isEmpty)
        #expect(s.yAxis.labels.contains("100"))
    }

    // MARK: 2. Non-finite values: axis covers them, ±∞ marked, NaN a gap, counted in a note

    @Test func logOfMinus3To1() throws {
        let xs: [Double] = [-3, -2, -1, 0, 1]
        let chart = Chart(title: "log", series: [Series(name: "log", x: xs, y: xs.map { $0 < 0 ? .nan : ($0 == 0 ? -.infinity : 0) })])
        let s = try scene(chart)
        #expect(s.xAxis.mapping.domain.lowerBound <= -3 && s.xAxis.mapping.domain.upperBound >= 1)
        let marks = s.markerPoints(.nonFinite(0))
        #expect(marks.count == 1)
        #expect(Swift.abs(marks[0].x - s.xAxis.mapping.position(of: 0)!) < 0.01)
        #expect(marks[0].y > s.plotRect.midY)  // at the bottom edge
        #expect(s.notes.contains("log: 3 NaN values left as gaps; 1 value \u{2212}∞ marked ▼ at the bottom edge"))
        let alt = try chart.altText()
        #expect(alt.contains("3 NaN values"))
        #expect(alt.contains("from \u{2212}3 to 1"))
    }

    @Test func infinityInTheMiddleSplitsTheLineAndIsMarkedAtTheTop() throws {
        let chart = Chart(series: [Series(name: "loss", y: [1, 2, .infinity, 3, 4])])
        let s = try scene(chart)
        #expect(s.polylines(.seriesLine(0)).count == 2)
        let marks = s.markerPoints(.nonFinite(0))
        #expect(marks.count == 1 && marks[0].y < s.plotRect.midY)
        #expect(Swift.abs(marks[0].x - s.xAxis.mapping.position(of: 3)!) < 0.01)
        #expect(s.notes.contains("loss: 1 value +∞ marked ▲ at the top edge"))
    }

    @Test func allNaNSaysSoAndKeepsTheXAxis() throws {
        let chart = Chart(series: [Series(name: "s", x: [-3, -2, -1], y: [.nan, .nan, .nan])])
        let s = try scene(chart)
        #expect(s.texts(.emptyMessage).first?.text == "no finite data")
        #expect(s.notes == ["s: 3 NaN values left as gaps"])
        #expect(!s.xAxis.labels.isEmpty)
        #expect(try chart.altText().contains("The plot shows no finite data"))
    }

    @Test func minusInfinityOnly() throws {
        let s = try scene(Chart(series: [Series(name: "s", x: [1, 2], y: [-.infinity, -.infinity])]))
        #expect(s.markerPoints(.nonFinite(0)).count == 2)
        #expect(s.notes == ["s: 2 values \u{2212}∞ marked ▼ at the bottom edge"])
    }

    @Test func ewmaOverflowIsMarked() throws {
        var ewma: [Double] = []
        var m = 0.0
        for _ in 0..<4 { m = 0.9 * m + 1e308; ewma.append(m) }
        let s = try scene(Chart(series: [Series(name: "value", y: [1e308, 1e308, 1e308, 1e308]), Series(name: "EWMA", y: ewma)]))
        #expect(s.markerPoints(.nonFinite(1)).count == ewma.filter { $0 == .infinity }.count)
        #expect(s.markerPoints(.nonFinite(1)).count >= 2)
    }

    @Test func nonFiniteOnALogAxisIsMarkedToo() throws {
        let s = try scene(Chart(series: [Series(name: "e", y: [1, 10, .infinity])], yScale: .log))
        #expect(s.markerPoints(.nonFinite(0)).count == 1)
        #expect(s.xAxis.mapping.domain.upperBound >= 3)
    }

    // MARK: 3. Near the largest double

    @Test(arguments: [[1e308, 1e308, 1e308], [1e308, -1e308, 1e308], [1e308, 1, 1e308, 1],
                      [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude]])
    func valuesNearTheLargestDoubleAreDrawnInside(values: [Double]) throws {
        let s = try scene(Chart(series: [Series(name: "v", y: values)]))
        #expect(s.yAxis.majorTicks.count >= 2, "\(s.yAxis.labels)")
        #expect(s.texts(.emptyMessage).isEmpty)
        let domain = s.yAxis.mapping.domain
        for v in values { #expect(domain.contains(v), "\(v) outside \(domain)") }
        let points = s.markerPoints(.seriesMarkers(0))
        #expect(points.count == values.count)
        for p in points { #expect(s.plotRect.outset(by: 1).contains(p)) }
    }

    // MARK: 6. Symlog threshold follows the small magnitudes

    @Test func symlogThresholdFollowsSmallValues() throws {
        let growth = (0..<30).map { _pow(10, 26 * Double($0) / 29) } + [-1e77]
        let chart = Chart(series: [Series(name: "w", y: growth)], yScale: .symlog())
        let s = try scene(chart)
        #expect(s.yAxis.mapping.transform.linthresh <= 10)
        #expect(s.notes.contains { $0.hasPrefix("y axis: symmetric log, linear within ±") && !$0.contains("e64") })
        // Before the jump the line climbs: the first and the 30th point are far apart on screen.
        let first = s.yAxis.mapping.position(of: growth[0])!, thirtieth = s.yAxis.mapping.position(of: growth[29])!
        #expect(first - thirtieth > s.plotRect.height / 5)
        #expect(try chart.altText().contains("symmetric log scale, linear within ±"))
    }

    @Test func symlogVariantWithTinyValues() throws {
        let values: [Double] = [1e-9, -2e-9, 5e-8, 3e-3, -4e5, 0]
        let s = try scene(Chart(series: [Series(name: "g", y: values)], yScale: .symlog()))
        #expect(s.yAxis.mapping.transform.linthresh <= 1e-9)
    }

    // MARK: 8. Long titles wrap; few log values get ticks at the values

    @Test func longTitlesWrapOntoTwoLines() throws {
        let title = "Final error against the number of units in the hidden layer for a ReLU network like in the workbook"
        let s = try scene(Chart(title: title, series: [Series(name: "e", y: [1, 2])]))
        let lines = s.texts(.title)
        #expect(lines.count == 2)
        #expect(lines.map(\.text).joined(separator: " ") == title)
        #expect(!anyOverlap(lines.map(\.bounds)))
        for line in lines { #expect(line.bounds.maxX <= s.size.width && line.bounds.minX >= 0) }
    }

    @Test func shortTitlesStayOneLine() throws {
        #expect(try scene(Chart(title: "Loss", series: [Series(name: "e", y: [1, 2])])).texts(.title).count == 1)
    }

    @Test(arguments: [[1.0, 2, 4, 8, 16, 32], [1e-6, 1e-5, 1e-4, 1e-3], [3.0, 30, 300]])
    func fewLogValuesAreTheTicks(xs: [Double]) throws {
        let s = try scene(Chart(series: [Series(name: "e", x: xs, y: xs.map { $0 + 1 }, style: .lineAndMarkers)], xScale: .log))
        #expect(s.xAxis.majorTicks.map(\.value) == xs)
    }

    // MARK: 9. Alt text

    @Test func altTextNamesKindAxesSeriesAndNotes() throws {
        let chart = Chart(title: "Error per epoch", xLabel: "epoch", yLabel: "√SSE",
                          series: [Series(name: "lr=1e-5", y: [3, 2, 1]),
                                   Series(name: "lr=1e-3", y: [3, 40, .infinity],
                                          divergence: DivergenceMark(x: 3, label: "lr=1e-3: diverged at step 87"))],
                          yScale: .log)
        let alt = try chart.altText()
        #expect(alt.hasPrefix("Line chart: Error per epoch."))
        #expect(alt.contains("x axis: epoch, linear scale, from 1 to 3."))
        #expect(alt.contains("y axis: √SSE, log scale, from 1 to 40."))
        #expect(alt.contains("2 series: lr=1e-5, lr=1e-3."))
        #expect(alt.contains("lr=1e-3: diverged at step 87"))
        // The +∞ where the run diverged is told by its divergence, not counted again.
        #expect(!alt.contains("+∞"))
    }

    @Test func altTextCountsHiddenValuesAndScatter() throws {
        let alt = try Chart(series: [Series(name: "p", x: [1, 2, 3], y: [-1, 2, 3], style: .markers)], yScale: .log).altText()
        #expect(alt.hasPrefix("Scatter plot."))
        #expect(alt.contains("1 non-positive value not shown on the log y axis"))
    }
}
