import Dispatch
import Synchronization
import Testing
@testable import SGDMarkdown

/// The Markdown of descriptions and captions: renders as CommonMark (cmark-gfm) does, and
/// nothing a study file says can become markup, script or a dangerous link.
@Suite struct MarkdownRendererTests {
    let markdown = MarkdownRenderer(topHeadingLevel: 3)

    // MARK: CommonMark

    @Test func paragraphsAndSoftBreaks() {
        #expect(markdown.html("one\ntwo\n\nthree") == "<p>one\ntwo</p>\n<p>three</p>")
        #expect(markdown.html("") == "")
        #expect(markdown.html("  \n \n") == "")
    }

    @Test func headingsSitUnderThePageHeadings() {
        #expect(markdown.html("# Title") == "<h3>Title</h3>")
        #expect(markdown.html("## Sub ##") == "<h4>Sub</h4>")
        #expect(markdown.html("### Deep") == "<h5>Deep</h5>")
        #expect(markdown.html("###### Deepest") == "<h6>Deepest</h6>")
        #expect(MarkdownRenderer(topHeadingLevel: 4).html("### x") == "<h6>x</h6>")
        #expect(markdown.html("#hashtag") == "<p>#hashtag</p>")
    }

    @Test func emphasisStrongAndCode() {
        #expect(markdown.html("*em* and _em_") == "<p><em>em</em> and <em>em</em></p>")
        #expect(markdown.html("**strong** and __strong__") == "<p><strong>strong</strong> and <strong>strong</strong></p>")
        #expect(markdown.html("***both***") == "<p><em><strong>both</strong></em></p>")
        #expect(markdown.html("`a*b*c` and `` x`y ``") == "<p><code>a*b*c</code> and <code>x`y</code></p>")
        #expect(markdown.html("y = a·x + b, snake_case_name and 2 * 3 * 4") == "<p>y = a·x + b, snake_case_name and 2 * 3 * 4</p>")
    }

    @Test func fencedCodeBlocks() {
        #expect(markdown.html("```json\n{ \"lr\": 1e-4 }\n  <b>\n```") == "<pre><code class=\"language-json\">{ &quot;lr&quot;: 1e-4 }\n  &lt;b&gt;\n</code></pre>")
        #expect(markdown.html("~~~\n**not bold**\n~~~\nafter") == "<pre><code>**not bold**\n</code></pre>\n<p>after</p>")
        // An unterminated fence runs to the end, as in CommonMark.
        #expect(markdown.html("```\ncode") == "<pre><code>code\n</code></pre>")
        // A hostile info string cannot add attributes.
        #expect(markdown.html("``` x\" onclick=\"y\ncode\n```") == "<pre><code class=\"language-x&quot;\">code\n</code></pre>")
    }

    @Test func links() {
        #expect(markdown.html("[fast.ai](https://www.fast.ai/ \"The course\")") == "<p><a href=\"https://www.fast.ai/\" title=\"The course\">fast.ai</a></p>")
        #expect(markdown.html("[steps](data/basic.steps.csv)") == "<p><a href=\"data/basic.steps.csv\">steps</a></p>")
        #expect(markdown.html("[mail](mailto:a@example.com)") == "<p><a href=\"mailto:a@example.com\">mail</a></p>")
        #expect(markdown.html("see <https://example.com/a?b=1&c=2>") == "<p>see <a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a></p>")
        #expect(markdown.html("[a *b*](#top)") == "<p><a href=\"#top\">a <em>b</em></a></p>")
        #expect(markdown.html("[x](<with space.csv>)") == "<p><a href=\"with%20space.csv\">x</a></p>")
        #expect(markdown.html("[wiki](https://en.wikipedia.org/wiki/Adam_(optimizer))") == "<p><a href=\"https://en.wikipedia.org/wiki/Adam_(optimizer)\">wiki</a></p>")
        #expect(markdown.html("[not a link] (x)") == "<p>[not a link] (x)</p>")
    }

    @Test func lists() {
        #expect(markdown.html("- one\n- two *em*") == "<ul>\n<li>one</li>\n<li>two <em>em</em></li>\n</ul>")
        #expect(markdown.html("1. first\n2. second") == "<ol>\n<li>first</li>\n<li>second</li>\n</ol>")
        #expect(markdown.html("3) three\n4) four") == "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>")
        #expect(markdown.html("- a\n\n- b") == "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>")
        #expect(markdown.html("- outer\n  - inner\n- next") == "<ul>\n<li>outer\n<ul>\n<li>inner</li>\n</ul>\n</li>\n<li>next</li>\n</ul>")
        #expect(markdown.html("text\n- item") == "<p>text</p>\n<ul>\n<li>item</li>\n</ul>")
        // An ordered list not starting at 1 does not interrupt a paragraph: "in 2019. we" stays text.
        #expect(markdown.html("It was\n2019. A year") == "<p>It was\n2019. A year</p>")
    }

    @Test func quotesRulesAndBreaks() {
        #expect(markdown.html("> quoted\n> *text*") == "<blockquote>\n<p>quoted\n<em>text</em></p>\n</blockquote>")
        #expect(markdown.html("> lazy\ncontinuation") == "<blockquote>\n<p>lazy\ncontinuation</p>\n</blockquote>")
        #expect(markdown.html("a\n\n---\n\nb") == "<p>a</p>\n<hr />\n<p>b</p>")
        #expect(markdown.html("line one  \nline two\\\nline three") == "<p>line one<br />\nline two<br />\nline three</p>")
    }

    @Test func backslashEscapes() {
        #expect(markdown.html("\\*not em\\* and \\[not link\\](x)") == "<p>*not em* and [not link](x)</p>")
        #expect(markdown.html("a \\ b") == "<p>a \\ b</p>")
    }

    // MARK: Hostile input

    @Test func rawHTMLIsShownAsText() {
        #expect(markdown.html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(markdown.html("<img src=x onerror=alert(1)>") == "<p>&lt;img src=x onerror=alert(1)&gt;</p>")
        #expect(markdown.html("# <b>bold</b>") == "<h3>&lt;b&gt;bold&lt;/b&gt;</h3>")
        #expect(markdown.html("*<i>x</i>*") == "<p><em>&lt;i&gt;x&lt;/i&gt;</em></p>")
        // Entity references are text (CommonMark), and stay escaped.
        #expect(markdown.html("&lt; &amp; \" '") == "<p>&lt; &amp; &quot; '</p>")
        #expect(markdown.html("&#60;script&#62;") == "<p>&lt;script&gt;</p>")
        #expect(markdown.html("<!-- comment -->") == "<p>&lt;!-- comment --&gt;</p>")
        #expect(markdown.html("`<script>`") == "<p><code>&lt;script&gt;</code></p>")
    }

    /// The links `html` drops are listed, with where each starts, for the study to refuse them.
    @Test func droppedLinksAreListedWithTheirPlace() {
        let text = "[a](javascript:1) [b](https://e.com)\n> [c](<java\tscript:2>)\n\n<vbscript:3>\n\n- é [d][r] ![i](data:x)\n\n[r]: data:y"
        #expect(MarkdownRenderer.refusedLinks(text) == [
            .init(address: "javascript:1", line: 1, column: 1), .init(address: "java\tscript:2", line: 2, column: 3),
            .init(address: "vbscript:3", line: 4, column: 1), .init(address: "data:y", line: 6, column: 6),
        ])
        #expect(MarkdownRenderer.refusedLinks("[x]( \u{1}javascript:alert(1))").map(\.address) == ["\u{1}javascript:alert(1)"])
        #expect(MarkdownRenderer.refusedLinks("[x](https://e.com) [y](mailto:a@e.com) [z](a/b.html) <https://e.com> www.e.com").isEmpty)
        // Every link `html` keeps as text is listed.
        for link in ["[x](javascript:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](file:///etc/passwd)", "<javascript:alert(1)>"] {
            #expect(markdown.html(link).contains("<a ") == MarkdownRenderer.refusedLinks(link).isEmpty, "\(link)")
        }
    }

    @Test func dangerousLinksBecomeText() {
        #expect(markdown.html("[x](javascript:alert(1))") == "<p>x</p>")
        #expect(markdown.html("[x](JaVaScRiPt:alert(1))") == "<p>x</p>")
        #expect(markdown.html("[x](java\tscript:alert(1))") == "<p>[x](java\tscript:alert(1))</p>")
        #expect(markdown.html("[x](<java\tscript:alert(1)>)") == "<p>x</p>")
        #expect(markdown.html("[x]( \u{1}javascript:alert(1))") == "<p>x</p>")
        #expect(markdown.html("[x](data:text/html;base64,PHNjcmlwdD4=)") == "<p>x</p>")
        #expect(markdown.html("[x](vbscript:msgbox)") == "<p>x</p>")
        #expect(markdown.html("[x](file:///etc/passwd)") == "<p>x</p>")
        #expect(markdown.html("<javascript:alert(1)>") == "<p>javascript:alert(1)</p>")
        #expect(markdown.html("[x](\"onmouseover=alert(1))") == "<p><a href=\"%22onmouseover=alert(1)\">x</a></p>")
        #expect(markdown.html("[x](https://e.com \"a\\\" onmouseover=\\\"b\")") == "<p><a href=\"https://e.com\" title=\"a&quot; onmouseover=&quot;b\">x</a></p>")
        for html in [
            markdown.html("[x](javascript:alert(1))"), markdown.html("[a](JAVASCRIPT:x) [b](%20javascript:x)"),
            markdown.html("<a href=\"javascript:x\">y</a>"),
        ] {
            #expect(!html.lowercased().contains("href=\"javascript"), "\(html)")
            #expect(!html.contains("<a href=\"j"), "\(html)")
        }
    }

    @Test func unterminatedAndNestedMarkup() {
        #expect(markdown.html("*unterminated") == "<p>*unterminated</p>")
        // CommonMark's delimiter rules: the inner `**` closes the single `*` first.
        #expect(markdown.html("**bold *both** end*") == "<p><em><em>bold <em>both</em></em> end</em></p>")
        #expect(markdown.html("**open *inner*") == "<p>**open <em>inner</em></p>")
        #expect(markdown.html("`unterminated code") == "<p>`unterminated code</p>")
        // GitHub's autolink extension links a bare address.
        #expect(markdown.html("[unclosed](https://x") == "<p>[unclosed](<a href=\"https://x\">https://x</a></p>")
        #expect(markdown.html("[[nested] brackets](u)") == "<p><a href=\"u\">[nested] brackets</a></p>")
        #expect(markdown.html("[outer [inner](a)](b)") == "<p>[outer <a href=\"a\">inner</a>](b)</p>")
        #expect(markdown.html("[[[[x") == "<p>[[[[x</p>")
        #expect(markdown.html("]]]] ((((") == "<p>]]]] ((((</p>")
        #expect(markdown.html("_*_*mixed*_*_").hasPrefix("<p>"))
    }

    @Test func deeplyNestedInputIsBoundedAndEscaped() {
        let quotes = String(repeating: ">", count: 5000) + " <script>"
        let html = markdown.html(quotes)
        #expect(!html.contains("<script>"))
        #expect(html.hasPrefix("<blockquote>") && html.contains("&lt;script&gt;"))
        let lists = (0..<200).map { String(repeating: "  ", count: $0) + "- <i>" }.joined(separator: "\n")
        #expect(!markdown.html(lists).contains("<i>"))
        let brackets = String(repeating: "[", count: 20000) + "x" + String(repeating: "](u)", count: 3)
        #expect(markdown.html(brackets).hasPrefix("<p>[[["))
        let stars = String(repeating: "*a ", count: 3000)
        #expect(!markdown.html(stars).isEmpty)
    }

    @Test func everyTagInTheOutputIsOneTheRendererMakes() {
        let hostile = """
            # <h1>x</h1> *a* [b](javascript:c)
            <div onclick="x">**y**</div>
            > <iframe src="https://evil">
            - <style>body{}</style>
            1. [ok](https://ok) <svg onload=x>
            ```<script>
            </code></pre><script>
            ```
            `</code><script>` \\<b\\> &#60;script&#62;
            """
        let html = markdown.html(hostile)
        let allowed: Set<String> = ["p", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote", "br", "hr", "del", "table", "thead", "tbody", "tr", "th", "td"]
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            let name = html[html.index(after: open)...].drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
            #expect(allowed.contains(String(name)), "unexpected tag <\(name)> in \(html)")
            index = html.index(after: open)
        }
    }

    // MARK: What CommonMark and GitHub's extensions add

    @Test func tablesRender() {
        let table = markdown.html("| optimizer | b after 50 epochs |\n|---|--:|\n| SGD | 3.7 |\n| Adam | *30.04* |")
        #expect(table.hasPrefix("<table>\n<thead>\n<tr>\n<th>optimizer</th>"))
        #expect(table.contains("<td align=\"right\"><em>30.04</em></td>"))
        #expect(!markdown.html("| <b>x</b> |\n|---|\n| <i>y</i> |").contains("<b>"))
    }

    @Test func strikethroughAndBareAddresses() {
        #expect(markdown.html("~~wrong~~ right") == "<p><del>wrong</del> right</p>")
        #expect(markdown.html("see https://forums.fast.ai") == "<p>see <a href=\"https://forums.fast.ai\">https://forums.fast.ai</a></p>")
    }

    @Test func imagesOnlyWhereTheStudyGivesThemASource() {
        let local = MarkdownRenderer(topHeadingLevel: 3) { $0 == "figures/sheet.png" ? "media/figures/sheet.png" : nil }
        #expect(local.html("![the sheet](figures/sheet.png)") == "<p><img src=\"media/figures/sheet.png\" alt=\"the sheet\" /></p>")
        // Anything the study does not provide (a remote image, another file) is its description.
        #expect(local.html("![remote *x*](https://example.com/x.png)") == "<p>remote <em>x</em></p>")
        #expect(markdown.html("![a](javascript:x)") == "<p>a</p>")
        #expect(MarkdownRenderer.imageAddresses("![a](x.png) [b](y.png) ![c](x.png) ![d](<z w.png>)") == ["x.png", "z w.png"])
    }

    @Test func renderingOnManyThreadsAtOnceKeepsEveryExtension() {
        // cmark-gfm keeps the extensions' special characters in one process-wide table; without
        // the renderer's lock, parsers on other threads drop each other's autolinks.
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let renderer = MarkdownRenderer(topHeadingLevel: 3)
            for _ in 0..<300 {
                let html = renderer.html("see https://forums.fast.ai and ~~this~~")
                if html != "<p>see <a href=\"https://forums.fast.ai\">https://forums.fast.ai</a> and <del>this</del></p>" {
                    wrong.withLock { $0 += 1 }
                }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
    }

    // MARK: Plain text

    @Test func summariesAreTheFirstSentenceInPlainText() {
        #expect(MarkdownRenderer.summary("One epoch of *online* SGD on the `fast.ai` rows. Then more.") == "One epoch of online SGD on the fast.ai rows.")
        #expect(MarkdownRenderer.summary("# Heading\n\nBody") == "Heading")
        #expect(MarkdownRenderer.summary("") == "")
        #expect(MarkdownRenderer.summary("lr = 0.0001 and y = 2x + 30") == "lr = 0.0001 and y = 2x + 30")
        let long = String(repeating: "word ", count: 100)
        let summary = MarkdownRenderer.summary(long, maximumLength: 50)
        #expect(summary.count <= 50 && summary.hasSuffix("…"))
        #expect(MarkdownRenderer.plainText("[a](javascript:x) <b>") == "a <b>")
    }
}
