/// The contract between a scene and a drawing backend (after matplotlib's renderer): a few
/// primitives in CSS pixels, painted in the order they come.
///
/// The Cairo backend implements it for PNG and SVG; `RecordingRenderer` writes the calls down.
package protocol Renderer {
    mutating func fill(_ rect: Rect, color: Color)
    mutating func stroke(_ rect: Rect, style: StrokeStyle)
    mutating func stroke(polyline points: [Point], style: StrokeStyle)
    mutating func draw(markers points: [Point], style: MarkerStyle)
    mutating func draw(text run: TextRun)
    /// Clip what follows to `rect`; nil removes the clip.
    mutating func clip(to rect: Rect?)
}

extension Scene {
    /// Replays the scene's primitives into `renderer`.
    package func render<R: Renderer>(into renderer: inout R) {
        for item in items {
            switch item.element {
            case .rect(let rect, let fill, let stroke):
                if let fill { renderer.fill(rect, color: fill) }
                if let stroke { renderer.stroke(rect, style: stroke) }
            case .polyline(let points, let style):
                renderer.stroke(polyline: points, style: style)
            case .markers(let points, let style):
                renderer.draw(markers: points, style: style)
            case .text(let run):
                renderer.draw(text: run)
            case .clip(let rect):
                renderer.clip(to: rect)
            case .unclip:
                renderer.clip(to: nil)
            }
        }
    }
}

/// A renderer that writes each call down as a line of text — a do-nothing backend for tests
/// and for reading what a chart would draw.
package struct RecordingRenderer: Renderer {
    package private(set) var operations: [String] = []

    package init() {}

    package mutating func fill(_ rect: Rect, color: Color) {
        operations.append("fill \(format(rect)) \(color.hexString)\(alpha(color))")
    }

    package mutating func stroke(_ rect: Rect, style: StrokeStyle) {
        operations.append("stroke-rect \(format(rect)) \(format(style))")
    }

    package mutating func stroke(polyline points: [Point], style: StrokeStyle) {
        operations.append("polyline \(points.count) points \(format(style))")
    }

    package mutating func draw(markers points: [Point], style: MarkerStyle) {
        operations.append("markers \(points.count) \(style.shape) size \(format(style.size))")
    }

    package mutating func draw(text run: TextRun) {
        operations.append("text \"\(run.text)\" at \(format(run.origin.x)),\(format(run.origin.y)) size \(format(run.font.size))")
    }

    package mutating func clip(to rect: Rect?) {
        operations.append(rect.map { "clip \(format($0))" } ?? "unclip")
    }

    private func format(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private func format(_ r: Rect) -> String {
        "\(format(r.x)),\(format(r.y)) \(format(r.width))x\(format(r.height))"
    }

    private func format(_ s: StrokeStyle) -> String {
        "\(s.color.hexString)\(alpha(s.color)) width \(format(s.width))" + (s.dash.isEmpty ? "" : " dashed")
    }

    private func alpha(_ c: Color) -> String {
        c.alpha < 1 ? " alpha \(format(c.alpha))" : ""
    }
}
