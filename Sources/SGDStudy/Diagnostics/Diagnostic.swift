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
            // Lines end in "\n" or, from Windows editors, "\r\n" (one Character in Swift).
            lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        } else {
            lines = []
        }
    }

    package func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    package func render(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.description + "\n"
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
            out += "  hint: \(hint)\n"
        }
        return out
    }

    /// At most about 100 characters of the line around `column`; tabs become spaces.
    private func excerpt(of line: Substring, column: Int) -> (String, Int) {
        var characters = Array(line.replacingOccurrences("\t", with: " ").replacingOccurrences("\r", with: ""))
        var caret = column
        let window = 100
        if characters.count > window {
            let start = max(0, min(column - 1 - window / 2, characters.count - window))
            let end = min(characters.count, start + window)
            var slice = Array(characters[start..<end])
            caret = column - start
            if start > 0 {
                slice.insert("…", at: 0)
                caret += 1
            }
            if end < characters.count { slice.append("…") }
            characters = slice
        }
        return (String(characters), caret)
    }
}

extension Substring {
    fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> Substring {
        guard contains(target) else { return self }
        return Substring(map { $0 == target ? replacement : String($0) }.joined())
    }
}
