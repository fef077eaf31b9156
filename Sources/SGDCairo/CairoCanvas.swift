import CCairo
import SGDCharts

/// Draws scene primitives into one Cairo context, which it owns with its surface.
///
/// For the image surface it strokes long polylines in chunks: Cairo 1.16's stroker slows down
/// sharply on long self-crossing paths (a million raw points take seconds), while chunks of 64
/// segments draw in linear time. Chunks carry the dash phase across, and translucent lines
/// are drawn opaque into a group and composited once, so chunk joints never show.
final class CairoCanvas: Renderer {
    let surface: OpaquePointer
    let context: OpaquePointer
    private let measurer: CairoTextMeasurer
    private let chunked: Bool
    /// Rounds coordinates to 1/8 px. Cairo's SVG surface keeps 1/256 px (24.8 fixed point) and
    /// prints six decimals; eighths print as at most three ("123.125"), invisibly different.
    private let quantize: Bool
    /// Whatever a stream surface writes into, kept alive until the surface is gone.
    private let streamTarget: AnyObject?

    static let chunkSegments = 64

    init(surface: OpaquePointer, measurer: CairoTextMeasurer, scale: Double, chunked: Bool, quantize: Bool,
         streamTarget: AnyObject? = nil, operation: String) throws {
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw CairoError(operation: operation, status: status)
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw CairoError(operation: operation, message: "out of memory", status: 1)
        }
        self.surface = surface
        self.context = context
        self.measurer = measurer
        self.chunked = chunked
        self.quantize = quantize
        self.streamTarget = streamTarget
        try CairoError.check(cairo_status(context), operation)
        cairo_scale(context, scale, scale)
        cairo_set_font_options(context, measurer.options)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_GRAY)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Throws when anything drawn so far failed (Cairo's errors are sticky).
    func checkStatus(_ operation: String) throws {
        try CairoError.check(cairo_status(context), operation)
        try CairoError.check(cairo_surface_status(surface), operation)
    }

    // MARK: Renderer

    func fill(_ rect: Rect, color: Color) {
        setColor(color)
        cairo_rectangle(context, q(rect.x), q(rect.y), q(rect.width), q(rect.height))
        cairo_fill(context)
    }

    func stroke(_ rect: Rect, style: StrokeStyle) {
        apply(style, dashOffset: 0)
        setColor(style.color)
        cairo_rectangle(context, q(rect.x), q(rect.y), q(rect.width), q(rect.height))
        cairo_stroke(context)
    }

    func stroke(polyline points: [Point], style: StrokeStyle) {
        guard points.count >= 2 else { return }
        let chunk = Self.chunkSegments
        guard chunked && points.count > 4 * chunk else {
            apply(style, dashOffset: 0)
            setColor(style.color)
            trace(points, 0, points.count - 1)
            cairo_stroke(context)
            return
        }
        let translucent = style.color.alpha < 1
        if translucent { cairo_push_group(context) }
        setColor(style.color.withAlpha(1))
        let period = style.dash.reduce(0, +)
        var travelled = 0.0
        var start = 0
        while start < points.count - 1 {
            let end = Swift.min(start + chunk, points.count - 1)
            apply(style, dashOffset: period > 0 ? travelled.truncatingRemainder(dividingBy: period) : 0)
            trace(points, start, end)
            cairo_stroke(context)
            if period > 0 {
                for i in (start + 1)...end {
                    let dx = points[i].x - points[i - 1].x, dy = points[i].y - points[i - 1].y
                    travelled += (dx * dx + dy * dy).squareRoot()
                }
            }
            start = end
        }
        if translucent {
            cairo_pop_group_to_source(context)
            cairo_paint_with_alpha(context, style.color.alpha)
        }
    }

    func draw(markers points: [Point], style: MarkerStyle) {
        guard !points.isEmpty else { return }
        if let fill = style.fill, let stroke = style.stroke {
            // Each marker's edge separates it from the one beneath.
            apply(stroke, dashOffset: 0)
            for p in points {
                shape(style.shape, at: p, size: style.size)
                setColor(fill)
                cairo_fill_preserve(context)
                setColor(stroke.color)
                cairo_stroke(context)
            }
            return
        }
        for p in points { shape(style.shape, at: p, size: style.size) }
        if let fill = style.fill {
            setColor(fill)
            cairo_fill(context)
        } else if let stroke = style.stroke {
            apply(stroke, dashOffset: 0)
            setColor(stroke.color)
            cairo_stroke(context)
        } else {
            cairo_new_path(context)
        }
    }

    func draw(text run: TextRun) {
        cairo_save(context)
        setColor(run.color)
        cairo_translate(context, q(run.origin.x), q(run.origin.y))
        if run.rotation != 0 { cairo_rotate(context, run.rotation) }
        cairo_move_to(context, 0, 0)
        measurer.draw(run.text, font: run.font, into: context)
        cairo_restore(context)
    }

    func clip(to rect: Rect?) {
        cairo_reset_clip(context)
        if let rect {
            cairo_rectangle(context, q(rect.x), q(rect.y), q(rect.width), q(rect.height))
            cairo_clip(context)
        }
    }

    // MARK: Helpers

    private func q(_ v: Double) -> Double {
        quantize ? (v * 8).rounded() / 8 : v
    }

    private func setColor(_ c: Color) {
        if c.alpha >= 1 {
            cairo_set_source_rgb(context, c.red, c.green, c.blue)
        } else {
            cairo_set_source_rgba(context, c.red, c.green, c.blue, c.alpha)
        }
    }

    private func apply(_ style: StrokeStyle, dashOffset: Double) {
        cairo_set_line_width(context, style.width)
        switch style.cap {
        case .butt: cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
        }
        switch style.join {
        case .miter: cairo_set_line_join(context, CAIRO_LINE_JOIN_MITER)
        case .round: cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        case .bevel: cairo_set_line_join(context, CAIRO_LINE_JOIN_BEVEL)
        }
        style.dash.withUnsafeBufferPointer { dashes in
            cairo_set_dash(context, dashes.baseAddress, Int32(dashes.count), dashOffset)
        }
    }

    private func trace(_ points: [Point], _ start: Int, _ end: Int) {
        cairo_move_to(context, q(points[start].x), q(points[start].y))
        var i = start + 1
        while i <= end {
            cairo_line_to(context, q(points[i].x), q(points[i].y))
            i += 1
        }
    }

    /// Adds a marker outline centred on `p`; shapes are sized to look equally heavy.
    private func shape(_ shape: MarkerShape, at p: Point, size: Double) {
        let r = size / 2
        let x = p.x, y = p.y
        func move(_ a: Double, _ b: Double) { cairo_move_to(context, q(a), q(b)) }
        func line(_ a: Double, _ b: Double) { cairo_line_to(context, q(a), q(b)) }
        switch shape {
        case .circle:
            cairo_new_sub_path(context)
            cairo_arc(context, q(x), q(y), q(r), 0, 2 * Double.pi)
            cairo_close_path(context)
        case .square:
            let h = r * 0.86
            move(x - h, y - h); line(x + h, y - h); line(x + h, y + h); line(x - h, y + h)
            cairo_close_path(context)
        case .triangleUp, .triangleDown:
            let s = shape == .triangleUp ? -1.0 : 1.0
            let R = r * 1.2
            move(x, y + s * R); line(x + R * 0.866, y - s * R * 0.5); line(x - R * 0.866, y - s * R * 0.5)
            cairo_close_path(context)
        case .diamond:
            let R = r * 1.15
            move(x, y - R); line(x + R * 0.8, y); line(x, y + R); line(x - R * 0.8, y)
            cairo_close_path(context)
        case .cross:
            let d = r * 0.75
            move(x - d, y - d); line(x + d, y + d)
            move(x - d, y + d); line(x + d, y - d)
        }
    }
}
