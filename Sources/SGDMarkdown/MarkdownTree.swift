import CCmarkGFM
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One parsed Markdown document: cmark-gfm's parser and the syntax tree it made, both freed when
/// `withTree` returns. The passes below change the tree in place before it is rendered; each
/// first collects the nodes it changes, since cmark allows changing a node only after its
/// iterator has left it.
struct MarkdownTree: ~Copyable {
    private let parser: OpaquePointer
    private let root: OpaquePointer

    /// GitHub's extensions, registered once for the process (cmark's registry is global and
    /// its registration is not thread-safe; a Swift `static let` runs it exactly once).
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "strikethrough", "autolink"]

    /// cmark-gfm 0.29 keeps the inline extensions' special characters (autolink's `:`/`w`,
    /// strikethrough's `~`) in one process-wide table that each parser adds to when it attaches
    /// an extension and removes from when it is freed: two parsers at once (pages rendered on
    /// two cores, tests in parallel) would drop each other's autolinks. One parser at a time.
    private static let cmarkLock = Mutex(())

    /// Parses `markdown` and hands the tree to `body`.
    static func withTree<Result: Sendable>(_ markdown: String, _ body: (inout MarkdownTree) -> Result) -> Result {
        cmarkLock.withLock { _ in parse(markdown, body) }
    }

    private static func parse<Result>(_ markdown: String, _ body: (inout MarkdownTree) -> Result) -> Result {
        _ = extensionsRegistered
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var bytes = Array(markdown.utf8)
        // cmark reads NUL as text and replaces it; Swift strings may hold it.
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        let root = cmark_parser_finish(parser)!
        var tree = MarkdownTree(parser: parser, root: root)
        return body(&tree)
    }

    private init(parser: OpaquePointer, root: OpaquePointer) {
        self.parser = parser
        self.root = root
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    // MARK: Walking

    /// Every node, in document order, with whether the walk is entering it.
    private func walk(_ visit: (OpaquePointer, _ entering: Bool) -> Void) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            visit(cmark_iter_get_node(iterator), event == CMARK_EVENT_ENTER)
        }
    }

    private func nodes(of types: Set<UInt32>) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        walk { node, entering in
            if entering, types.contains(cmark_node_get_type(node).rawValue) { found.append(node) }
        }
        return found
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    private static func textNode(_ text: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(node, text)
        return node
    }

    /// Puts `node`'s children where `node` is, then removes it.
    private static func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_insert_before(node, child)
        }
        cmark_node_free(node)
    }

    // MARK: Passes

    /// Raw HTML becomes text: an inline tag a text node, an HTML block a paragraph of its text.
    mutating func neutralizeRawHTML() {
        for node in nodes(of: [CMARK_NODE_HTML_INLINE.rawValue, CMARK_NODE_HTML_BLOCK.rawValue]) {
            let text = Self.literal(node)
            if cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE {
                cmark_node_insert_before(node, Self.textNode(text))
            } else {
                let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .reversed().drop { $0.isEmpty }.reversed()
                for (index, line) in lines.enumerated() {
                    if index > 0 { cmark_node_append_child(paragraph, cmark_node_new(CMARK_NODE_SOFTBREAK)) }
                    cmark_node_append_child(paragraph, Self.textNode(String(line)))
                }
                cmark_node_insert_before(node, paragraph)
            }
            cmark_node_free(node)
        }
    }

    /// Links to a scheme not allowed lose the link and keep their text; images stay only where
    /// `imageSource` gives them a source, and otherwise become their description.
    mutating func rewriteLinksAndImages(imageSource: (String) -> String?) {
        for node in nodes(of: [CMARK_NODE_LINK.rawValue, CMARK_NODE_IMAGE.rawValue]) {
            let url = Self.url(node)
            if cmark_node_get_type(node) == CMARK_NODE_LINK {
                if !MarkdownRenderer.isAllowedLink(url) { Self.unwrap(node) }
            } else if let source = imageSource(url) {
                cmark_node_set_url(node, source)
            } else {
                Self.unwrap(node)
            }
        }
    }

    /// Moves every heading `levels` down, to at most `h6`.
    mutating func shiftHeadings(by levels: Int) {
        guard levels != 0 else { return }
        for node in nodes(of: [CMARK_NODE_HEADING.rawValue]) {
            let level = Int(cmark_node_get_heading_level(node))
            cmark_node_set_heading_level(node, Int32(min(max(level + levels, 1), 6)))
        }
    }

    // MARK: Output

    /// cmark's HTML, without the trailing newline; its safe mode stays on as a second guard.
    func renderHTML() -> String {
        guard let rendered = cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(rendered) }
        var html = String(cString: rendered)
        while html.hasSuffix("\n") { html.removeLast() }
        return html
    }

    /// The text of each block that holds text (paragraph, heading, code block, table cell)
    /// without markup; line breaks become spaces. (cmark's iterator enters code blocks once,
    /// as leaves, and enters and leaves the others.)
    func plainTextBlocks() -> [String] {
        var blocks: [String] = []
        var current: String?
        walk { node, entering in
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK {
                var text = Self.literal(node)
                while text.hasSuffix("\n") { text.removeLast() }
                blocks.append(text)
            } else if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || Self.isTableCell(node) {
                if entering {
                    current = ""
                } else if let text = current {
                    blocks.append(text)
                    current = nil
                }
            } else if current != nil {
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: current! += Self.literal(node)
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: current! += " "
                default: break
                }
            }
        }
        return blocks
    }

    private static func isTableCell(_ node: OpaquePointer) -> Bool {
        cmark_node_get_type_string(node).map { String(cString: $0) == "table_cell" } ?? false
    }

    /// Every link whose address `refused` says no to, in document order, with where its `[` or
    /// `<` is: 1-based line and UTF-8 byte column in the Markdown (0, 0 where cmark does not
    /// know, as for GitHub's bare autolinks inside tables).
    func links(refused: (String) -> Bool) -> [(address: String, line: Int, column: Int)] {
        nodes(of: [CMARK_NODE_LINK.rawValue]).compactMap { node in
            let url = Self.url(node)
            guard refused(url) else { return nil }
            return (url, Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node)))
        }
    }

    /// Every image address, in order, each once.
    func imageAddresses() -> [String] {
        var seen: Set<String> = []
        return nodes(of: [CMARK_NODE_IMAGE.rawValue]).map(Self.url).filter { seen.insert($0).inserted }
    }
}
