import CCairo
import CPango
import SGDCharts
import Synchronization

/// Lays out, measures and draws chart text with Pango, so that each character comes from an
/// installed font that has it (fontconfig's fallback: CJK, emoji, …) and right-to-left text
/// (Arabic, Hebrew) reads right to left. "DejaVu Sans" is asked for first, so Latin letters,
/// Greek, Arabic, Hebrew and digits keep that face.
///
/// Layout measures text with the very layout that draws it: a width measured here is the width
/// drawn. Metrics are unhinted and glyph positions unrounded, so that a width measured at one
/// scale holds at any scale; kerning and optional ligatures are off, as in Cairo's toy text API
/// that drew the charts before, so that Latin text keeps its glyphs and their positions.
///
/// Pango's font map and context are not thread-safe: one measurer owns one of each, and every
/// use of them (layout, measuring, drawing) holds its lock. Its mutable state is a cache of
/// layouts (text and font to Pango's layout, its width and missing characters), so that the
/// layout measured is the one drawn, shaped once; it is emptied when it passes `cacheLimit` entries —
/// and each face's digit metrics, measured when the face is first used (a face's fonts take
/// about 2 M instructions to load; charts use regular and bold, italic only for notes). `shared` is the process's measurer, created once: fontconfig's setup
/// takes tens of milliseconds, too long to repeat per study.
package final class CairoTextMeasurer: TextMeasurer, @unchecked Sendable {
    /// The family asked for first; fontconfig supplies the rest.
    package let family: String
    /// Hinting off, grey antialiasing: what the canvas draws with too.
    let options: OpaquePointer
    private let pango: Mutex<PangoState>

    /// The most layouts kept (a few kB each); past it the cache starts again.
    static let cacheLimit = 4_096

    /// The process's measurer, created on first use (or the error that prevented it).
    package static let shared: Result<CairoTextMeasurer, CairoError> = Result { () throws(CairoError) in try CairoTextMeasurer() }

    /// - Parameter configuration: fontconfig's configuration for the font map (an `FcConfig`,
    ///   referenced): by default the process's (`FontConfiguration.process`).
    /// - Throws: `CairoError` when Pango cannot start or has no font for `family`'s digits.
    package init(family: String = "DejaVu Sans", configuration: OpaquePointer? = FontConfiguration.process) throws(CairoError) {
        self.family = family
        guard let options = cairo_font_options_create() else {
            throw CairoError(operation: "creating font options", message: "out of memory", status: 1)
        }
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        self.options = options
        guard let state = PangoState(family: family, options: options, configuration: configuration) else {
            cairo_font_options_destroy(options)
            throw CairoError(operation: "starting Pango with the font \(family)", message: "out of memory", status: 1)
        }
        // The regular face is checked now; the others (bold, italic, bold italic) are loaded
        // when first used — fontconfig gives them the same fallback fonts for a digit.
        guard state.laidOut(PangoState.Key(text: "0", face: 0, size: 1000)).ink.height > 0 else {
            cairo_font_options_destroy(options)
            throw CairoError(operation: "loading the font \(family)", message: "it has no digit 0", status: 1)
        }
        pango = Mutex(state)
    }

    deinit {
        cairo_font_options_destroy(options)
    }

    static func faceIndex(_ font: Font) -> Int {
        (font.weight == .bold ? 1 : 0) + (font.italic ? 2 : 0)
    }

    package func measure(_ text: String, font: Font) -> TextMetrics {
        let face = Self.faceIndex(font)
        let (width, ratio) = pango.withLock { state in
            (state.laidOut(PangoState.Key(text: text, face: face, size: font.size)).logical.width, state.ratio(face: face))
        }
        return TextMetrics(width: width, ascent: ratio.ascent * font.size, descent: ratio.descent * font.size)
    }

    /// Pango's line-break opportunities (UAX #14, with its script engines: `PangoLogAttr.is_line_break`),
    /// as Character offsets; a break inside a Character (a cluster of scalars) is not one.
    package func lineBreakOffsets(in text: String) -> [Int] {
        let scalars = text.unicodeScalars.count
        guard scalars > 1 else { return [] }
        var attributes = [PangoLogAttr](repeating: PangoLogAttr(), count: scalars + 1)
        var utf8 = Array(text.utf8)
        utf8.append(0)
        utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                pango_get_log_attrs(chars.baseAddress, Int32(clamping: utf8.count - 1), -1, pango_language_from_string("und"),
                                    &attributes, Int32(attributes.count))
            }
        }
        var offsets: [Int] = []
        var scalar = 0
        for (k, character) in text.enumerated() {
            if k > 0, attributes[scalar].is_line_break != 0 { offsets.append(k) }
            scalar += character.unicodeScalars.count
        }
        return offsets
    }

    /// The characters of `text` that no installed font has (Pango draws each as a box showing
    /// its code), in order, each once.
    package func missingCharacters(in text: String, font: Font) -> [Unicode.Scalar] {
        measured(text, font: font).missing
    }

    /// Draws `text` with its baseline's start (the left end, whatever the direction) at `cr`'s
    /// origin, in `cr`'s source colour (colour glyphs keep their own).
    func draw(_ text: String, font: Font, into cr: OpaquePointer) {
        pango.withLock { state in
            let text = state.laidOut(PangoState.Key(text: text, face: Self.faceIndex(font), size: font.size))
            cairo_save(cr)
            cairo_scale(cr, 1 / text.magnification, 1 / text.magnification)
            pango_cairo_show_layout_line(cr, text.line)
            cairo_restore(cr)
        }
    }

    private func measured(_ text: String, font: Font) -> (width: Double, missing: [Unicode.Scalar]) {
        pango.withLock { state in
            let text = state.laidOut(PangoState.Key(text: text, face: Self.faceIndex(font), size: font.size))
            return (text.logical.width, text.missing)
        }
    }
}

/// A rectangle in device units (Pango's are 1/1024 of one).
struct TextExtents {
    var x = 0.0, y = 0.0, width = 0.0, height = 0.0

    /// `r` in Pango units of a layout `magnification` times too large.
    init(_ r: PangoRectangle, _ magnification: Double) {
        let unit = Double(sgd_pango_scale()) * magnification
        x = Double(r.x) / unit
        y = Double(r.y) / unit
        width = Double(r.width) / unit
        height = Double(r.height) / unit
    }
}

/// One line of text laid out by Pango, `magnification` times its size: draw it scaled down by that.
final class LaidOutText {
    let layout: OpaquePointer
    let line: UnsafeMutablePointer<PangoLayoutLine>
    let magnification: Double
    /// Ink and logical extents at the text's own size (baseline at y = 0).
    let ink: TextExtents, logical: TextExtents
    /// The characters no installed font has, in order, each once.
    let missing: [Unicode.Scalar]

    /// Takes over the reference to `layout`; `missingNUL`: the text had U+0000, laid out as U+FFFD.
    init(layout: OpaquePointer, magnification: Double, missingNUL: Bool) {
        self.layout = layout
        self.magnification = magnification
        line = pango_layout_get_line_readonly(layout, 0)
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_line_get_extents(line, &ink, &logical)
        self.ink = TextExtents(ink, magnification)
        self.logical = TextExtents(logical, magnification)
        missing = (missingNUL ? ["\0"] : []) + PangoState.unknownCharacters(line)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }
}

/// Pango's font map, context and the four font descriptions: used only under the measurer's lock
/// (hence `@unchecked Sendable`).
final class PangoState: @unchecked Sendable {
    struct Key: Hashable {
        var text: String
        var face: Int
        var size: Double
    }

    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    /// Regular, bold, italic, bold italic (`CairoTextMeasurer.faceIndex`).
    let descriptions: [OpaquePointer]
    let attributes: OpaquePointer
    var cache: [Key: LaidOutText] = [:]
    /// Per face (`CairoTextMeasurer.faceIndex`), once used: height of a digit above the baseline
    /// and depth of descenders, per unit of size.
    private var ratios: [(ascent: Double, descent: Double)?] = [nil, nil, nil, nil]

    /// `configuration`: fontconfig's, for the font map (nil: Pango's own, from `FcInit`).
    init?(family: String, options: OpaquePointer, configuration: OpaquePointer?) {
        guard let fontMap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT) else { return nil }
        if let configuration {
            pango_fc_font_map_set_config(OpaquePointer(fontMap), configuration)
        }
        guard let context = pango_font_map_create_context(fontMap), let attributes = pango_attr_list_new() else {
            g_object_unref(UnsafeMutableRawPointer(fontMap))
            return nil
        }
        self.fontMap = fontMap
        self.context = context
        pango_cairo_context_set_font_options(context, options)
        pango_context_set_round_glyph_positions(context, 0)
        // Fallback fonts for Han characters are chosen for the language; fix it, so that the
        // charts do not depend on the locale of the shell that builds them.
        pango_context_set_language(context, pango_language_from_string("en"))
        pango_context_set_base_dir(context, PANGO_DIRECTION_LTR)
        var descriptions: [OpaquePointer] = []
        for (weight, style) in [(PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL), (PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL),
                                (PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC), (PANGO_WEIGHT_BOLD, PANGO_STYLE_ITALIC)] {
            let description = pango_font_description_new()!
            pango_font_description_set_family(description, family)
            pango_font_description_set_weight(description, weight)
            pango_font_description_set_style(description, style)
            descriptions.append(description)
        }
        self.descriptions = descriptions
        self.attributes = attributes
        // No kerning and no optional ligatures ("fi"): the glyphs and advances Cairo's toy text
        // API drew, so that Latin charts keep their look. Required ligatures (Arabic) stay.
        pango_attr_list_insert(attributes, pango_attr_font_features_new("-kern,-liga"))
    }

    deinit {
        cache.removeAll()
        pango_attr_list_unref(attributes)
        descriptions.forEach { pango_font_description_free($0) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    /// `face`'s digit height and descender depth per unit of size, measured on a "0" at 1000 px
    /// the first time (loading the face's fonts); (0, 0) when no font has a "0".
    func ratio(face: Int) -> (ascent: Double, descent: Double) {
        if let known = ratios[face] { return known }
        let size = 1000.0
        let zero = laidOut(Key(text: "0", face: face, size: size))
        let ratio = zero.ink.height > 0 ? (ascent: -zero.ink.y / size, descent: (zero.logical.y + zero.logical.height) / size) : (0, 0)
        ratios[face] = ratio
        return ratio
    }

    /// `key`'s text laid out in one line (a line break is drawn, not obeyed), from the cache
    /// or laid out now and kept.
    ///
    /// Pango positions glyphs in whole 1/1024ths of a unit; laid out 8× larger, they land within
    /// 1/8192 px of where the font's advances put them, as Cairo's toy text API placed them.
    /// Text so long that 8× would overflow Pango's 32-bit units is laid out at its own size.
    func laidOut(_ key: Key) -> LaidOutText {
        if let known = cache[key] { return known }
        let magnification = key.text.utf8.count * Int(key.size.rounded(.up)) < 1 << 16 ? 8.0 : 1.0
        let layout = pango_layout_new(context)!
        pango_layout_set_single_paragraph_mode(layout, 1)
        // Left to right, as the chart is, whatever letter the text begins with: a name in another
        // direction is isolated where the text is composed (`BidiText`).
        pango_layout_set_auto_dir(layout, 0)
        let description = pango_font_description_copy_static(descriptions[key.face])!
        pango_font_description_set_absolute_size(description, key.size * magnification * Double(sgd_pango_scale()))
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_attributes(layout, attributes)
        // Pango stops at a NUL: lay it out as U+FFFD, drawn "�", and report it as missing.
        let hasNUL = key.text.unicodeScalars.contains("\0")
        let shown = hasNUL ? String(String.UnicodeScalarView(key.text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 })) : key.text
        pango_layout_set_text(layout, shown, Int32(clamping: shown.utf8.count))
        let text = LaidOutText(layout: layout, magnification: magnification, missingNUL: hasNUL)
        if cache.count >= CairoTextMeasurer.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = text
        return text
    }

    /// Pango draws a character no font has as the glyph "unknown" with the character's code.
    static func unknownCharacters(_ line: UnsafeMutablePointer<PangoLayoutLine>) -> [Unicode.Scalar] {
        let flag = sgd_pango_glyph_unknown_flag()
        var found: [Unicode.Scalar] = []
        var node = line.pointee.runs
        while let run = node {
            if let item = run.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self), let glyphs = item.pointee.glyphs {
                for i in 0..<Int(glyphs.pointee.num_glyphs) {
                    let glyph = glyphs.pointee.glyphs[i].glyph
                    // 0xFFFFFFFF is PANGO_GLYPH_INVALID_INPUT, not a character.
                    guard glyph & flag != 0, glyph != 0xFFFF_FFFF, let scalar = Unicode.Scalar(glyph & ~flag) else { continue }
                    if !found.contains(scalar) { found.append(scalar) }
                }
            }
            node = run.pointee.next
        }
        return found
    }
}
