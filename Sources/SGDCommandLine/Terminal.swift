import Foundation
import SGDStudy

/// Standard output and error, and whether they are terminals (progress is shown only there).
struct Terminal: Sendable {
    let descriptor: Int32

    static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
    static let standardError = Terminal(descriptor: STDERR_FILENO)

    var isInteractive: Bool { isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb" }

    /// Writes `text` as `shown` makes it safe for a terminal line.
    func write(_ text: String) {
        var text = Self.shown(text)
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// `text` with its bidi controls written as `\u{202E}`: a name from a study can hold an
    /// override, embedding, isolate or mark (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
    /// U+061C) that would reorder the rest of the terminal line (`diverged: "boom\u{202E}"`),
    /// as the CSV reader's messages show look-alikes. Letters of any script are written as they are.
    /// (A study file's diagnostics escape them already, JSON style, with the caret counted.)
    static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBidiControl) else { return text }
        var shown = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) {
                shown.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                shown.append(scalar)
            }
        }
        return String(shown)
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool { DiagnosticRenderer.isBidiControl(scalar) }
}
