/// sgdreport's version, shown by `--version`, written into `study.json` and on every page.
package enum SGDReportVersion {
    /// Semantic version: `major.minor.patch`.
    package static let current = "0.1.0"
    /// `sgdreport <version>`: the `generator` of `study.json` and the pages.
    package static var generator: String { "sgdreport \(current)" }
}
