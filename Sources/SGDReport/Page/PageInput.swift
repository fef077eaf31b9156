import SGDStudy

/// A chart as the study page shows it: what it draws and the files drawn for it.
public struct ChartOnPage: Sendable {
    public var definition: ChartDefinition
    /// The PNG, relative to the study folder (`charts/loss.png`); nil when not drawn.
    public var pngPath: String?
    /// The SVG, relative to the study folder (`charts/loss.svg`); nil when not drawn.
    public var svgPath: String?
    /// The size the image is shown at, in CSS pixels (the PNG has twice as many, for sharp
    /// screens).
    public var width: Int
    /// In CSS pixels, like `width`.
    public var height: Int
    /// What the chart shows, for readers who cannot see it; empty gives one made from the title.
    public var alt: String

    public init(definition: ChartDefinition, pngPath: String?, svgPath: String?, width: Int, height: Int, alt: String) {
        self.definition = definition
        self.pngPath = pngPath
        self.svgPath = svgPath
        self.width = width
        self.height = height
        self.alt = alt
    }
}

/// Everything the study page is made from.
public struct StudyPageInput: Sendable {
    /// The study the page is about.
    public var study: Study
    /// What its runs and signals produced (the run table, the signals' files).
    public var results: StudyResults
    /// In the order the page shows them (the study's order).
    public var charts: [ChartOnPage]
    /// The command that rebuilds this study, shown under "How to reproduce",
    /// e.g. `sgdreport build studies/momentum.json`.
    public var command: String

    public init(study: Study, results: StudyResults, charts: [ChartOnPage], command: String) {
        self.study = study
        self.results = results
        self.charts = charts
        self.command = command
    }
}
