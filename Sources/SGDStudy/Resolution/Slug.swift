import Foundation

/// File names from study names (SPEC §2, §4.1): lower case, `a-z0-9` and `-`, so a run, chart or
/// signal name can never escape the study folder or collide with `index.html`.
///
/// A name may be written in any script; its file name is made from its ASCII letters and digits
/// when it has some (`"Νευρώνας ReLU"` → `relu`), else from a fallback that depends on the name
/// alone (`"一个神经元"` → `run-` and 8 hexadecimal digits), so that reordering, adding or removing
/// other runs never changes it. A run or signal may choose its file with `"file"` instead.
package enum Slug {
    package static let maximumLength = 80

    /// "ReLU + momentum" → "relu-momentum"; "Schätzung" → "schatzung"; "../../etc" → "etc".
    /// Empty when the name has no ASCII letter or digit (see `fileName(for:fallback:)`).
    package static func make(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            let lower = scalar.properties.lowercaseMapping
            if lower.unicodeScalars.count == 1, let c = lower.unicodeScalars.first,
                ("a"..."z").contains(c) || ("0"..."9").contains(c)
            {
                if pendingDash && !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(c)
            } else {
                pendingDash = true
            }
        }
        if slug.count > maximumLength {
            slug = String(slug.prefix(maximumLength))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug
    }

    /// The file name of a thing named `name`: `make(name)` when that is not empty, else
    /// `fallback(for:prefix:)`. Empty only when the name shows nothing (`hasVisibleCharacter`).
    ///
    /// "Γραμμικό ReLU" → "relu"; "🔥" with prefix "run" → "run-" and 8 hexadecimal digits; "!!!" likewise.
    package static func fileName(for name: String, fallback prefix: String) -> String {
        guard hasVisibleCharacter(name) else { return "" }
        let slug = make(name)
        return slug.isEmpty ? fallback(for: name, prefix: prefix) : slug
    }

    /// `<prefix>-<hash>`: the 32-bit FNV-1a hash of the name's UTF-8 bytes in Unicode normal form C,
    /// as 8 lower-case hexadecimal digits. It depends on the name alone: the same name gives the
    /// same file name in every study, on every machine, whatever its position.
    package static func fallback(for name: String, prefix: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in name.precomposedStringWithCanonicalMapping.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let digits = String(hash, radix: 16)
        return prefix + "-" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Whether `text` is a file name as `make` writes them: 1 to 80 of `a-z`, `0-9` and `-`, with
    /// no `-` first, last or twice in a row. What a `"file"` key must be.
    package static func isFileName(_ text: String) -> Bool {
        !text.isEmpty && make(text) == text
    }

    /// Whether `name` has a character that shows: one that is not white space, a control or
    /// format character, or a default-ignorable one (a zero-width space, a variation selector).
    package static func hasVisibleCharacter(_ name: String) -> Bool {
        name.unicodeScalars.contains { scalar in
            let properties = scalar.properties
            switch properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return false
            default: return !properties.isWhitespace && !properties.isDefaultIgnorableCodePoint
            }
        }
    }

    /// The name's code points, for a message about a name that shows nothing: "U+200B U+FE0F".
    package static func codePoints(_ name: String) -> String {
        name.unicodeScalars.map { scalar in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }.joined(separator: " ")
    }
}
