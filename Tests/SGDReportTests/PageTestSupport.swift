import Foundation
import SGDStudy
@testable import SGDReport
import TestSupport

/// The repository's `Templates/` folder, which the binary ships.
let templatesFolder = Repository.templates

/// The repository's templates as `ReportTemplates(directory:sources:)` takes them, keyed by partial name.
func shippedSources() throws -> [String: (text: String, file: String)] {
    var sources: [String: (text: String, file: String)] = [:]
    for (key, file) in [("study", "study.mustache"), ("index", "index.mustache"), ("style.css", "style.css")] {
        let url = templatesFolder.appendingPathComponent(file)
        sources[key] = (try String(contentsOf: url, encoding: .utf8), url.path)
    }
    return sources
}

/// Reads and trains a study given as JSON text, as if it were `studies/<file>`.
func trainedStudy(_ json: String, file: String = "studies/test.json") throws -> StudyResults {
    let study = try StudyReader().read(bytes: Array(json.utf8), file: file)
    return try StudyRunner(parallelism: 1).run(study)
}

/// The page model of a study given as JSON text, with a drawn PNG and SVG for each chart.
func pageModel(_ json: String, command: String = "sgdreport build studies/test.json") throws -> StudyPage {
    StudyPageBuilder.page(try pageInput(json, command: command))
}

func pageInput(_ json: String, command: String = "sgdreport build studies/test.json") throws -> StudyPageInput {
    let results = try trainedStudy(json)
    let charts = results.study.charts.map {
        ChartOnPage(definition: $0, pngPath: "charts/\($0.slug).png", svgPath: "charts/\($0.slug).svg", width: 720, height: 450, alt: "")
    }
    return StudyPageInput(study: results.study, results: results, charts: charts, command: command)
}

/// A new empty folder for one test.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("sgdreport-page-tests-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Every element name that opens a tag in `html` (`<p`, `<a`, …).
func tagNames(in html: String) -> Set<String> {
    var names: Set<String> = []
    var rest = html[...]
    while let open = rest.firstIndex(of: "<") {
        let name = rest[rest.index(after: open)...].prefix { $0.isLetter || $0.isNumber || $0 == "!" }
        if !name.isEmpty { names.insert(name.lowercased()) }
        rest = rest[rest.index(after: open)...]
    }
    return names
}

/// Attributes that would run script: `onload=`, `onerror=`, … inside a tag.
func eventHandlerAttributes(in html: String) -> [String] {
    // Quoted attribute values are text; blank them out first.
    let unquoted = try! NSRegularExpression(pattern: #""[^"]*""#)
        .stringByReplacingMatches(in: html, range: NSRange(location: 0, length: (html as NSString).length), withTemplate: "\"\"")
    let pattern = try! NSRegularExpression(pattern: #"<[a-zA-Z][^>]*\son[a-z]+\s*="#)
    let text = unquoted as NSString
    return pattern.matches(in: unquoted, range: NSRange(location: 0, length: text.length)).map { text.substring(with: $0.range) }
}
