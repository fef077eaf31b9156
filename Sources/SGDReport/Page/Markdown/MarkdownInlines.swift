/// Inline Markdown: emphasis, strong, code spans, links, autolinks and line breaks.
indirect enum MarkdownInline: Sendable, Equatable {
    case text(String)
    case code(String)
    case softBreak
    case hardBreak
    /// A run of `*` or `_`; what no emphasis used is shown as written.
    case delimiter(Delimiter)
    /// A `[` that did not become a link: shown as written.
    case openBracket
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case link(href: String, title: String?, children: [MarkdownInline])

    struct Delimiter: Sendable, Equatable {
        var character: Character
        var count: Int
        var originalCount: Int
        var canOpen: Bool
        var canClose: Bool
    }
}

/// Parses a paragraph's text into inline nodes, following CommonMark's delimiter and bracket
/// algorithms (simplified: no reference links, no images, no entities, no raw HTML — a `<` or
/// `&` is text like any other).
struct MarkdownInlineParser {
    private let chars: [Character]
    private var position = 0
    private var nodes: [MarkdownInline] = []
    private var buffer = ""
    /// Unclosed `[`: where in `nodes`, and whether it may still start a link.
    private var brackets: [(index: Int, active: Bool)] = []

    static func parse(_ text: String) -> [MarkdownInline] {
        var parser = MarkdownInlineParser(chars: Array(text))
        return parser.run()
    }

    private init(chars: [Character]) {
        self.chars = chars
    }

    private mutating func run() -> [MarkdownInline] {
        while position < chars.count {
            let c = chars[position]
            switch c {
            case "\\":
                let next = position + 1 < chars.count ? chars[position + 1] : nil
                if next == "\n" {
                    flush()
                    nodes.append(.hardBreak)
                    position += 2
                    skipSpaces()
                } else if let next, Self.isASCIIPunctuation(next) {
                    buffer.append(next)
                    position += 2
                } else {
                    buffer.append(c)
                    position += 1
                }
            case "`":
                parseCodeSpan()
            case "*", "_":
                parseDelimiterRun(c)
            case "[":
                flush()
                brackets.append((nodes.count, true))
                nodes.append(.openBracket)
                position += 1
            case "]":
                closeBracket()
            case "<":
                parseAutolink()
            case "\n":
                var spaces = 0
                while buffer.last == " " {
                    buffer.removeLast()
                    spaces += 1
                }
                flush()
                nodes.append(spaces >= 2 ? .hardBreak : .softBreak)
                position += 1
                skipSpaces()
            default:
                buffer.append(c)
                position += 1
            }
        }
        flush()
        return Self.resolveEmphasis(nodes)
    }

    private mutating func flush() {
        if !buffer.isEmpty {
            nodes.append(.text(buffer))
            buffer = ""
        }
    }

    private mutating func skipSpaces() {
        while position < chars.count, chars[position] == " " { position += 1 }
    }

    // MARK: Code spans

    private mutating func parseCodeSpan() {
        let run = runLength(of: "`", at: position)
        var search = position + run
        while search < chars.count {
            if chars[search] == "`" {
                let closing = runLength(of: "`", at: search)
                if closing == run {
                    var content = String(chars[(position + run)..<search]).map { $0 == "\n" ? " " : $0 }
                    if content.count >= 2, content.first == " ", content.last == " ", content.contains(where: { $0 != " " }) {
                        content = Array(content.dropFirst().dropLast())
                    }
                    flush()
                    nodes.append(.code(String(content)))
                    position = search + closing
                    return
                }
                search += closing
            } else {
                search += 1
            }
        }
        buffer += String(repeating: "`", count: run)
        position += run
    }

    private func runLength(of character: Character, at index: Int) -> Int {
        var end = index
        while end < chars.count, chars[end] == character { end += 1 }
        return end - index
    }

    // MARK: Emphasis

    private mutating func parseDelimiterRun(_ c: Character) {
        let count = runLength(of: c, at: position)
        let before: Character = position > 0 ? chars[position - 1] : "\n"
        let after: Character = position + count < chars.count ? chars[position + count] : "\n"
        let beforeSpace = before.isWhitespace, afterSpace = after.isWhitespace
        let beforePunct = Self.isPunctuation(before), afterPunct = Self.isPunctuation(after)
        let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        let canOpen: Bool, canClose: Bool
        if c == "*" {
            canOpen = leftFlanking
            canClose = rightFlanking
        } else {
            canOpen = leftFlanking && (!rightFlanking || beforePunct)
            canClose = rightFlanking && (!leftFlanking || afterPunct)
        }
        flush()
        nodes.append(.delimiter(.init(character: c, count: count, originalCount: count, canOpen: canOpen, canClose: canClose)))
        position += count
    }

    /// CommonMark's "process emphasis": each closer takes the nearest matching opener.
    static func resolveEmphasis(_ input: [MarkdownInline]) -> [MarkdownInline] {
        var nodes = input
        var closerIndex = 0
        while closerIndex < nodes.count {
            guard case .delimiter(var closer) = nodes[closerIndex], closer.canClose else {
                closerIndex += 1
                continue
            }
            var openerIndex: Int?
            var j = closerIndex - 1
            while j >= 0 {
                if case .delimiter(let opener) = nodes[j], opener.character == closer.character, opener.canOpen {
                    let sumIsMultipleOfThree = (opener.canClose || closer.canOpen)
                        && (opener.originalCount + closer.originalCount) % 3 == 0
                        && !(opener.originalCount % 3 == 0 && closer.originalCount % 3 == 0)
                    if !sumIsMultipleOfThree {
                        openerIndex = j
                        break
                    }
                }
                j -= 1
            }
            guard let o = openerIndex, case .delimiter(var opener) = nodes[o] else {
                closerIndex += 1
                continue
            }
            let use = opener.count >= 2 && closer.count >= 2 ? 2 : 1
            let inner = Array(nodes[(o + 1)..<closerIndex])
            opener.count -= use
            closer.count -= use
            var replacement: [MarkdownInline] = []
            if opener.count > 0 { replacement.append(.delimiter(opener)) }
            replacement.append(use == 2 ? .strong(inner) : .emphasis(inner))
            if closer.count > 0 { replacement.append(.delimiter(closer)) }
            nodes.replaceSubrange(o...closerIndex, with: replacement)
            // Look at what is left of the closer (if anything) again.
            closerIndex = o + (opener.count > 0 ? 1 : 0) + 1
        }
        return nodes
    }

    // MARK: Links

    private mutating func closeBracket() {
        flush()
        guard let opener = brackets.popLast(), opener.active,
            let (destination, title, end) = linkTail(at: position + 1)
        else {
            buffer.append("]")
            position += 1
            return
        }
        let children = Self.resolveEmphasis(Array(nodes[(opener.index + 1)...]))
        nodes.removeSubrange(opener.index...)
        if MarkdownLinks.isAllowed(destination) {
            nodes.append(.link(href: destination, title: title, children: children))
            // No links inside links: earlier brackets can no longer open one.
            for k in brackets.indices { brackets[k].active = false }
        } else {
            // A forbidden scheme (javascript:, data:, …): the text stays, the link goes.
            nodes.append(contentsOf: children)
        }
        position = end
    }

    /// `(destination "title")` right after `]`: the destination, the title, and the index after `)`.
    private func linkTail(at start: Int) -> (String, String?, Int)? {
        var i = start
        guard i < chars.count, chars[i] == "(" else { return nil }
        i += 1
        skipWhitespace(&i)
        var destination = ""
        if i < chars.count, chars[i] == "<" {
            i += 1
            while i < chars.count, chars[i] != ">" {
                if chars[i] == "\n" || chars[i] == "<" { return nil }
                if chars[i] == "\\", i + 1 < chars.count, Self.isASCIIPunctuation(chars[i + 1]) { i += 1 }
                destination.append(chars[i])
                i += 1
            }
            guard i < chars.count else { return nil }
            i += 1
        } else {
            var depth = 0
            while i < chars.count {
                let c = chars[i]
                if c.isWhitespace || (c.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) { break }
                if c == "\\", i + 1 < chars.count, Self.isASCIIPunctuation(chars[i + 1]) {
                    destination.append(chars[i + 1])
                    i += 2
                    continue
                }
                if c == "(" {
                    depth += 1
                    if depth > 32 { return nil }
                } else if c == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                destination.append(c)
                i += 1
            }
            if depth != 0 { return nil }
        }
        let beforeTitle = i
        skipWhitespace(&i)
        var title: String?
        if i > beforeTitle, i < chars.count, chars[i] == "\"" || chars[i] == "'" || chars[i] == "(" {
            let open = chars[i]
            let close: Character = open == "(" ? ")" : open
            var text = ""
            i += 1
            while i < chars.count, chars[i] != close {
                if open == "(" && chars[i] == "(" { return nil }
                if chars[i] == "\\", i + 1 < chars.count, Self.isASCIIPunctuation(chars[i + 1]) { i += 1 }
                text.append(chars[i])
                i += 1
            }
            guard i < chars.count else { return nil }
            i += 1
            title = text
            skipWhitespace(&i)
        }
        guard i < chars.count, chars[i] == ")" else { return nil }
        return (destination, title, i + 1)
    }

    private func skipWhitespace(_ i: inout Int) {
        var newlines = 0
        while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" {
            if chars[i] == "\n" {
                newlines += 1
                if newlines > 1 { return }
            }
            i += 1
        }
    }

    /// `<https://…>` and `<mailto:…>`; any other `<` is text.
    private mutating func parseAutolink() {
        var end = position + 1
        while end < chars.count, chars[end] != ">", chars[end] != "<", !chars[end].isWhitespace { end += 1 }
        if end < chars.count, chars[end] == ">" {
            let candidate = String(chars[(position + 1)..<end])
            if MarkdownLinks.scheme(of: candidate) != nil, MarkdownLinks.isAllowed(candidate) {
                flush()
                nodes.append(.link(href: candidate, title: nil, children: [.text(candidate)]))
                position = end + 1
                return
            }
        }
        buffer.append("<")
        position += 1
    }

    // MARK: Characters

    static func isASCIIPunctuation(_ c: Character) -> Bool {
        guard let value = c.asciiValue else { return false }
        return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value) || (0x5B...0x60).contains(value)
            || (0x7B...0x7E).contains(value)
    }

    static func isPunctuation(_ c: Character) -> Bool { c.isPunctuation || c.isSymbol }
}

/// Which link destinations the page may contain.
enum MarkdownLinks {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// Relative links and http, https and mailto; everything else (javascript:, data:, file:,
    /// vbscript:, …) is refused. Browsers ignore tabs and newlines inside URLs and leading
    /// control characters, so the scheme is read the way a browser would read it.
    static func isAllowed(_ destination: String) -> Bool {
        let cleaned = normalized(destination)
        if cleaned.isEmpty { return false }
        if cleaned.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return false }
        if let scheme = scheme(of: cleaned) { return allowedSchemes.contains(scheme) }
        // No scheme: relative, unless a colon comes before any '/', '?' or '#' (which a
        // browser might still read as a scheme).
        for c in cleaned {
            if c == "/" || c == "?" || c == "#" { return true }
            if c == ":" { return false }
        }
        return true
    }

    /// The lower-cased scheme (`https`), when the destination starts with one.
    static func scheme(of destination: String) -> String? {
        let cleaned = normalized(destination)
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let scheme = cleaned[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return scheme.lowercased()
    }

    private static func normalized(_ destination: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in destination.unicodeScalars where scalar != "\t" && scalar != "\n" && scalar != "\r" {
            scalars.append(scalar)
        }
        let text = String(scalars)
        return String(text.drop { $0.unicodeScalars.allSatisfy { $0.value <= 0x20 } })
    }
}
