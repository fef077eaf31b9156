import CCmarkGFM

/// Renders the Markdown of study descriptions and chart captions as HTML, safely, with GitHub's
/// CommonMark reference parser (cmark-gfm) and its table, strikethrough and autolink extensions.
///
/// Safety is a pass over cmark's syntax tree before it renders:
/// * raw HTML (blocks and inline tags) becomes text, shown as written, never markup;
/// * links keep relative, `http`, `https` and `mailto` addresses; any other link (`javascript:`,
///   `data:`, `file:`, …) leaves its text without the link;
/// * images are kept only where `imageSource` maps their address to one (a study's own file
///   copied beside the page); any other image shows its description as text, so a page never
///   loads anything from outside its folder.
package struct MarkdownRenderer: Sendable {
    /// The HTML level of a `#` heading, so the text's headings sit under the page's own
    /// (the study page's title is `h1` and its sections `h2`). Deeper levels follow; `h6` is
    /// the deepest.
    package var topHeadingLevel: Int
    /// The `src` to write for an image address as written in the Markdown, or nil to show the
    /// image's description as text instead.
    package var imageSource: @Sendable (String) -> String?

    /// Whether paragraphs, list items and headings get `dir="auto"`: each then takes the
    /// direction of its first strong letter, so an Arabic or Hebrew paragraph reads right to left
    /// (and aligns right) beside an English one. The report sets it for text with a right-to-left
    /// letter; other text renders as before, byte for byte.
    package var blockDirectionAuto = false

    package init(topHeadingLevel: Int = 3, imageSource: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.topHeadingLevel = min(max(topHeadingLevel, 1), 6)
        self.imageSource = imageSource
    }

    /// `html` with `dir="auto"` on its paragraphs, list items and headings. The tags are cmark's
    /// own: raw HTML in the Markdown was neutralized (escaped) before rendering.
    static func directionAuto(_ html: String) -> String {
        var out = html
        for tag in ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6"] {
            out = out.replacing("<\(tag)>", with: "<\(tag) dir=\"auto\">")
        }
        return out
    }

    /// The HTML for `markdown`; empty for blank input.
    package func html(_ markdown: String) -> String {
        MarkdownTree.withTree(markdown) { tree in
            tree.neutralizeRawHTML()
            tree.rewriteLinksAndImages(imageSource: imageSource)
            tree.shiftHeadings(by: topHeadingLevel - 1)
            return blockDirectionAuto ? Self.directionAuto(tree.renderHTML()) : tree.renderHTML()
        }
    }

    /// The text of `markdown` without its markup, one line per block: for `alt` text and
    /// summaries, which Mustache then escapes.
    package static func plainText(_ markdown: String) -> String {
        MarkdownTree.withTree(markdown) { $0.plainTextBlocks() }.joined(separator: "\n")
    }

    /// The addresses of the images in `markdown`, in order, as written (each once).
    package static func imageAddresses(_ markdown: String) -> [String] {
        MarkdownTree.withTree(markdown) { $0.imageAddresses() }
    }

    /// The first sentence of the first paragraph (or heading), as plain text on one line, at
    /// most `maximumLength` characters (cut at a word, with "…"). For the index of studies.
    package static func summary(_ markdown: String, maximumLength: Int = 200) -> String {
        let blocks = MarkdownTree.withTree(markdown) { $0.plainTextBlocks() }
        guard let first = blocks.first(where: { !$0.isEmpty }) else { return "" }
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

    /// A link the page would show as its text alone, since its address is neither relative nor
    /// `http`, `https` or `mailto` (`javascript:`, `data:`, `vbscript:`, `file:`, …).
    package struct RefusedLink: Sendable, Equatable {
        /// The address as cmark read it: entities and escapes decoded (`java&#x09;script:` is
        /// `java\tscript:`), a reference-style link's from its definition.
        package var address: String
        /// Where the link starts (its `[` or `<`): 1-based line of the Markdown, and 1-based
        /// column in UTF-8 bytes of that line; both 0 when cmark does not know.
        package var line: Int
        package var column: Int

        package init(address: String, line: Int, column: Int) {
            self.address = address
            self.line = line
            self.column = column
        }
    }

    /// The links of `markdown` that `html(_:)` would drop (keeping their text), in order: so
    /// that a study can refuse them with their place rather than lose them silently. Images
    /// are not links: `imageAddresses` lists them.
    package static func refusedLinks(_ markdown: String) -> [RefusedLink] {
        MarkdownTree.withTree(markdown) { tree in
            tree.links(refused: { !isAllowedLink($0) }).map { RefusedLink(address: $0.address, line: $0.line, column: $0.column) }
        }
    }

    /// Link schemes a page may link to; relative addresses (no scheme) are allowed too.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// Whether `url` is relative or uses an allowed scheme. A scheme is what precedes the first
    /// `:` when that comes before any `/`, `?` or `#`.
    static func isAllowedLink(_ url: String) -> Bool {
        guard let scheme = scheme(of: url) else { return true }
        return allowedSchemes.contains(scheme.lowercased())
    }

    /// The scheme of `url` (`https`, `javascript`, …), or nil for a relative address.
    package static func scheme(of url: String) -> String? {
        for (offset, character) in url.enumerated() {
            if character == ":" { return offset == 0 ? "" : String(url.prefix(offset)) }
            if character == "/" || character == "?" || character == "#" { return nil }
        }
        return nil
    }
}
