import Foundation
import Testing
import SGDCharts
import SGDStudy
@testable import SGDReport

/// Names in a right-to-left script are isolated where chart text and the page compose them
/// (`BidiText`): a legend entry, a dot plot's row, a note keep their Latin parts after the name;
/// a swept run's base name is isolated before its settings; Latin names are left as they are.
@Suite struct BidiChartTextTests {
    static let study = #"""
        { "title": "دراسة (SGD)", "data": "graddesc", "defaults": { "epochs": 1, "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [
            { "name": "تجربة", "sweep": { "lr": [0.0001, 0.0002] } },
            { "name": "ניסוי (ReLU)", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] } },
            { "name": "line" },
            { "name": "تباعد", "epochs": 5, "optimizer": { "type": "sgd", "lr": 0.01 } }
          ],
          "charts": [
            { "title": "Weights", "y": ["a", "b"], "runs": ["تجربة lr=0.0001", "ניסוי (ReLU)", "line"] },
            { "title": "Final error", "per": "run", "x": "run", "runs": ["تجربة lr=0.0002", "line", "تباعد"] },
            { "title": "خطأ لكل خطوة", "y": ["loss"], "runs": ["line"] },
            { "title": "Against one", "per": "run", "x": "run", "y": ["sqrt_sse", "mse"], "runs": ["line", "تجربة lr=0.0001"], "reference": "تجربة lr=0.0001" },
            { "title": "From a run", "signal": "مشتق" }
          ],
          "signals": [ { "name": "مشتق", "from": { "run": "تجربة lr=0.0002", "column": "grad_b" }, "ewma": { "beta": 0.9 } } ] }
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

    /// A swept run is one name wherever a chart shows it: its base name isolated, its settings
    /// after it — in a dot plot's rows and as its reference, in a signal taken from it.
    @Test func aSweptRunReadsTheSameAsAReferenceAndASignalSource() throws {
        let results = try trainedStudy(Self.study)
        let reference = ChartAssembler.chart(for: results.study.charts[3], results: results)
        #expect(reference.series.map(\.name) == [
            "final √SSE", "final MSE",
            Self.isolated("تجربة") + " lr=0.0001 · √SSE (reference)", Self.isolated("تجربة") + " lr=0.0001 · MSE (reference)",
        ])
        let signal = ChartAssembler.chart(for: results.study.charts[4], results: results)
        #expect(signal.series.first?.name == "∂E/∂b (" + Self.isolated("تجربة") + " lr=0.0002)", "\(signal.series.map(\.name))")
    }

    /// The page isolates names with markup, never with U+2068/U+2069: a name copied from the page
    /// into a study is the name itself. Content has `<bdi>`; `<title>` and attributes
    /// (alt text, tooltips) have the text alone.
    @Test func thePageIsolatesNamesWithMarkupNotCharacters() throws {
        let page = try pageModel(Self.study)
        #expect(page.runs.map(\.name) == ["تجربة lr=0.0001", "تجربة lr=0.0002", "ניסוי (ReLU)", "line", "تباعد"])
        #expect(page.runs.map(\.nameHTML) == [
            "<bdi>تجربة</bdi> lr=0.0001", "<bdi>تجربة</bdi> lr=0.0002", "<bdi>ניסוי (ReLU)</bdi>", "line", "<bdi>تباعد</bdi>",
        ])
        #expect(page.charts.map(\.title) == ["Weights", "Final error", "خطأ لكل خطوة", "Against one", "From a run"])
        #expect(page.charts[2].titleHTML == "<bdi>خطأ لكل خطوة</bdi>" && page.charts[0].titleHTML == "Weights")
        #expect(page.title == "دراسة (SGD)" && page.titleHTML == "<bdi>دراسة (SGD)</bdi>")
        #expect(page.signals.first?.noteHTML == "the signal “<bdi>مشتق</bdi>”: t, x, value, ewma")

        let templates = try ReportTemplates.load(directory: templatesFolder.path)
        let html = try templates.studyPage(pageInput(Self.study))
        #expect(!html.unicodeScalars.contains { $0 == "\u{2068}" || $0 == "\u{2069}" }, "the page has no isolate characters")
        #expect(html.contains("<title>دراسة (SGD)</title>"))
        #expect(html.contains("<h1><bdi>دراسة (SGD)</bdi></h1>"))
        #expect(html.contains("<h3><bdi>خطأ لكل خطوة</bdi></h3>"))
        #expect(html.contains(#"<span class="run-name"><bdi>تجربة</bdi> lr=0.0001</span>"#))
        #expect(html.contains(#"<span class="file-run"><bdi>ניסוי (ReLU)</bdi></span>"#))
        #expect(html.contains(#"<span class="run-name">line</span>"#), "a Latin name has no markup")
        #expect(html.contains("the signal “<bdi>مشتق</bdi>”: t, x, value, ewma"))
        // The alt text (an attribute) names the runs as written, though the chart's text isolates them.
        let results = try trainedStudy(Self.study)
        let definition = results.study.charts[0]
        let chart = ChartAssembler.chart(for: definition, results: results)
        let alt = ChartAssembler.altText(for: chart, definition: definition, results: results)
        #expect(alt.unicodeScalars.contains("\u{2068}"), "the chart's own text is isolated")
        let figure = StudyPageBuilder.figure(ChartOnPage(definition: definition, pngPath: "charts/w.png", svgPath: nil, width: 720, height: 450, alt: alt))
        #expect(figure.image?.alt.contains("تجربة lr=0.0001 · a, تجربة lr=0.0001 · b, ניסוי (ReLU) · a") == true, "\(figure.image?.alt ?? "")")
        #expect(figure.image?.alt == BidiText.withoutIsolates(alt))
    }

    /// The index of studies isolates a right-to-left title and summary in `<bdi>`; a Latin one
    /// is left as it was.
    @Test func theIndexIsolatesRightToLeftTitles() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        for (folder, json) in [
            ("rtl", #"{ "title": "تجربة الانحدار (SGD) 🔥", "description": "دراسة **قصيرة**. Second." }"#),
            ("latin", #"{ "title": "Momentum (fastai)", "description": "What it does." }"#),
        ] {
            let url = output.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try json.write(to: url.appendingPathComponent("study.json"), atomically: true, encoding: .utf8)
        }
        let html = try ReportTemplates.load(directory: templatesFolder.path).indexPage(outputDirectory: output.path)
        #expect(html.contains(#"<span class="study-title"><bdi>تجربة الانحدار (SGD) 🔥</bdi></span>"#))
        #expect(html.contains(#"<span class="study-summary"><bdi>دراسة قصيرة.</bdi></span>"#))
        #expect(html.contains(#"<span class="study-title">Momentum (fastai)</span>"#))
        #expect(html.contains(#"<span class="study-summary">What it does.</span>"#))
    }

    /// Default titles that name a run or a signal isolate the name, not the line: "Weights:
    /// ⁨name⁩", "⁨name⁩ and its average" (a swept run as its rows show it), so that the
    /// addition stays on the name's right; the page does the same with `<bdi>`.
    @Test func defaultTitlesIsolateTheNameInsideTheTitle() throws {
        let json = #"""
            { "defaults": { "epochs": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "אש (ReLU) 2", "model": "linear" }, { "name": "خطي", "model": "linear", "sweep": { "lr": [0.0001, 0.0002] } }, { "name": "line", "model": "linear" } ],
              "signals": [ { "name": "تجربة 2", "values": [1, 2, 3], "ewma": { "beta": 0.9 } }, { "name": "plain", "values": [1, 2], "ewma": { "beta": 0.9 } } ] }
            """#
        let results = try trainedStudy(json)
        var drawn: [String: String] = [:]
        for definition in results.study.charts { drawn[definition.title] = ChartAssembler.chart(for: definition, results: results).title }
        #expect(drawn["Weights: אש (ReLU) 2"] == "Weights: " + Self.isolated("אש (ReLU) 2"), "\(drawn)")
        #expect(drawn["Weights: خطي lr=0.0001"] == "Weights: " + Self.isolated("خطي") + " lr=0.0001", "\(drawn)")
        #expect(drawn["تجربة 2 and its average"] == Self.isolated("تجربة 2") + " and its average", "\(drawn)")
        #expect(drawn["Weights: line"] == "Weights: line")
        #expect(drawn["plain and its average"] == "plain and its average")
        // The study as built keeps the titles as plain text.
        #expect(results.study.charts.allSatisfy { !$0.title.unicodeScalars.contains("\u{2068}") })

        let page = try pageModel(json)
        let headings = Dictionary(page.charts.map { ($0.title, $0.titleHTML) }, uniquingKeysWith: { a, _ in a })
        #expect(headings["Weights: אש (ReLU) 2"] == "Weights: <bdi>אש (ReLU) 2</bdi>")
        #expect(headings["Weights: خطي lr=0.0001"] == "Weights: <bdi>خطي</bdi> lr=0.0001")
        #expect(headings["تجربة 2 and its average"] == "<bdi>تجربة 2</bdi> and its average")
        #expect(headings["Weights: line"] == "Weights: line")
    }

    /// A description or caption with Arabic or Hebrew: each paragraph, list item and heading
    /// takes its own direction (`dir="auto"`); a Latin one is rendered as before.
    @Test func rightToLeftDescriptionsAndCaptionsGetDirAuto() throws {
        let json = #"""
            { "description": "تعليق أول\n\nSecond paragraph.\n\n- بند\n- item\n\n# عنوان",
              "defaults": { "epochs": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "line", "model": "linear" } ],
              "charts": [ { "title": "a", "y": "loss", "caption": "תיאור **חשוב** (note)" }, { "title": "b", "y": "loss", "caption": "A *Latin* caption." } ] }
            """#
        let page = try pageModel(json)
        #expect(page.descriptionHTML == #"<p dir="auto">تعليق أول</p>\#n<p dir="auto">Second paragraph.</p>\#n<ul>\#n<li dir="auto">بند</li>\#n<li dir="auto">item</li>\#n</ul>\#n<h3 dir="auto">عنوان</h3>"#, "\(page.descriptionHTML)")
        #expect(page.charts[0].captionHTML == #"<p dir="auto">תיאור <strong>חשוב</strong> (note)</p>"#)
        #expect(page.charts[1].captionHTML == "<p>A <em>Latin</em> caption.</p>")
    }
}
