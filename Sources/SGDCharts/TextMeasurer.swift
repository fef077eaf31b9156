/// The size of a run of text set in one line.
package struct TextMetrics: Sendable, Hashable {
    /// The advance width: where the next run would start.
    package var width: Double
    /// Height above the baseline of capitals and digits (what a reader sees as the text's top).
    package var ascent: Double
    /// Depth below the baseline of the font's descenders.
    package var descent: Double

    package init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    package var height: Double { ascent + descent }
}

/// Measures text, so that layout fits the font that will really draw it.
///
/// The Cairo backend measures with the Pango layout it draws (font fallback included); tests
/// use `FixedAdvanceMeasurer`.
package protocol TextMeasurer: Sendable {
    func measure(_ text: String, font: Font) -> TextMetrics

    /// Where a line of `text` may break: the offsets k (in Characters, 0 < k < `text.count`,
    /// ascending) before whose Character a new line may start — after spaces, and between the
    /// characters of scripts written without spaces (Chinese, Japanese), as Unicode's line
    /// breaking algorithm (UAX #14) allows.
    func lineBreakOffsets(in text: String) -> [Int]
}

extension TextMeasurer {
    /// An approximation of UAX #14 for measurers without a line-break analysis: after a run of
    /// spaces, and on either side of a CJK ideograph, kana or Hangul syllable, except before
    /// closing punctuation (`，。、）」`) and after opening punctuation (`（「`).
    package func lineBreakOffsets(in text: String) -> [Int] {
        let characters = Array(text)
        func isWide(_ c: Character) -> Bool {
            guard let v = c.unicodeScalars.first?.value else { return false }
            return (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
                || (0xAC00...0xD7AF).contains(v) || (0xF900...0xFAFF).contains(v) || (0x20000...0x3FFFF).contains(v)
        }
        let closing: Set<Character> = ["，", "。", "、", "）", "」", "』", "：", "；", "！", "？", ",", ".", ")", ":", ";", "!", "?"]
        let opening: Set<Character> = ["（", "「", "『", "("]
        var offsets: [Int] = []
        for k in 1..<Swift.max(1, characters.count) {
            let before = characters[k - 1], after = characters[k]
            if after == " " || closing.contains(after) || opening.contains(before) { continue }
            if before == " " || isWide(before) || isWide(after) { offsets.append(k) }
        }
        return offsets
    }
}

/// A deterministic measurer for tests: every character advances the same fraction of the em.
package struct FixedAdvanceMeasurer: TextMeasurer {
    package var advance: Double
    package var ascent: Double
    package var descent: Double

    /// By default a character is 0.6 em wide, capitals 0.73 em tall, descenders 0.24 em deep
    /// (about DejaVu Sans's proportions).
    package init(advance: Double = 0.6, ascent: Double = 0.73, descent: Double = 0.24) {
        self.advance = advance
        self.ascent = ascent
        self.descent = descent
    }

    package func measure(_ text: String, font: Font) -> TextMetrics {
        let boldFactor = font.weight == .bold ? 1.1 : 1
        return TextMetrics(width: Double(text.count) * advance * font.size * boldFactor,
                           ascent: ascent * font.size,
                           descent: descent * font.size)
    }
}
