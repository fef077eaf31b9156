/// Which axis.
package enum Axis: Sendable, Hashable {
    case x, y
}

/// A run of text, already placed: the renderer moves to `origin`, rotates by `rotation` and
/// draws the text with its baseline through the origin, starting there.
package struct TextRun: Sendable, Hashable {
    package var text: String
    package var origin: Point
    package var font: Font
    package var color: Color
    /// Radians, clockwise on screen (−π/2 reads bottom to top).
    package var rotation: Double
    /// The box the text occupies on screen (advance × ascent + descent), for layout checks.
    package var bounds: Rect

    package init(text: String, origin: Point, font: Font, color: Color, rotation: Double = 0, bounds: Rect) {
        self.text = text
        self.origin = origin
        self.font = font
        self.color = color
        self.rotation = rotation
        self.bounds = bounds
    }
}

/// One drawing primitive.
package enum SceneElement: Sendable, Hashable {
    /// A rectangle, filled and/or stroked.
    case rect(Rect, fill: Color?, stroke: StrokeStyle?)
    /// An open polyline; its points are finite and near the plot (clipped in `Double`).
    case polyline([Point], StrokeStyle)
    /// The same marker at each point.
    case markers([Point], MarkerStyle)
    case text(TextRun)
    /// Clip what follows to a rectangle, until `unclip`.
    case clip(Rect)
    case unclip
}

/// What a primitive shows, so that tests (and readers of a recording) can find it.
package enum SceneRole: Sendable, Hashable {
    case background
    case plotBackground
    case grid(Axis)
    case spine(Axis)
    case tick(Axis)
    case minorTick(Axis)
    case tickLabel(Axis)
    case axisLabel(Axis)
    /// What an axis's tick labels are offset by and scaled with ("label × 1e−10 + 2").
    case axisOffset(Axis)
    case title
    case plotClip
    /// The drawn line of series `i` (smoothed when the chart smooths).
    case seriesLine(Int)
    /// The faded raw line under a smoothed series.
    case seriesRaw(Int)
    case seriesMarkers(Int)
    /// Finite points with no finite neighbour, which a line alone would not show.
    case seriesIsolatedPoints(Int)
    case divergence(Int)
    /// Triangles at the top (+∞) or bottom (−∞) edge of the plot for series `i`'s infinite values.
    case nonFinite(Int)
    case divergenceLabel(Int)
    case annotation(Int)
    case annotationLabel(Int)
    case legendFrame
    case legendSample(Int)
    case legendLabel(Int)
    case note
    /// The colour bar's strips, frame and ticks; its tick labels; its title.
    case colorBar
    case colorBarLabel
    case colorBarTitle
    /// The centred message of a chart with nothing to draw.
    case emptyMessage
    /// The contour line(s) of level `i` of a landscape, and its label.
    case contour(Int)
    case contourLabel(Int)
    /// Where the path of series `i` starts and ends on a landscape.
    case pathStart(Int)
    case pathEnd(Int)
}

/// One primitive and what it is.
package struct SceneItem: Sendable, Hashable {
    package var role: SceneRole
    package var element: SceneElement

    package init(_ role: SceneRole, _ element: SceneElement) {
        self.role = role
        self.element = element
    }
}

/// A tick on an axis.
package struct Tick: Sendable, Hashable {
    package var value: Double
    /// Scene coordinate along the axis.
    package var position: Double
    /// nil for a minor tick.
    package var label: String?

    package init(value: Double, position: Double, label: String?) {
        self.value = value
        self.position = position
        self.label = label
    }

    package var isMajor: Bool { label != nil }
}

/// How an axis came out.
package struct AxisSummary: Sendable, Hashable {
    package var axis: Axis
    package var mapping: AxisMapping
    package var ticks: [Tick]
    /// Values this axis could not show (non-positive on a log axis).
    package var hiddenCount: Int
    /// How the tick labels relate to the values when they are written from an offset
    /// ("label × 1e−10 + 2"); nil when each label is its value.
    package var offsetText: String? = nil

    package var scale: Scale { mapping.transform.scale }
    package var majorTicks: [Tick] { ticks.filter(\.isMajor) }
    package var labels: [String] { ticks.compactMap(\.label) }
}

/// A chart laid out: drawing primitives in CSS pixels, in painting order, plus the facts
/// tests want without pixels.
package struct Scene: Sendable, Hashable {
    package var size: Size
    package var items: [SceneItem]
    package var plotRect: Rect
    package var xAxis: AxisSummary
    package var yAxis: AxisSummary
    package var legendRect: Rect?
    /// Every note shown under the chart (the chart's own and the layout's).
    package var notes: [String]

    package init(size: Size, items: [SceneItem], plotRect: Rect, xAxis: AxisSummary, yAxis: AxisSummary,
                legendRect: Rect?, notes: [String]) {
        self.size = size
        self.items = items
        self.plotRect = plotRect
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.legendRect = legendRect
        self.notes = notes
    }

    /// The elements drawn in `role`.
    package func elements(_ role: SceneRole) -> [SceneElement] {
        items.filter { $0.role == role }.map(\.element)
    }

    /// The polylines drawn in `role`.
    package func polylines(_ role: SceneRole) -> [[Point]] {
        elements(role).compactMap { if case .polyline(let points, _) = $0 { return points } else { return nil } }
    }

    /// The text runs drawn in `role`, or all of them.
    package func texts(_ role: SceneRole? = nil) -> [TextRun] {
        items.compactMap { item in
            guard role == nil || item.role == role, case .text(let run) = item.element else { return nil }
            return run
        }
    }

    /// The points of the markers drawn in `role`.
    package func markerPoints(_ role: SceneRole) -> [Point] {
        elements(role).flatMap { element -> [Point] in
            if case .markers(let points, _) = element { return points } else { return [] }
        }
    }
}
