import Testing
@testable import SGDCommandLine

/// What the terminal shows of a message: bidi controls from a study's names are written as
/// `\u{…}`, so that an override in a name does not reverse the rest of the line.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("diverged: \"boom\u{202E}\" at step 3", #"diverged: "boom\u{202E}" at step 3"#),
        ("\u{2068}خلية\u{2069}", #"\u{2068}خلية\u{2069}"#),
        ("a\u{200E}b\u{200F}c\u{061C}", #"a\u{200E}b\u{200F}c\u{61C}"#),
        ("\u{202A}\u{202B}\u{202C}\u{202D}\u{2066}\u{2067}", #"\u{202A}\u{202B}\u{202C}\u{202D}\u{2066}\u{2067}"#),
    ])
    func bidiControlsAreEscaped(text: String, shown: String) {
        #expect(Terminal.shown(text) == shown)
    }

    /// Letters of any script, emoji sequences (with their zero-width joiner) and the progress
    /// line's escape codes are written as they are.
    @Test(arguments: ["built output/x/index.html — 3 runs", "تجربة 2 (Adam) 🚀", "👩\u{200D}💻 ok", "\r\u{1B}[2K[1/2] x"])
    func otherTextIsUnchanged(text: String) {
        #expect(Terminal.shown(text) == text)
    }
}
