import Testing
@testable import SGDCharts
import SGDEngine

/// A chart too small for its legend or axis titles says so: a note under it when one fits, and
/// always in the notes the alt text gives. (Issue: a 160×120 chart of 6 series dropped its legend
/// and axis titles with no note, and its alt text did not say so.)
@Suite struct OmissionTests {
    static let longNames = ["a run with a very long name that will not fit in a legend of a small chart",
                            "另一个名字很长的运行，用于测试图例的换行和截断行为"]

    func chart(width: Double, height: Double, runs: [String], quantities: [String] = ["a", "b", "squared error"]) -> Chart {
        var generator = SeededGenerator(seed: 5)
        var series: [Series] = []
        for run in runs {
            for quantity in quantities {
                series.append(Series(name: "\(run) · \(quantity)", y: (0..<58).map { _ in _pow(10, generator.nextDouble(from: -1, to: 4)) }))
            }
        }
        return Chart(title: "A tiny chart whose title is much longer than the chart is wide, really", xLabel: "step",
                     yLabel: quantities.joined(separator: ", "), series: series, yScale: .log, width: width, height: height)
    }

    @Test func theSmallestChartSaysWhatItLeftOut() throws {
        let chart = chart(width: 160, height: 120, runs: Self.longNames)
        let scene = try chart.layout(measurer: measurer, resolution: 2)
        #expect(scene.legendRect == nil)
        #expect(scene.texts(.axisLabel(.x)).isEmpty && scene.texts(.axisLabel(.y)).isEmpty)
        #expect(scene.notes.contains("6 series: no room for a legend (the page's alt text lists them)"))
        #expect(scene.notes.contains("Not drawn for lack of room: the axis titles and the notes"))
        let alt = try chart.altText(scene: scene)
        #expect(alt.contains("6 series: no room for a legend"), "\(alt)")
        #expect(alt.contains("Not drawn for lack of room: the axis titles and the notes"), "\(alt)")
    }

    @Test func aLegendThatCannotFitGetsANoteUnderTheChartWhenOneFits() throws {
        let chart = chart(width: 160, height: 300, runs: Self.longNames)
        let scene = try chart.layout(measurer: measurer, resolution: 2)
        #expect(scene.legendRect == nil)
        #expect(!scene.texts(.axisLabel(.x)).isEmpty)
        let drawn = scene.texts(.note).map(\.text).joined(separator: " ")
        #expect(drawn.contains("no room for a legend"), "notes drawn: \(drawn)")
        #expect(!scene.notes.contains { $0.hasPrefix("Not drawn") }, "\(scene.notes)")
    }

    /// Sizes from the smallest allowed up, few and many series, short and long names: whatever a
    /// chart leaves out is named, and nothing it draws is said to be missing.
    @Test func whateverIsLeftOutIsNamed() throws {
        for width in [160.0, 200, 260, 400] {
            for height in [120.0, 150, 200, 300] {
                for runs in [Self.longNames, ["a", "b"], ["run one", "run two", "run three"]] {
                    for quantities in [["loss"], ["a", "b", "loss"]] {
                        let chart = chart(width: width, height: height, runs: runs, quantities: quantities)
                        let scene = try chart.layout(measurer: measurer, resolution: 2)
                        let what = "\(width)×\(height), \(runs.count) runs × \(quantities)"
                        let legendNote = scene.notes.contains { $0.contains("for a legend") }
                        #expect((scene.legendRect == nil) == legendNote, "legend \(String(describing: scene.legendRect)), notes \(scene.notes) in \(what)")
                        let titlesDrawn = !scene.texts(.axisLabel(.x)).isEmpty
                        #expect(titlesDrawn != scene.notes.contains { $0.hasPrefix("Not drawn") && $0.contains("axis titles") },
                                "\(scene.notes) in \(what)")
                        let notesDrawn = !scene.texts(.note).isEmpty
                        let hasNotes = scene.notes.contains { !$0.hasPrefix("Not drawn") }
                        #expect(!hasNotes || notesDrawn != scene.notes.contains { $0.hasPrefix("Not drawn") && $0.contains("the notes") },
                                "\(scene.notes) in \(what)")
                    }
                }
            }
        }
    }
}
