import Testing
import SGDCharts
import SGDStudy
@testable import SGDReport

/// Names in a right-to-left script are isolated where chart text and the page compose them
/// (`BidiText`): a legend entry, a dot plot's row, a note keep their Latin parts after the name;
/// a swept run's base name is isolated before its settings; Latin names are left as they are.
@Suite struct BidiChartTextTests {
    static let study = #"""
        { "data": "graddesc", "defaults": { "epochs": 1, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [
            { "name": "تجربة", "sweep": { "lr": [0.0001, 0.0002] } },
            { "name": "ניסוי (ReLU)", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] } },
            { "name": "line" },
            { "name": "تباعد", "epochs": 5, "optimizer": { "type": "sgd", "lr": 0.01 } }
          ],
          "charts": [
            { "title": "Weights", "y": ["a", "b"], "runs": ["تجربة lr=0.0001", "ניסוי (ReLU)", "line"] },
            { "title": "Final error", "per": "run", "x": "run", "runs": ["تجربة lr=0.0002", "line", "تباعد"] },
            { "title": "خطأ لكل خطوة", "y": ["loss"], "runs": ["line"] }
          ] }
        """#

    static func isolated(_ text: String) -> String { "\u{2068}" + text + "\u{2069}" }

    @Test func chartTextIsolatesTheNames() throws {
        let results = try trainedStudy(Self.study)
        let weights = ChartAssembler.chart(for: results.study.charts[0], results: results)
        #expect(weights.series.map(\.name) == [
            Self.isolated("تجربة") + " lr=0.0001 · a", Self.isolated("تجربة") + " lr=0.0001 · b",
            Self.isolated("ניסוי (ReLU)") + " · a", Self.isolated("ניסוי (ReLU)") + " · b",
            "line · a", "line · b",
        ])
        let rows = ChartAssembler.chart(for: results.study.charts[1], results: results)
        #expect(rows.yCategories == [Self.isolated("تجربة") + " lr=0.0002", "line", Self.isolated("تباعد") + " (diverged)"])
        #expect(rows.notes.contains { $0.hasPrefix("“" + Self.isolated("تباعد") + "” diverged at step ") }, "\(rows.notes)")
        // The title is the study's text as written: the layout isolates each line it draws.
        #expect(ChartAssembler.chart(for: results.study.charts[2], results: results).title == "خطأ لكل خطوة")
        // Run names in the data: as written.
        #expect(results.study.runs.map(\.name).contains("تجربة lr=0.0001"))
    }

    @Test func thePageIsolatesTheNamesAndTitles() throws {
        let page = try pageModel(Self.study)
        #expect(page.runs.map(\.name) == [
            Self.isolated("تجربة") + " lr=0.0001", Self.isolated("تجربة") + " lr=0.0002", Self.isolated("ניסוי (ReLU)"), "line", Self.isolated("تباعد"),
        ])
        #expect(page.charts.map(\.title) == ["Weights", "Final error", Self.isolated("خطأ لكل خطوة")])
        #expect(page.title == "test")
    }
}
