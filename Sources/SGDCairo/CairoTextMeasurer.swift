import CCairo
import SGDCharts

/// Measures text with the font Cairo draws it in: "DejaVu Sans" through Cairo's toy text API.
///
/// Metrics are unhinted, so that a width measured here is the width drawn at any scale. The
/// font faces and options are created once and never change, and Cairo's font objects are
/// thread-safe, so one measurer can serve concurrent layouts.
package final class CairoTextMeasurer: TextMeasurer, @unchecked Sendable {
    package let family: String
    /// Indexed by `faceIndex(_:)`: regular, bold, italic, bold italic.
    private let faces: [OpaquePointer]
    let options: OpaquePointer
    /// Per face: height of a digit above the baseline and depth of descenders, per unit of size.
    private let ratios: [(ascent: Double, descent: Double)]

    package init(family: String = "DejaVu Sans") throws {
        self.family = family
        guard let options = cairo_font_options_create() else {
            throw CairoError(operation: "creating font options", message: "out of memory", status: 1)
        }
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        self.options = options
        var faces: [OpaquePointer] = []
        for (slant, weight) in [(CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL), (CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD),
                                (CAIRO_FONT_SLANT_ITALIC, CAIRO_FONT_WEIGHT_NORMAL), (CAIRO_FONT_SLANT_ITALIC, CAIRO_FONT_WEIGHT_BOLD)] {
            guard let face = cairo_toy_font_face_create(family, slant, weight) else { continue }
            let status = cairo_font_face_status(face)
            if status != CAIRO_STATUS_SUCCESS {
                cairo_font_face_destroy(face)
                faces.forEach { cairo_font_face_destroy($0) }
                cairo_font_options_destroy(options)
                throw CairoError(operation: "loading the font \(family)", status: status)
            }
            faces.append(face)
        }
        self.faces = faces
        var ratios: [(Double, Double)] = []
        for face in faces {
            guard let font = Self.scaledFont(face, size: 100, options: options) else {
                faces.forEach { cairo_font_face_destroy($0) }
                cairo_font_options_destroy(options)
                throw CairoError(operation: "loading the font \(family)", message: "cannot scale the font", status: 1)
            }
            var text = cairo_text_extents_t()
            cairo_scaled_font_text_extents(font, "0", &text)
            var extents = cairo_font_extents_t()
            cairo_scaled_font_extents(font, &extents)
            cairo_scaled_font_destroy(font)
            ratios.append((-text.y_bearing / 100, extents.descent / 100))
        }
        self.ratios = ratios
    }

    deinit {
        faces.forEach { cairo_font_face_destroy($0) }
        cairo_font_options_destroy(options)
    }

    func face(for font: Font) -> OpaquePointer {
        faces[(font.weight == .bold ? 1 : 0) + (font.italic ? 2 : 0)]
    }

    package func measure(_ text: String, font: Font) -> TextMetrics {
        let index = (font.weight == .bold ? 1 : 0) + (font.italic ? 2 : 0)
        let ratio = ratios[index]
        var width = 0.0
        if let scaled = Self.scaledFont(faces[index], size: font.size, options: options) {
            var extents = cairo_text_extents_t()
            cairo_scaled_font_text_extents(scaled, text, &extents)
            width = extents.x_advance
            cairo_scaled_font_destroy(scaled)
        }
        return TextMetrics(width: width, ascent: ratio.ascent * font.size, descent: ratio.descent * font.size)
    }

    private static func scaledFont(_ face: OpaquePointer, size: Double, options: OpaquePointer) -> OpaquePointer? {
        var matrix = cairo_matrix_t()
        cairo_matrix_init_scale(&matrix, size, size)
        var identity = cairo_matrix_t()
        cairo_matrix_init_identity(&identity)
        guard let font = cairo_scaled_font_create(face, &matrix, &identity, options) else { return nil }
        if cairo_scaled_font_status(font) != CAIRO_STATUS_SUCCESS {
            cairo_scaled_font_destroy(font)
            return nil
        }
        return font
    }
}
