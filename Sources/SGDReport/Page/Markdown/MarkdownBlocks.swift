/// A block of a Markdown document: the subset sgdreport renders (see `MarkdownRenderer`).
enum MarkdownBlock: Sendable, Equatable {
    /// Inline text, lines joined with `\n`.
    case paragraph(String)
    /// `#` is level 1; the renderer shifts levels to sit under the page's own headings.
    case heading(level: Int, text: String)
    case code(info: String, text: String)
    case quote([MarkdownBlock])
    case list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]])
    case rule
}

/// Splits Markdown into blocks, line by line, following CommonMark where the subset overlaps.
///
/// Nesting (quotes, lists) stops at `maximumDepth`: deeper markers are read as text, so a
/// hostile `>>>>>>…` cannot exhaust the stack.
enum MarkdownBlockParser {
    static let maximumDepth = 12

    static func parse(_ text: String) -> [MarkdownBlock] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { expandLeadingTabs(String($0)) }
        return parse(lines: lines, depth: 0)
    }

    static func parse(lines: [String], depth: Int) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if isBlank(line) {
                i += 1
                continue
            }
            if let fence = Fence(line) {
                var body: [String] = []
                i += 1
                while i < lines.count {
                    if fence.isClosed(by: lines[i]) {
                        i += 1
                        break
                    }
                    body.append(removeIndent(lines[i], upTo: fence.indent))
                    i += 1
                }
                blocks.append(.code(info: fence.info, text: body.joined(separator: "\n")))
                continue
            }
            if let heading = atxHeading(line) {
                blocks.append(heading)
                i += 1
                continue
            }
            if isThematicBreak(line) {
                blocks.append(.rule)
                i += 1
                continue
            }
            if depth < maximumDepth, quoteContent(line) != nil {
                var inner: [String] = []
                var previousWasText = false
                while i < lines.count {
                    if let content = quoteContent(lines[i]) {
                        inner.append(content)
                        previousWasText = !isBlank(content) && !startsBlock(content)
                    } else if previousWasText && !isBlank(lines[i]) && !startsBlock(lines[i]) {
                        // A lazy continuation line of the quoted paragraph.
                        inner.append(lines[i])
                    } else {
                        break
                    }
                    i += 1
                }
                blocks.append(.quote(parse(lines: inner, depth: depth + 1)))
                continue
            }
            if depth < maximumDepth, let first = ListMarker(line) {
                blocks.append(parseList(first: first, lines: lines, index: &i, depth: depth))
                continue
            }
            var text = [trimLeadingSpaces(line)]
            i += 1
            while i < lines.count, !isBlank(lines[i]), !interruptsParagraph(lines[i], depth: depth) {
                text.append(trimLeadingSpaces(lines[i]))
                i += 1
            }
            blocks.append(.paragraph(trimTrailingSpaces(text.joined(separator: "\n"))))
        }
        return blocks
    }

    private static func parseList(first: ListMarker, lines: [String], index i: inout Int, depth: Int) -> MarkdownBlock {
        var items: [[MarkdownBlock]] = []
        var tight = true
        var blankBeforeItem = false
        while i < lines.count, let marker = ListMarker(lines[i]), marker.continues(first), !isThematicBreak(lines[i]) {
            if blankBeforeItem { tight = false }
            var itemLines = [marker.content]
            i += 1
            while i < lines.count {
                let line = lines[i]
                if isBlank(line) {
                    itemLines.append("")
                } else if indentation(line) >= marker.contentIndent {
                    itemLines.append(removeIndent(line, upTo: marker.contentIndent))
                } else if let last = itemLines.last, !isBlank(last), !startsBlock(line) {
                    itemLines.append(trimLeadingSpaces(line))
                } else {
                    break
                }
                i += 1
            }
            var trailingBlanks = 0
            while let last = itemLines.last, isBlank(last), itemLines.count > 1 {
                itemLines.removeLast()
                trailingBlanks += 1
            }
            let blocks = parse(lines: itemLines, depth: depth + 1)
            // Blank lines between an item's own blocks make the list loose.
            if blocks.count > 1, itemLines.contains(where: isBlank), !blocks.contains(where: { if case .code = $0 { return true } else { return false } }) {
                tight = false
            }
            items.append(blocks)
            blankBeforeItem = trailingBlanks > 0
        }
        return .list(ordered: first.ordered, start: first.number, tight: tight, items: items)
    }

    // MARK: Line kinds

    struct Fence {
        var character: Character
        var length: Int
        var indent: Int
        var info: String

        init?(_ line: String) {
            let indent = indentation(line)
            guard indent <= 3 else { return nil }
            let rest = line.dropFirst(indent)
            guard let c = rest.first, c == "`" || c == "~" else { return nil }
            let length = rest.prefix { $0 == c }.count
            guard length >= 3 else { return nil }
            let info = rest.dropFirst(length).trimmingSpaces()
            if c == "`" && info.contains("`") { return nil }
            self.character = c
            self.length = length
            self.indent = indent
            self.info = info
        }

        func isClosed(by line: String) -> Bool {
            let indent = indentation(line)
            guard indent <= 3 else { return false }
            let rest = line.dropFirst(indent)
            let run = rest.prefix { $0 == character }.count
            return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " }
        }
    }

    struct ListMarker {
        var ordered: Bool
        /// The bullet (`-`, `+`, `*`) or the ordered delimiter (`.`, `)`).
        var symbol: Character
        var number: Int
        var contentIndent: Int
        var content: String

        init?(_ line: String) {
            let indent = indentation(line)
            guard indent <= 3 else { return nil }
            let rest = Array(line.dropFirst(indent))
            var width: Int
            if let c = rest.first, c == "-" || c == "+" || c == "*" {
                ordered = false
                symbol = c
                number = 1
                width = 1
            } else {
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard (1...9).contains(digits.count), digits.count < rest.count,
                    rest[digits.count] == "." || rest[digits.count] == ")"
                else { return nil }
                ordered = true
                symbol = rest[digits.count]
                number = Int(String(digits)) ?? 1
                width = digits.count + 1
            }
            let after = rest.dropFirst(width)
            guard after.isEmpty || after.first == " " else { return nil }
            var spaces = after.prefix { $0 == " " }.count
            if after.count == spaces {
                spaces = 1  // an empty item
            } else if spaces > 4 {
                spaces = 1
            }
            contentIndent = indent + width + spaces
            content = String(after.dropFirst(spaces))
        }

        func continues(_ first: ListMarker) -> Bool { ordered == first.ordered && symbol == first.symbol }
    }

    static func atxHeading(_ line: String) -> MarkdownBlock? {
        let indent = indentation(line)
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        let level = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let after = rest.dropFirst(level)
        guard after.isEmpty || after.first == " " else { return nil }
        var text = after.trimmingSpaces()
        // An optional closing sequence of #s, preceded by a space (or alone).
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let before = text.dropLast(closing)
            if before.isEmpty || before.last == " " { text = before.trimmingSpaces() }
        }
        return .heading(level: level, text: text)
    }

    static func isThematicBreak(_ line: String) -> Bool {
        let indent = indentation(line)
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent).filter { $0 != " " }
        guard let c = rest.first, c == "-" || c == "*" || c == "_", rest.count >= 3 else { return false }
        return rest.allSatisfy { $0 == c }
    }

    static func quoteContent(_ line: String) -> String? {
        let indent = indentation(line)
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard rest.first == ">" else { return nil }
        let after = rest.dropFirst()
        return String(after.first == " " ? after.dropFirst() : after)
    }

    /// A line that begins a block other than a paragraph.
    static func startsBlock(_ line: String) -> Bool {
        Fence(line) != nil || atxHeading(line) != nil || isThematicBreak(line) || quoteContent(line) != nil
            || ListMarker(line) != nil
    }

    /// CommonMark: an empty list item, or an ordered list not starting at 1, cannot interrupt a paragraph.
    static func interruptsParagraph(_ line: String, depth: Int) -> Bool {
        if Fence(line) != nil || atxHeading(line) != nil || isThematicBreak(line) { return true }
        guard depth < maximumDepth else { return false }
        if quoteContent(line) != nil { return true }
        if let marker = ListMarker(line) {
            return !isBlank(marker.content) && (!marker.ordered || marker.number == 1)
        }
        return false
    }

    // MARK: Whitespace

    static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    static func removeIndent(_ line: String, upTo count: Int) -> String {
        String(line.dropFirst(min(count, indentation(line))))
    }

    static func trimLeadingSpaces(_ line: String) -> String { String(line.drop { $0 == " " }) }

    static func trimTrailingSpaces(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Tabs in the indentation count as spaces to the next multiple of 4, as CommonMark says.
    static func expandLeadingTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var result = ""
        var column = 0
        var leading = true
        for c in line {
            if leading && c == "\t" {
                let spaces = 4 - column % 4
                result += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                if c != " " { leading = false }
                result.append(c)
                column += 1
            }
        }
        return result
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces (only U+0020, as CommonMark's block rules say).
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
