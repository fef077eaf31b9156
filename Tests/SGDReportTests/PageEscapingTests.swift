import Foundation
import Testing
@testable import SGDReport

/// Whatever a study file says shows as text: no name, description or caption can add markup,
/// script or a dangerous link to a page.
@Suite struct PageEscapingTests {
    // (A `javascript:` link is refused when the study is read, StudyLinkTests; the renderer
    // that would drop one anyway is tested in MarkdownRendererTests.)
    static let hostile = #"""
        {
          "title": "<script>alert('title')</script> & \"quotes\"",
          "description": "Intro <img src=x onerror=alert(1)> click <iframe src=//evil>\n\n# <b>heading</b>\n\n```\n</code></pre><script>alert(3)</script>\n```",
          "data": { "x": [1, 2, 3], "y": [32, 34, 36] },
          "runs": [
            { "name": "<img src=x onerror=alert(4)>", "optimizer": { "type": "sgd", "lr": 0.0001 } },
            { "name": "\"><svg onload=alert(5)>", "optimizer": { "type": "sgd", "lr": 0.001 } }
          ],
          "signals": [ { "name": "<iframe src=javascript:alert(6)>", "values": [1, 2, 3] } ],
          "charts": [
            { "title": "<svg onload=alert(7)>", "per": "epoch", "y": "sqrt_sse",
              "caption": "<script>alert(8)</script> *fine* [x](JAVASCRIPT:alert(9))" },
            { "title": "signal", "signal": "<iframe src=javascript:alert(6)>" }
          ]
        }
        """#

    @Test func hostileStudyTextShowsAsText() throws {
        let templates = try ReportTemplates.load(directory: templatesFolder.path)
        let html = try templates.studyPage(pageInput(Self.hostile, command: "sgdreport build \"<script>\".json"))
        // Only the elements the template and the Markdown renderer write.
        let allowed: Set<String> = [
            "!doctype", "html", "head", "meta", "title", "link", "style", "body", "div", "nav", "a", "header", "h1", "h2", "h3",
            "h4", "p", "main", "section", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "span", "var",
            "figure", "img", "figcaption", "pre", "code", "footer", "em", "strong",
        ]
        #expect(tagNames(in: html).subtracting(allowed).isEmpty, "unexpected elements: \(tagNames(in: html).subtracting(allowed))")
        #expect(eventHandlerAttributes(in: html).isEmpty, "\(eventHandlerAttributes(in: html))")
        #expect(!html.lowercased().contains("href=\"javascript"))
        #expect(!html.lowercased().contains("src=\"javascript"))
        // …and every hostile piece is there, escaped, for the reader to see.
        #expect(html.contains("<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;</title>"))
        #expect(html.contains("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;</h1>"))
        #expect(html.contains("Intro &lt;img src=x onerror=alert(1)&gt; click &lt;iframe src=//evil&gt;"))
        #expect(html.contains("<h3>&lt;b&gt;heading&lt;/b&gt;</h3>"))
        #expect(html.contains("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(4)&gt;"))
        #expect(html.contains("&quot;&gt;&lt;svg onload=alert(5)&gt;"))
        #expect(html.contains("the signal “&lt;iframe src=javascript:alert(6)&gt;”"))
        #expect(html.contains("<h3>&lt;svg onload=alert(7)&gt;</h3>"))
        // A line that opens with a tag is an HTML block in CommonMark: all of it shows as written.
        #expect(html.contains("&lt;script&gt;alert(8)&lt;/script&gt; *fine* [x](JAVASCRIPT:alert(9))"))
        #expect(html.contains("sgdreport build &quot;&lt;script&gt;&quot;.json"))
    }

    @Test func theChecksThemselvesCatchMarkup() {
        #expect(eventHandlerAttributes(in: #"<img src=x onerror=alert(1)>"#).count == 1)
        #expect(eventHandlerAttributes(in: #"<p title="x onclick=y">"#).isEmpty)
        #expect(tagNames(in: "<p><script>x</script>") == ["p", "script"])
    }

    @Test func hostileTextInAttributesStaysInside() throws {
        let page = try pageModel(Self.hostile)
        let templates = try ReportTemplates.load(directory: templatesFolder.path)
        let html = try templates.render(page, with: "study")
        // The alt text made from a hostile chart title is one escaped attribute value.
        #expect(html.contains("alt=\"Chart: &lt;svg onload=alert(7)&gt;\""))
        // Run anchors come from slugs: letters, digits and dashes only.
        for run in page.runs {
            #expect(run.anchor.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }, "\(run.anchor)")
        }
    }

    @Test func hostileIndexEntriesShowAsText() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let study = output.appendingPathComponent("evil")
        try FileManager.default.createDirectory(at: study, withIntermediateDirectories: true)
        try #"{ "title": "<script>alert(1)</script>", "description": "<img src=x onerror=alert(2)> is *first*. Second." }"#
            .write(to: study.appendingPathComponent("study.json"), atomically: true, encoding: .utf8)
        let html = try ReportTemplates.load(directory: templatesFolder.path).indexPage(outputDirectory: output.path)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt; is first."))
        #expect(!html.contains("Second"))
        #expect(eventHandlerAttributes(in: html).isEmpty)
        #expect(!tagNames(in: html).contains("script"))
    }
}
