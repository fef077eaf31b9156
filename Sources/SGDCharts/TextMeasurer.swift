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
