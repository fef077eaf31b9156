/// Renders the Markdown of study descriptions and chart captions as HTML, safely.
///
/// The subset: paragraphs, ATX headings, *emphasis*, **strong**, `code`, fenced code blocks,
/// links, autolinks, lists, block quotes, thematic breaks and hard line breaks. Every piece
/// of text is HTML-escaped: raw HTML in the Markdown is shown as text, never passed through,
/// and links only go to relative, http, https or mailto addresses (any other link shows its
/// text without the link).
public struct MarkdownRenderer: Sendable {
    /// The HTML level of a `#` heading, so the text's headings sit under the page's own
    /// (the study page's title is `h1` and its sections `h2`). Deeper levels follow; `h6` is
    /// the deepest.
    public var topHeadingLevel: Int

    public init(topHeadingLevel: Int = 3) {
        self.topHeadingLevel = min(max(topHeadingLevel, 1), 6)
    }

    /// The HTML for `markdown`, one block per line group; empty for blank input.
    public func html(_ markdown: String) -> String {
        render(MarkdownBlockParser.parse(markdown))
    }

    /// The text of `markdown` without its markup: for `alt` text and summaries, which
    /// Mustache then escapes.
    public static func plainText(_ markdown: String) -> String {
        plainText(of: MarkdownBlockParser.parse(markdown)).joined(separator: "\n")
    }

    /// The first sentence of the first paragraph (or heading), as plain text on one line, at
    /// most `maximumLength` characters (cut at a word, with "…"). For the index of studies.
    public static func summary(_ markdown: String, maximumLength: Int = 200) -> String {
        let blocks = MarkdownBlockParser.parse(markdown)
        guard let first = plainText(of: blocks).first(where: { !$0.isEmpty }) else { return "" }
        let line = first.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var sentence = line
        let characters = Array(line)
        for i in characters.indices where ".!?".contains(characters[i]) {
            // A sentence ends at ". " before a capital or a digit: not inside "fast.ai" or
            // "0.0001", nor after "e.g. the".
            if i + 2 < characters.count, characters[i + 1] == " ", characters[i + 2].isUppercase || characters[i + 2].isNumber {
                sentence = String(characters[...i])
                break
            }
        }
        if sentence.count <= maximumLength { return sentence }
        var cut = String(sentence.prefix(maximumLength - 1))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > maximumLength / 2 {
            cut = String(cut[..<space])
        }
        while let last = cut.last, last == " " || last == "," || last == ";" || last == ":" { cut.removeLast() }
        return cut + "…"
    }

    // MARK: Blocks

    private func render(_ blocks: [MarkdownBlock], tight: Bool = false) -> String {
        blocks.map { render($0, tight: tight) }.joined(separator: "\n")
    }

    private func render(_ block: MarkdownBlock, tight: Bool) -> String {
        switch block {
        case .paragraph(let text):
            let content = Self.render(MarkdownInlineParser.parse(text))
            return tight ? content : "<p>\(content)</p>"
        case .heading(let level, let text):
            let h = min(level - 1 + topHeadingLevel, 6)
            return "<h\(h)>\(Self.render(MarkdownInlineParser.parse(text)))</h\(h)>"
        case .code(let info, let text):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            let safeLanguage = language.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            let attribute = safeLanguage.isEmpty ? "" : " class=\"language-\(safeLanguage)\""
            let body = text.isEmpty ? "" : HTMLText.escape(text) + "\n"
            return "<pre><code\(attribute)>\(body)</code></pre>"
        case .quote(let blocks):
            return "<blockquote>\n\(render(blocks))\n</blockquote>"
        case .list(let ordered, let start, let isTight, let items):
            let tag = ordered ? "ol" : "ul"
            let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
            let body = items.map { "<li>\(render($0, tight: isTight))</li>" }.joined(separator: "\n")
            return "<\(tag)\(startAttribute)>\n\(body)\n</\(tag)>"
        case .rule:
            return "<hr>"
        }
    }

    // MARK: Inlines

    static func render(_ nodes: [MarkdownInline]) -> String {
        var html = ""
        for node in nodes {
            switch node {
            case .text(let text): html += HTMLText.escape(text)
            case .code(let code): html += "<code>\(HTMLText.escape(code))</code>"
            case .softBreak: html += "\n"
            case .hardBreak: html += "<br>\n"
            case .delimiter(let run): html += HTMLText.escape(String(repeating: run.character, count: run.count))
            case .openBracket: html += "["
            case .emphasis(let children): html += "<em>\(render(children))</em>"
            case .strong(let children): html += "<strong>\(render(children))</strong>"
            case .link(let href, let title, let children):
                let titleAttribute = title.map { " title=\"\(HTMLText.escape($0))\"" } ?? ""
                html += "<a href=\"\(HTMLText.escape(HTMLText.percentEncodeURL(href)))\"\(titleAttribute)>\(render(children))</a>"
            }
        }
        return html
    }

    private static func plainText(of blocks: [MarkdownBlock]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph(let text), .heading(_, let text): return [plainText(MarkdownInlineParser.parse(text))]
            case .code(_, let text): return [text]
            case .quote(let blocks): return plainText(of: blocks)
            case .list(_, _, _, let items): return items.flatMap { plainText(of: $0) }
            case .rule: return []
            }
        }
    }

    private static func plainText(_ nodes: [MarkdownInline]) -> String {
        var text = ""
        for node in nodes {
            switch node {
            case .text(let t), .code(let t): text += t
            case .softBreak, .hardBreak: text += " "
            case .delimiter(let run): text += String(repeating: run.character, count: run.count)
            case .openBracket: text += "["
            case .emphasis(let children), .strong(let children), .link(_, _, let children): text += plainText(children)
            }
        }
        return text
    }
}
