import SGDStudy

/// Where each file of a study's folder goes (SPEC §2, §4), the one place that spells them out:
///
///     <slug>/index.html                 the page
///     <slug>/study.json                 the study as built; marks the folder as sgdreport's own
///     <slug>/results.json               per run: steps, final error and weights
///     <slug>/<slug>.xlsx                the study as a workbook
///     <slug>/data/<run>.steps.csv       one row per update (every n-th with record.every)
///     <slug>/data/<run>.epochs.csv      one row per epoch (every m-th with record.epochs)
///     <slug>/data/<signal>.csv          a signal's points
///     <slug>/data/input.csv             the CSV data the runs read, copied in (`input-2.csv`, …)
///     <slug>/charts/<chart>.png|svg     each chart
///     <slug>/media/…                    the images the study's Markdown shows
///
/// Every path is relative to the study folder, `/`-separated, made of slugs (so no encoding is
/// needed on disk; links encode each segment). The builder writes these files, the staging
/// folder keeps every other file of the user's on a rebuild, and the pages link to them.
package struct StudyFolderLayout: Sendable, Equatable {
    /// The study's slug: the folder's name and the workbook's.
    package var slug: String

    package init(slug: String) {
        self.slug = slug
    }

    /// The study's page.
    package static let page = "index.html"
    /// The study as built; a folder with this file is one sgdreport made.
    package static let studyFile = "study.json"
    /// Per run: steps, final error and weights, where it diverged.
    package static let resultsFile = "results.json"
    /// The traces, the signals and the CSV data copied in.
    package static let dataFolder = "data"
    /// The charts' PNG and SVG files.
    package static let chartsFolder = "charts"
    /// Copies of the images the study's Markdown shows (`Study.Image.outputPath`).
    package static let mediaFolder = "media"
    /// The file formats a chart is drawn in, in the order a thumbnail prefers them.
    package static let chartExtensions = ["png", "svg"]

    /// `<slug>.xlsx`
    package var workbook: String { "\(slug).xlsx" }

    /// `data/<run>.steps.csv`
    package static func steps(run slug: String) -> String { "\(dataFolder)/\(slug).steps.csv" }
    /// `data/<run>.epochs.csv`
    package static func epochs(run slug: String) -> String { "\(dataFolder)/\(slug).epochs.csv" }
    /// `data/<signal>.csv`
    package static func signal(_ slug: String) -> String { "\(dataFolder)/\(slug).csv" }
    /// `charts/<chart>.<png|svg>`
    package static func chart(_ slug: String, format: String) -> String { "\(chartsFolder)/\(slug).\(format)" }

    /// Whether `relative` (a path inside a study folder) is one of the files a build writes:
    /// those above, and the folders that hold them. Such files in the previous folder are
    /// replaced (or, for a chart or run no longer in the study, dropped); any other file is the
    /// user's and is kept.
    package func isWrittenBySGDReport(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
        if parts.first.map(String.init) == Self.mediaFolder { return true }
        switch parts.count {
        case 1:
            return [Self.page, Self.studyFile, Self.resultsFile, Self.chartsFolder, Self.dataFolder, workbook]
                .contains(String(parts[0]))
        case 2 where parts[0] == Self.chartsFolder:
            return Self.chartExtensions.contains { parts[1].hasSuffix("." + $0) }
        case 2 where parts[0] == Self.dataFolder:
            return parts[1].hasSuffix(".csv")
        default:
            return false
        }
    }

    /// The folders whose files are judged one by one by `isWrittenBySGDReport` (a user's file
    /// inside them is kept); every other top-level entry is judged whole.
    package static let foldersOfFiles = [chartsFolder, dataFolder]
}
