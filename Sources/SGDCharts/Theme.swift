/// The look of a chart: a clean white background, a light grid, dark readable text — close to
/// matplotlib's and seaborn's "whitegrid" defaults at 100 dpi.
struct Theme: Sendable {
    var background = Color.white
    var text = Color(hex: 0x1F1F1F)
    var tickText = Color(hex: 0x454545)
    var noteText = Color(hex: 0x6B6B6B)
    var grid = Color(hex: 0xE6E6E6)
    var spine = Color(hex: 0x5A5A5A)
    var legendBorder = Color(hex: 0xD0D0D0)
    var annotation = Color(hex: 0x6B6B6B)

    var titleFont = Font(size: 15, weight: .bold)
    var labelFont = Font(size: 12.5)
    var tickFont = Font(size: 11)
    var legendFont = Font(size: 11)
    var noteFont = Font(size: 10.5, italic: true)
    var annotationFont = Font(size: 10.5)
    var messageFont = Font(size: 13, italic: true)

    var padding = 12.0
    var titleGap = 10.0
    var tickLength = 4.5
    var minorTickLength = 2.5
    var tickPad = 3.0
    var labelPad = 6.0
    var gridWidth = 1.0
    var spineWidth = 1.0

    var lineWidth = 1.75
    var rawLineWidth = 1.1
    var rawAlpha = 0.28
    var markerSize = 6.5
    /// Series with at most this many finite points get markers when their style is automatic.
    var markerThreshold = 60

    /// Space around the data, as fractions of the data's transformed range.
    var xMargin = 0.03
    var yMargin = 0.05

    static let standard = Theme()
}
