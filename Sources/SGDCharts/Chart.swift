/// A chart as a value: what to show, not how to draw it. `layout(measurer:)` turns it into a `Scene`.
package struct Chart: Sendable, Hashable {
    package var title: String
    package var xLabel: String
    package var yLabel: String
    package var series: [Series]
    package var xScale: Scale
    package var yScale: Scale
    /// TensorBoard-style smoothing weight in 0..<1; nil or 0 draws the raw data only.
    package var smoothing: Double?
    /// Size in CSS pixels.
    package var width: Double
    package var height: Double
    /// Device pixels per CSS pixel of the PNG (2 for sharp text on high-density screens).
    package var scale: Double
    /// Lines of small print under the chart.
    package var notes: [String]
    package var annotations: [Annotation]
    package var legend: LegendPlacement
    /// Fixed visible ranges; nil fits the data.
    package var xDomain: ClosedRange<Double>?
    package var yDomain: ClosedRange<Double>?
    /// Colours series by their `colorValue` with a colour bar when they are too many for a legend.
    package var colorScale: ColorScale?
    /// Contour lines drawn under the series, with each series' start and end marked (a
    /// `landscape` chart); nil for none.
    package var contours: ContourOverlay? = nil
    /// Names of the y axis's rows, top first (a dot plot, matplotlib's `barh` layout): row i (from
    /// 0) lies at y = count − i, labelled with `yCategories[i]` instead of numeric ticks; the y
    /// domain is 0.5…count + 0.5 unless `yDomain` says otherwise. Its series are `.markers` at
    /// (value, row); a `.line` series is a reference (a vertical line across the rows, as the alt
    /// text names it). nil for a numeric y axis.
    package var yCategories: [String]? = nil

    package init(title: String = "", xLabel: String = "", yLabel: String = "", series: [Series] = [],
                xScale: Scale = .linear, yScale: Scale = .linear, smoothing: Double? = nil,
                width: Double = 720, height: Double = 450, scale: Double = 2, notes: [String] = [],
                annotations: [Annotation] = [], legend: LegendPlacement = .automatic,
                xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil,
                colorScale: ColorScale? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xScale = xScale
        self.yScale = yScale
        self.smoothing = smoothing
        self.width = width
        self.height = height
        self.scale = scale
        self.notes = notes
        self.annotations = annotations
        self.legend = legend
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.colorScale = colorScale
    }
}

/// One line (or set of points) on a chart.
package struct Series: Sendable, Hashable {
    package var name: String
    package var x: [Double]
    package var y: [Double]
    package var style: SeriesStyle
    /// Where the run behind this series diverged, if it did.
    package var divergence: DivergenceMark?
    /// What the note under the chart says of this series' +∞ values (marked at the top edge)
    /// instead of "2 values +∞ marked ▲ at the top edge" — e.g. which runs diverged.
    package var infinityNote: String?
    /// The value that places this series on the chart's `colorScale` (the run's swept setting).
    package var colorValue: Double?
    /// A fixed colour; nil takes the next colour of the palette.
    package var color: Color? = nil

    package init(name: String, x: [Double], y: [Double], style: SeriesStyle = .automatic,
                divergence: DivergenceMark? = nil, infinityNote: String? = nil, colorValue: Double? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.style = style
        self.divergence = divergence
        self.infinityNote = infinityNote
        self.colorValue = colorValue
    }

    /// A series against its index, counting from 1 (steps, epochs).
    package init(name: String, y: [Double], style: SeriesStyle = .automatic, divergence: DivergenceMark? = nil) {
        self.init(name: name, x: (0..<y.count).map { Double($0 + 1) }, y: y, style: style, divergence: divergence)
    }
}

/// How a series is drawn.
package enum SeriesStyle: Sendable, Hashable {
    /// A line, with markers when the series is short (at most 60 finite points).
    case automatic
    case line
    case markers
    case lineAndMarkers
}

/// Where a run stopped being finite: a dashed vertical rule at `x` in the series' colour, topped
/// by a cross, with `label` beside it ("diverged at step 123"). Works for a time axis (the step)
/// and for a summary chart (the setting whose run diverged).
package struct DivergenceMark: Sendable, Hashable {
    package var x: Double
    package var label: String

    package init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// Something drawn over the data that is not a series.
package enum Annotation: Sendable, Hashable {
    /// A thin dashed vertical rule at `x`, labelled near the top of the plot.
    case verticalRule(x: Double, label: String)
    /// A thin dashed horizontal rule at `y` (a target, a minimum), labelled at the right.
    case horizontalRule(y: Double, label: String)
    /// A labelled point.
    case point(x: Double, y: Double, label: String)
}

/// Where the legend goes.
package enum LegendPlacement: Sendable, Hashable {
    /// Inside the plot in the corner (or edge) with the fewest data under it; outside to the right
    /// or below when no place inside is clear. Shown when there are two series or more, or one
    /// with a name.
    case automatic
    case hidden
    case inside(LegendCorner)
    case right
    case below
}

package enum LegendCorner: Sendable, Hashable, CaseIterable {
    case topRight, topLeft, bottomLeft, bottomRight, topCenter, bottomCenter, centerRight, centerLeft
}
