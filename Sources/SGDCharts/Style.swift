/// How the ends of an open stroke look.
package enum LineCap: Sendable, Hashable {
    case butt, round, square
}

/// How the corners of a stroke look.
package enum LineJoin: Sendable, Hashable {
    case miter, round, bevel
}

/// How a line is stroked: colour (with alpha), width and dash pattern in CSS pixels.
package struct StrokeStyle: Sendable, Hashable {
    package var color: Color
    package var width: Double
    /// Alternating on/off lengths; empty for a solid line.
    package var dash: [Double]
    package var cap: LineCap
    package var join: LineJoin

    package init(color: Color, width: Double = 1, dash: [Double] = [],
                cap: LineCap = .butt, join: LineJoin = .miter) {
        self.color = color
        self.width = width
        self.dash = dash
        self.cap = cap
        self.join = join
    }
}

/// A line pattern, so that series stay distinct in grey scale.
package enum DashPattern: Sendable, Hashable, CaseIterable {
    case solid, dashed, dotted, dashDot, longDash

    /// On/off lengths for a line of width `width`.
    package func lengths(width: Double) -> [Double] {
        let w = Swift.max(width, 1)
        switch self {
        case .solid: return []
        case .dashed: return [3.7 * w, 1.6 * w]
        case .dotted: return [1 * w, 1.65 * w]
        case .dashDot: return [4.4 * w, 1.4 * w, 1 * w, 1.4 * w]
        case .longDash: return [7.5 * w, 2.2 * w]
        }
    }
}

/// The shape of a data marker.
package enum MarkerShape: Sendable, Hashable, CaseIterable {
    case circle, square, triangleUp, diamond, triangleDown, cross

    /// A shape made of strokes only (as matplotlib's "x" and "+"): it encloses no area, so it is
    /// drawn by stroking it in the series colour, never filled.
    package var isStrokeOnly: Bool { self == .cross }
}

/// How markers are drawn: `size` is the diameter of the shape's bounding circle.
package struct MarkerStyle: Sendable, Hashable {
    package var shape: MarkerShape
    package var size: Double
    package var fill: Color?
    package var stroke: StrokeStyle?

    /// A stroke-only shape (`shape.isStrokeOnly`) given a `fill` is drawn in that colour: its
    /// stroke becomes `fill` at the width of a line (the outline `stroke` meant to separate filled
    /// markers, white on the plot, would leave nothing visible), and `fill` becomes nil.
    package init(shape: MarkerShape, size: Double, fill: Color?, stroke: StrokeStyle?) {
        self.shape = shape
        self.size = size
        if shape.isStrokeOnly, let fill {
            self.fill = nil
            self.stroke = StrokeStyle(color: fill, width: Self.strokeOnlyWidth, cap: .round, join: .round)
        } else {
            self.fill = fill
            self.stroke = stroke
        }
    }

    /// The stroke width, in CSS pixels, of a stroke-only marker drawn in a series colour.
    package static let strokeOnlyWidth = 1.75
}

/// A typeface request; the backend maps it to a real font ("DejaVu Sans" in the Cairo backend).
package struct Font: Sendable, Hashable {
    package enum Weight: Sendable, Hashable { case regular, bold }

    /// Size in CSS pixels (the em height).
    package var size: Double
    package var weight: Weight
    package var italic: Bool

    package init(size: Double, weight: Weight = .regular, italic: Bool = false) {
        self.size = size
        self.weight = weight
        self.italic = italic
    }
}
