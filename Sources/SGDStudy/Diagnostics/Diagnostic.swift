/// One problem in a study file: where (file, JSON path, line and column), what, and the fix.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it on the command line.
    public var file: String
    /// `runs[2].optimizer.lr`; empty for the whole document; nil when no path applies.
    public var path: String?
    /// Line and column, counted from 1, in `file`; nil for the whole file.
    public var location: SourceLocation?
    /// What is wrong, e.g. `lr must be greater than 0, got -0.1`.
    public var message: String
    /// The fix, shown on its own line after `hint:`; nil when the message says it all.
    public var hint: String?
    /// The text of the line `location` is on, when it is in another file than the study (a CSV
    /// the study names); nil shows the study's own line.
    public var sourceLine: String?
    /// The study file whose field `path` names `file`, when `file` is another file (a CSV the
    /// study reads); nil when `file` is the study itself. With several studies built at once,
    /// it says which study the CSV belongs to.
    public var study: String?

    /// A problem at `path` and `location` in `file`.
    public init(
        file: String, path: String?, location: SourceLocation?, message: String, hint: String? = nil,
        sourceLine: String? = nil, study: String? = nil
    ) {
        self.file = file
        self.path = path
        self.location = location
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
        self.study = study
    }

    /// `file:line:column: error: path: message` — the form editors and terminals link; for
    /// another file a study names, `file:line:column: error: path of study: message`.
    public var description: String {
        var text = file
        if let location { text += ":\(location.line):\(location.column)" }
        text += ": error: "
        if let path { text += JSONPath.display(path) + (study.map { " of \($0)" } ?? "") + ": " }
        text += message
        return text
    }
}

/// Every problem found in one study file, reported together.
public struct StudyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem, in the order of their places in the file (unlocated ones last).
    public var diagnostics: [Diagnostic]
    /// The file's bytes, to show the offending lines; nil when it could not be read.
    public var source: [UInt8]?
    /// The file does not exist or cannot be read (rather than being an invalid study).
    public var isUnreadable: Bool

    /// The problems of one file and its bytes (nil when it could not be read); `isUnreadable`
    /// when the file itself could not be read (missing, a folder, no permission).
    public init(diagnostics: [Diagnostic], source: [UInt8]?, isUnreadable: Bool = false) {
        self.diagnostics = diagnostics
        self.source = source
        self.isUnreadable = isUnreadable
    }

    /// Every diagnostic rendered like a compiler's: the message, the source line, a caret under the place, the hint; separated by blank lines.
    public var description: String {
        DiagnosticRenderer(source: source).render(diagnostics)
    }
}

/// Renders diagnostics like a compiler: the message, the source line, a caret, the hint.
package struct DiagnosticRenderer {
    private let lines: [Substring]

    package init(source: [UInt8]?) {
        if let source, source.count <= 64 << 20 {
            var text = Substring(String(decoding: source, as: UTF8.self))
            if text.first == "\u{FEFF}" { text.removeFirst() }
            // Lines end in "\n", from Windows editors "\r\n" (one Character in Swift), from old
            // Mac editors "\r" alone.
            lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        } else {
            lines = []
        }
    }

    package func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    package func render(_ diagnostic: Diagnostic) -> String {
        var out = Self.escapingControls(diagnostic.description) + "\n"
        let line: Substring? = diagnostic.sourceLine.map { Substring($0) }
            ?? diagnostic.location.flatMap { $0.line >= 1 && $0.line - 1 < lines.count ? lines[$0.line - 1] : nil }
        if let location = diagnostic.location, let line {
            let (shown, caretColumn) = excerpt(of: line, column: location.column)
            let number = String(location.line)
            let gutter = String(repeating: " ", count: number.count)
            out += " \(number) | \(shown)\n"
            out += " \(gutter) | " + String(repeating: " ", count: max(0, caretColumn - 1)) + "^\n"
        }
        if let hint = diagnostic.hint {
            out += "  hint: \(Self.escapingControls(hint))\n"
        }
        return out
    }

    /// At most about 100 code points of the line around `column` (which counts code points, as
    /// the parser does); tabs become spaces. The caret's column is in terminal cells: a Chinese,
    /// Japanese or Korean character or an emoji takes two, a combining mark or joiner none, so the
    /// caret stands under the place in names of any script.
    private func excerpt(of line: Substring, column: Int) -> (String, Int) {
        var scalars = line.unicodeScalars.filter { $0 != "\r" }.map { $0 == "\t" ? " " : $0 }
        var before = column - 1
        let window = 100
        if scalars.count > window {
            let start = max(0, min(column - 1 - window / 2, scalars.count - window))
            let end = min(scalars.count, start + window)
            var slice = Array(scalars[start..<end])
            before = column - 1 - start
            if start > 0 {
                slice.insert("…", at: 0)
                before += 1
            }
            if end < scalars.count { slice.append("…") }
            scalars = slice
        }
        // A control character (a binary file's bytes, an escape sequence) or a bidi control (which
        // would reorder the rest of the line) is shown as its JSON escape, never sent to the terminal.
        let cells = scalars.prefix(max(0, before)).reduce(0) { $0 + (Self.isEscaped($1) ? 6 : Self.cells($1)) }
        var shown = ""
        for scalar in scalars { shown += Self.isEscaped(scalar) ? Self.escape(scalar) : String(scalar) }
        return (shown, cells + 1)
    }

    /// C0 and C1 controls and DEL (a tab is shown as a space before this).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .control }

    /// The bidi controls: embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, marks
    /// U+200E, U+200F, U+061C. In a name they would reorder the rest of a terminal line.
    package static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// What a message shows as its JSON escape: a control but a line break, or a bidi control.
    static func isEscaped(_ scalar: Unicode.Scalar) -> Bool { (isControl(scalar) && scalar != "\n") || isBidiControl(scalar) }

    /// `\u001b`.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with its control characters but line breaks, and its bidi controls, shown as JSON
    /// escapes: a message quotes what the file holds (a key, a value), which may hold any character.
    static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var out = ""
        for scalar in text.unicodeScalars { out += isEscaped(scalar) ? escape(scalar) : String(scalar) }
        return out
    }

    /// The terminal cells a code point takes (East Asian Wide and Fullwidth, and emoji, take two).
    static func cells(_ scalar: Unicode.Scalar) -> Int {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if properties.isDefaultIgnorableCodePoint || properties.isVariationSelector || (0x1F3FB...0x1F3FF).contains(scalar.value) { return 0 }
        if properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
