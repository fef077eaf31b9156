import Foundation
import SGDReport
import SGDStudy
import TestSupport

/// Builds report folders through the library, as `StudyBuilder` will once the page is wired
/// into the build: the traces, `study.json` and `results.json` from `StudyBuilder`, stand-in
/// chart images (so the page test does not depend on Cairo), the page and the index.
enum PageFixtures {
    /// The CSS size of the stand-in charts (the real ones default to 720×450).
    static let chartWidth = 720, chartHeight = 450

    static let templates = Repository.templates

    /// Every bundled study file, by name.
    static func bundledStudies() throws -> [URL] { try Repository.bundledStudies() }

    /// Builds each study into `output` and writes `output/index.html`; returns the study pages.
    @discardableResult
    static func build(_ studyFiles: [URL], into output: URL) throws -> [URL] {
        let templates = try ReportTemplates.load(directory: templates.path)
        var pages: [URL] = []
        for file in studyFiles {
            let study = try StudyReader().read(path: file.path)
            pages.append(try build(study, into: output, templates: templates, command: "sgdreport build studies/\(file.lastPathComponent)"))
        }
        try Data(templates.indexPage(outputDirectory: output.path).utf8).write(to: output.appendingPathComponent("index.html"))
        return pages
    }

    /// Builds `study` with the real builder (runs, charts, page); returns its page.
    static func build(_ study: Study, into output: URL, templates: ReportTemplates, command: String) throws -> URL {
        let builder = StudyBuilder(options: BuildOptions(outputDirectory: output.path, parallelism: 2), templates: templates)
        let built = try builder.build(study, command: command)
        return URL(fileURLWithPath: built.folder).appendingPathComponent("index.html")
    }
}
