import Mustache

/// The templates as a `MustacheLibrary`, parsed in pieces that swift-mustache parses quickly
/// and that render exactly the bytes the whole files would.
///
/// swift-mustache 2.1's parser measures the text left to the end of the file, in Characters, at
/// every `{` and at every tag's `}}` (`Parser.read(count:)` calls `String.distance(from:to:)`),
/// so a file costs about (braces + tags) × its length, and every character of plain text costs
/// a `Set<Character>` lookup: parsing `style.css` (10 KB of CSS, 117 braces, no tags) took
/// 24.6 M instructions, `study.mustache` 25 M (issue 18). So a file is cut where the parser is
/// at the start of a line in the state it starts a file in (`Pieces`), and:
/// * a text of `textLength` bytes or more (all of `style.css`) is not parsed at all: it is a
///   value of the page's root object (`texts`, under a name `-N` no template can use, as
///   `TemplateCheck` refuses names the page model does not have) that `{{{-N}}}` inserts as it is;
/// * the rest is parsed in pieces of about `pieceLength` bytes, each a partial of its own named
///   `/N` (no file name has a `/`): `study` becomes `{{>/1}}{{{-2}}}{{>/3}}…`, and a long
///   section whose tags stand alone on their lines `{{#runs}}{{>/5}}{{/runs}}`.
///
/// A partial's indentation (a standalone `{{> name}}` after spaces) is added per piece, so
/// nothing is cut when any template indents a partial; and when a piece does not parse, the
/// file is parsed whole, so that the error and its position are swift-mustache's own.
/// `TemplatePiecesTests` renders made-up templates both ways.
struct TemplatePieces {
    private(set) var templates: [String: MustacheTemplate] = [:]
    /// The text of each piece without tags, by the name its template inserts it by.
    private(set) var texts: [String: String] = [:]
    /// False when some template indents a partial, or a file's tags are unknown: every file is
    /// parsed whole.
    let cuts: Bool
    /// The pieces named so far (their names are `/N` for a partial, `-N` for a text).
    private var pieces = 0

    init(cuts: Bool) {
        self.cuts = cuts
    }

    /// Whether templates can be cut: every file's tags are known, and no `{{> name}}` has only
    /// spaces or tabs before it on its line.
    static func canCut(_ sources: [String: (text: String, file: String)], tags: [String: [TemplateCheck.Tag]]) -> Bool {
        for (name, source) in sources {
            guard let fileTags = tags[name] else { return false }
            let bytes = Array(source.text.utf8)
            for tag in fileTags where tag.kind == .partial {
                var i = tag.bytes.lowerBound
                var indented = false
                while i > 0 && bytes[i - 1] != UInt8(ascii: "\n") {
                    guard bytes[i - 1] == UInt8(ascii: " ") || bytes[i - 1] == UInt8(ascii: "\t") else {
                        indented = false
                        break
                    }
                    indented = true
                    i -= 1
                }
                if indented { return false }
            }
        }
        return true
    }

    /// Adds the template `name` with the tags `TemplateCheck.tags` found in it.
    ///
    /// - Throws: `MustacheTemplate.ParserError` from parsing the whole file, when it does not parse.
    mutating func add(_ name: String, text: String, tags: [TemplateCheck.Tag]) throws {
        let bytes = Array(text.utf8)
        let parts: [Part]
        if !cuts {
            parts = []
        } else if tags.isEmpty && bytes.last == UInt8(ascii: "\n") {
            parts = [.text(bytes.indices)]  // a file of text, such as style.css
        } else {
            parts = Self.merged(Pieces(bytes: bytes, tags: tags).parts())
        }
        if parts.isEmpty {
            templates[name] = try MustacheTemplate(string: text)
            return
        }
        var parsed: [String: MustacheTemplate] = [:]
        var newTexts: [String: String] = [:]
        // Short names: the parser measures the rest of the joining template at every tag.
        var count = pieces
        func joined(_ parts: [Part]) throws -> String {
            var text = ""
            for part in parts {
                count += 1
                switch part {
                case .text(let range):
                    newTexts["-\(count)"] = String(decoding: bytes[range], as: UTF8.self)
                    text += "{{{-\(count)}}}"
                case .parsed(let range):
                    let partial = "/\(count)"
                    parsed[partial] = try MustacheTemplate(string: String(decoding: bytes[range], as: UTF8.self))
                    text += "{{>\(partial)}}"
                case .section(let open, let body, _):
                    let partial = "/\(count)"
                    let sigil = open.kind == .inverted ? "^" : "#"
                    parsed[partial] = try MustacheTemplate(string: "{{\(sigil)\(open.name)}}" + (try joined(body)) + "{{/\(open.name)}}")
                    text += "{{>\(partial)}}"
                }
            }
            return text
        }
        do {
            parsed[name] = try MustacheTemplate(string: try joined(parts))
        } catch {
            templates[name] = try MustacheTemplate(string: text)
            return
        }
        pieces = count
        templates.merge(parsed) { _, new in new }
        texts.merge(newTexts) { _, new in new }
    }

    /// Whether `text` has, after spaces and tabs, a visible ASCII character (`!` to `~`): then
    /// a tag before it does not stand alone (swift-mustache counts a tag as alone on its line
    /// when spaces and tabs, then any newline character — `\r`, `\u{0B}`, `\u{2028}` … — follow).
    static func startsWithVisibleText(_ text: ArraySlice<UInt8>) -> Bool {
        guard let first = text.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return false }
        return (0x21...0x7E).contains(first)
    }

    /// A piece of a template: text inserted as it is, text parsed on its own, or a section
    /// whose `{{#name}}` and `{{/name}}` each stand alone on their line, around its pieces.
    indirect enum Part {
        case text(Range<Int>)
        case parsed(Range<Int>)
        /// `bytes` run from the opening line to the closing one.
        case section(open: TemplateCheck.Tag, body: [Part], bytes: Range<Int>)

        var bytes: Range<Int> {
            switch self {
            case .text(let bytes), .parsed(let bytes), .section(_, _, let bytes): bytes
            }
        }
    }

    /// A piece this long at most is parsed whole rather than cut further: each piece costs a
    /// partial or a value to look up whenever a page is rendered, while the parser's work per
    /// tag grows with the length of the piece.
    static let pieceLength = 512
    /// A text this long at least is inserted as a value rather than parsed (`style.css`).
    static let textLength = 200

    /// `parts` with neighbours joined into pieces of at most `pieceLength` bytes: any run of
    /// neighbouring parts starts and ends where the parser starts afresh, so it parses as they do.
    static func merged(_ parts: [Part]) -> [Part] {
        var merged: [Part] = []
        var run: Range<Int>?
        func close() {
            if let range = run { merged.append(.parsed(range)) }
            run = nil
        }
        for part in parts {
            let bytes = part.bytes
            if case .text = part, bytes.count >= textLength {
                close()
                merged.append(part)
                continue
            }
            if bytes.count > pieceLength {
                close()
                if case .section(let open, let body, _) = part {
                    merged.append(.section(open: open, body: Self.merged(body), bytes: bytes))
                } else {
                    merged.append(part)
                }
                continue
            }
            if let range = run, bytes.upperBound - range.lowerBound > pieceLength || bytes.lowerBound != range.upperBound { close() }
            run = (run?.lowerBound ?? bytes.lowerBound)..<bytes.upperBound
        }
        close()
        return merged
    }

    /// Cuts a file into `Part`s where swift-mustache's parser is at the start of a line in the
    /// state it starts a file in (a new line, no text pending), outside the sections around:
    /// * after a line without tags (which the parser ends with a text token, whatever came
    ///   before, and which renders as it is), or one whose newline ends such a token
    ///   (`endsWithText`);
    /// * after a line holding only a section tag (`{{#name}}`, `{{^name}}`, `{{/name}}` with
    ///   spaces around), when that tag stands alone: the parser then drops the line, and after
    ///   the closing line it is where it was after the opening one;
    /// * after a comment standing alone on its lines, which the parser drops.
    /// Whatever lies between such places is one piece to parse; `merged` joins small neighbours.
    struct Pieces {
        let bytes: [UInt8]
        let tags: [TemplateCheck.Tag]
        /// Each line's bytes (with its newline, if it has one) and the tags that touch it.
        private var lines: [(bytes: Range<Int>, tags: [Int])] = []
        /// For a section's opening tag, the index of its closing tag.
        private var closes: [Int: Int] = [:]
        /// The line of each tag's start.
        private var lineOfTag: [Int] = []

        init(bytes: [UInt8], tags: [TemplateCheck.Tag]) {
            self.bytes = bytes
            self.tags = tags
            var start = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
                lines.append((start..<(index + 1), []))
                start = index + 1
            }
            if start < bytes.count { lines.append((start..<bytes.count, [])) }
            var line = 0
            var open: [Int] = []
            for (index, tag) in tags.enumerated() {
                while !lines[line].bytes.contains(tag.bytes.lowerBound) { line += 1 }
                lineOfTag.append(line)
                var touched = line
                while touched < lines.count && lines[touched].bytes.lowerBound < tag.bytes.upperBound {
                    lines[touched].tags.append(index)
                    touched += 1
                }
                switch tag.kind {
                case .section, .inverted: open.append(index)
                case .close: if let opening = open.popLast() { closes[opening] = index }
                default: break
                }
            }
        }

        /// The file's parts; empty when it cannot be cut.
        func parts() -> [Part] {
            split(0..<lines.count).parts
        }

        private func isText(_ line: Int) -> Bool {
            lines[line].tags.isEmpty && bytes[lines[line].bytes.upperBound - 1] == UInt8(ascii: "\n")
        }

        /// Whether the parser ends `line` with a text token holding its newline (which leaves it
        /// at a new line with nothing pending): the newline is in no tag, and after the line's
        /// last tag comes visible text (`startsWithVisibleText`), or that tag is a value
        /// (`{{name}}`, `{{{name}}}`), which never takes the rest of its line as a section tag or
        /// a comment standing alone does.
        private func endsWithText(_ line: Int) -> Bool {
            let newline = lines[line].bytes.upperBound - 1
            guard bytes[newline] == UInt8(ascii: "\n") else { return false }
            guard let last = lines[line].tags.last else { return true }
            let tag = tags[last]
            guard tag.bytes.upperBound <= newline else { return false }
            if tag.kind == .variable || tag.kind == .unescaped { return true }
            return TemplatePieces.startsWithVisibleText(bytes[tag.bytes.upperBound..<newline])
        }

        /// The lines `range`, starting where the parser starts a file; `fresh` says whether the
        /// parser is in that state again after them.
        private func split(_ range: Range<Int>) -> (parts: [Part], fresh: Bool) {
            var parts: [Part] = []
            func appendText(_ bytes: Range<Int>) {
                if case .text(let last)? = parts.last, last.upperBound == bytes.lowerBound {
                    parts[parts.count - 1] = .text(last.lowerBound..<bytes.upperBound)
                } else {
                    parts.append(.text(bytes))
                }
            }
            var pending: Int?  // the first line of the piece being gathered
            var depth = 0
            var line = range.lowerBound
            while line < range.upperBound {
                if pending == nil {
                    if isText(line) {
                        appendText(lines[line].bytes)
                        line += 1
                        continue
                    }
                    if let last = standaloneComment(from: line) {
                        // The parser drops it and its lines, and starts afresh after them.
                        line = last + 1
                        continue
                    }
                    if let open = standaloneTag(on: line), tags[open].kind != .close, let close = closes[open],
                        standaloneTag(on: lineOfTag[close]) == close, lineOfTag[close] < range.upperBound
                    {
                        let body = split((line + 1)..<lineOfTag[close])
                        if body.fresh {
                            parts.append(.section(open: tags[open], body: body.parts, bytes: lines[line].bytes.lowerBound..<lines[lineOfTag[close]].bytes.upperBound))
                            line = lineOfTag[close] + 1
                            continue
                        }
                    }
                    pending = line
                    depth = 0
                }
                for index in lines[line].tags where lineOfTag[index] == line {
                    switch tags[index].kind {
                    case .section, .inverted: depth += 1
                    case .close: depth -= 1
                    default: break
                    }
                }
                if depth == 0 && endsWithText(line) {
                    parts.append(.parsed(lines[pending!].bytes.lowerBound..<lines[line].bytes.upperBound))
                    pending = nil
                }
                line += 1
            }
            if let pending {
                parts.append(.parsed(lines[pending].bytes.lowerBound..<lines[range.upperBound - 1].bytes.upperBound))
            }
            return (parts, pending == nil)
        }

        /// The last line of a comment (`{{! … }}`, over one line or more) that begins `line` after
        /// spaces and tabs and is followed by spaces and tabs and a newline, with no other tag on
        /// its lines: such a comment stands alone. Nil when there is none.
        private func standaloneComment(from line: Int) -> Int? {
            guard let index = lines[line].tags.first, lines[line].tags.count == 1, tags[index].kind == .comment,
                lineOfTag[index] == line
            else { return nil }
            let tag = tags[index].bytes
            var last = line
            while lines[last].bytes.upperBound < tag.upperBound { last += 1 }  // the line of the tag's last byte
            guard lines[last].tags == [index], tag.upperBound < lines[last].bytes.upperBound,
                bytes[lines[last].bytes.upperBound - 1] == UInt8(ascii: "\n")
            else { return nil }
            let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            guard bytes[lines[line].bytes.lowerBound..<tag.lowerBound].allSatisfy(isBlank),
                bytes[tag.upperBound..<(lines[last].bytes.upperBound - 1)].allSatisfy(isBlank)
            else { return nil }
            return last
        }

        /// The tag that is alone on `line` with only spaces and tabs around it, before the line's
        /// newline; nil when there is none.
        private func standaloneTag(on line: Int) -> Int? {
            guard lines[line].tags.count == 1 else { return nil }
            let index = lines[line].tags[0]
            let span = lines[line].bytes
            let tag = tags[index].bytes
            guard span.contains(tag.lowerBound), tag.upperBound < span.upperBound, bytes[span.upperBound - 1] == UInt8(ascii: "\n") else {
                return nil
            }
            let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            guard bytes[span.lowerBound..<tag.lowerBound].allSatisfy(isBlank),
                bytes[tag.upperBound..<(span.upperBound - 1)].allSatisfy(isBlank)
            else { return nil }
            return index
        }
    }
}
