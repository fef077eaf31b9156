/// What `study.mustache` shows: every value already formatted as text, so the template only
/// places it. Mustache escapes every `{{value}}`; only properties whose names end in `HTML`
/// (rendered Markdown) may go in triple braces, which `TemplateCheck` enforces.
struct StudyPage: Sendable {
    /// The study's title (or its folder's name) as plain text: the `<title>`, without isolates.
    var title: String
    /// `title` escaped for element content, in `<bdi>` when it has a right-to-left letter.
    var titleHTML: String
    /// "sgdreport 0.1.0"
    var generator: String
    /// "4 runs · 3 charts · 116,200 updates"; a count of nothing is left out.
    var summary: String
    var hasDescription: Bool
    var descriptionHTML: String

    var runCount: String
    /// False for a study of signals alone: the page has no runs section.
    var hasRuns: Bool
    /// "Every run", or "The run" for one run: the heading of `sharedSettings`.
    var sharedSettingsHeading: String
    var hasSharedSettings: Bool
    /// The settings every run shares, said once above the table.
    var sharedSettings: [Setting]
    /// The settings that differ between runs: the settings columns of the runs table.
    var columns: [Column]
    var columnCount: String
    /// Some setting differs between runs (so the table has settings columns).
    var hasDifferences: Bool
    var runs: [RunRow]
    var hasDivergence: Bool

    var hasCharts: Bool
    var charts: [Figure]

    var hasSignals: Bool
    var signals: [FileLink]
    /// The CSV files the runs read, copied into the report (`data/input.csv`).
    var inputFiles: [FileLink]
    /// `<study>.xlsx`: the study as a workbook.
    var workbook: FileLink
    var studyFile: FileLink
    var resultsFile: FileLink

    var command: String
    var version: String
    var seeds: String

    struct Setting: Sendable {
        var label: String
        var value: String
    }

    struct Column: Sendable {
        var label: String
        /// A short explanation (the header's `title`).
        var help: String
    }

    struct Cell: Sendable {
        var text: String
        /// A model's formula, which reads badly when wrapped.
        var isFormula: Bool
    }

    /// A number shown rounded, with its exact value a hover away.
    struct Number: Sendable {
        var text: String
        var exact: String
    }

    struct Weight: Sendable {
        var name: String
        var value: Number
    }

    struct RunRow: Sendable {
        /// The run's name as the study gives it (plain text, no isolates).
        var name: String
        /// `name` for element content: a right-to-left name (a swept run's base name) in
        /// `<bdi>`, its settings after it (`<bdi>خطي</bdi> lr=1e-5`).
        var nameHTML: String
        /// `run-<slug>`: a fragment to link to.
        var anchor: String
        var settings: [Cell]
        var diverged: Bool
        /// "diverged at step 12 (epoch 1)"; nil when every step stayed finite.
        var divergence: String?
        /// What stopped being finite, in words (the badge's `title`).
        var divergenceDetail: String
        var sqrtSSE: Number
        var mse: Number
        var weights: [Weight]
        /// "and 19 more in the epochs CSV"; nil when every weight is shown.
        var moreWeights: String?
        var steps: FileLink
        var epochs: FileLink
    }

    struct Figure: Sendable {
        /// The chart's title as plain text (no isolates).
        var title: String
        /// `title` for element content, in `<bdi>` when it has a right-to-left letter.
        var titleHTML: String
        /// `chart-<slug>`
        var anchor: String
        var hasImage: Bool
        var image: Image?
        var hasCaption: Bool
        var captionHTML: String
        var hasDownloads: Bool
        var downloads: [FileLink]
    }

    struct Image: Sendable {
        var src: String
        var width: String
        var height: String
        var alt: String
    }

    struct FileLink: Sendable {
        /// What the link shows: a file name or a format ("PNG").
        var label: String
        /// Relative to the study page.
        var href: String
        /// What the file holds.
        var note: String
        /// `note` for element content with the name it quotes in `<bdi>`; nil when `note`
        /// quotes no name (a template then shows `note`).
        var noteHTML: String? = nil
    }
}
