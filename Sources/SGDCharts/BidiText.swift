/// Text in both directions on a left-to-right chart (UAX #9, the Unicode Bidirectional
/// Algorithm). Every text of a chart is laid out left to right: the renderer gives Pango a
/// left-to-right base direction instead of its guess from the first strong letter, which turned a
/// whole legend entry that began with an Arabic name ("تجربة 2 · a") right to left. A piece that
/// comes from the study — a run's or a signal's name, a title — is wrapped in FIRST STRONG
/// ISOLATE (U+2068) … POP DIRECTIONAL ISOLATE (U+2069) when it has a right-to-left letter: it
/// reads in its own direction, that of its first strong letter (as HTML's `dir="auto"` and
/// `<bdi>`), and what follows it (" · loss", ": diverged at step 5") stays after it, on its right.
/// Text without a right-to-left letter is returned unchanged, so Latin charts keep their bytes.
public enum BidiText {
    /// U+2068 FIRST STRONG ISOLATE.
    public static let firstStrongIsolate: Unicode.Scalar = "\u{2068}"
    /// U+2069 POP DIRECTIONAL ISOLATE.
    public static let popDirectionalIsolate: Unicode.Scalar = "\u{2069}"

    /// `text` between FSI and PDI when it has a right-to-left letter (and is not so wrapped
    /// already); `text` itself otherwise.
    public static func isolated(_ text: String) -> String {
        guard hasRightToLeft(text) else { return text }
        let scalars = text.unicodeScalars
        if scalars.first == firstStrongIsolate && scalars.last == popDirectionalIsolate { return text }
        var result = String.UnicodeScalarView()
        result.append(firstStrongIsolate)
        result.append(contentsOf: scalars)
        result.append(popDirectionalIsolate)
        return String(result)
    }

    /// `text` without the isolates `isolated` adds, as a message quotes it.
    public static func withoutIsolates(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == firstStrongIsolate || $0 == popDirectionalIsolate }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != firstStrongIsolate && $0 != popDirectionalIsolate }))
    }

    /// Whether `text` has a letter of a right-to-left script: Hebrew, Arabic, Syriac, Thaana,
    /// N'Ko, Samaritan, Mandaic (U+0590–U+08FF), their presentation forms (U+FB1D–U+FDFF,
    /// U+FE70–U+FEFF) and the right-to-left blocks of planes 1 (U+10800–U+10FFF, U+1E800–U+1EFFF);
    /// or an explicit right-to-left mark or embedding (U+200F, U+202B, U+202E, U+2067).
    public static func hasRightToLeft(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
            case 0x200F, 0x202B, 0x202E, 0x2067: return true
            default: return false
            }
        }
    }
}
