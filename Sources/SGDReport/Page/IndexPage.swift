import SGDMarkdown
import Foundation
import SGDStudy

/// What `index.mustache` shows: every study folder in an output folder.
struct IndexPage: Sendable {
    var title: String
    var generator: String
    /// "3 studies"
    var summary: String
    var hasStudies: Bool
    var studies: [Entry]

    struct Entry: Sendable {
        var title: String
        /// `title` for element content, in `<bdi>` when it has a right-to-left letter.
        var titleHTML: String
        /// The first sentence of the description, as plain text.
        var summary: String
        /// `summary` for element content, in `<bdi>` when it has a right-to-left letter.
        var summaryHTML: String
        var hasSummary: Bool
        /// The folder's name.
        var folder: String
        /// `<folder>/index.html`
        var href: String
        var hasThumbnail: Bool
        var thumbnail: Thumbnail?
    }

    struct Thumbnail: Sendable {
        var src: String
        var alt: String
    }
}

/// One study folder as the index shows it: from a study built in this run, or read once from
/// the `study.json` of a folder an earlier build made.
struct IndexedStudy: Sendable {
    /// The folder's name (the study's slug).
    var folder: String
    /// The study's title; empty when it has none (the folder's name is shown).
    var title: String
    /// The study's description (Markdown).
    var description: String
    /// Whether the folder has its page (an older or interrupted build may have only `study.json`).
    var hasPage: Bool
    /// The chart files to try as the thumbnail, relative to the study folder, best first; the
    /// first that exists is used, else the first chart file by name.
    var thumbnailCandidates: [String]

    /// A study this build wrote: everything is known, nothing is read.
    init(_ built: BuiltStudy) {
        folder = built.layout.slug
        title = built.study.title
        description = built.study.description
        hasPage = true
        thumbnailCandidates = built.charts.compactMap { $0.pngPath ?? $0.svgPath }
    }

    /// A folder an earlier build made, from its `study.json` (a file that does not parse gives
    /// the folder's name and nothing else).
    init(folder: String, in outputDirectory: String) {
        let path = outputDirectory + "/" + folder
        self.folder = folder
        title = ""
        description = ""
        var chartNames: [String] = []
        if let data = FileManager.default.contents(atPath: path + "/" + StudyFolderLayout.studyFile),
            case .success(let parsed) = JSONParser.parse([UInt8](data))
        {
            if case .string(let text)? = parsed.root["title"]?.kind { title = text }
            if case .string(let text)? = parsed.root["description"]?.kind { description = text }
            if case .array(let charts)? = parsed.root["charts"]?.kind {
                chartNames = charts.compactMap { chart in
                    if case .string(let chartName)? = chart["name"]?.kind { return chartName }
                    return nil
                }
            }
        }
        hasPage = FileManager.default.fileExists(atPath: path + "/" + StudyFolderLayout.page)
        thumbnailCandidates = chartNames.flatMap { name in
            StudyFolderLayout.chartExtensions.map { StudyFolderLayout.chart(Slug.fileName(for: name, fallback: "chart"), format: $0) }
        }
    }
}

/// Makes the output folder's index: every subfolder with a `study.json` is a study, whichever
/// build made it. The studies built now are handed in; only the other folders are read.
enum IndexPageBuilder {
    static func page(outputDirectory: String, built: [BuiltStudy] = []) throws(BuildError) -> IndexPage {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: outputDirectory)
        } catch {
            throw BuildError.cannotWrite(
                path: outputDirectory + "/" + StudyFolderLayout.page, reason: "cannot list the output folder: \(error.localizedDescription)")
        }
        let builtByFolder = Dictionary(built.map { ($0.layout.slug, $0) }, uniquingKeysWith: { _, last in last })
        var entries: [IndexPage.Entry] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            if let study = builtByFolder[name] {
                entries.append(entry(IndexedStudy(study), outputDirectory: outputDirectory))
                continue
            }
            let folder = outputDirectory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
                FileManager.default.fileExists(atPath: folder + "/" + StudyFolderLayout.studyFile)
            else { continue }
            entries.append(entry(IndexedStudy(folder: name, in: outputDirectory), outputDirectory: outputDirectory))
        }
        entries.sort { ($0.title.lowercased(), $0.title, $0.folder) < ($1.title.lowercased(), $1.title, $1.folder) }
        return IndexPage(
            title: "Studies",
            generator: SGDReportVersion.generator,
            summary: entries.count == 1 ? "1 study" : "\(entries.count) studies",
            hasStudies: !entries.isEmpty,
            studies: entries)
    }

    static func entry(_ study: IndexedStudy, outputDirectory: String) -> IndexPage.Entry {
        let name = study.folder
        let title = study.title.isEmpty ? name : study.title
        let segment = HTMLText.pathSegment(name)
        let page = "\(segment)/" + (study.hasPage ? StudyFolderLayout.page : StudyFolderLayout.studyFile)
        let summary = MarkdownRenderer.summary(study.description)
        let thumbnail = thumbnailFile(folder: outputDirectory + "/" + name, candidates: study.thumbnailCandidates).map {
            IndexPage.Thumbnail(src: "\(segment)/\(StudyPageBuilder.relativeHref($0))", alt: "The first chart of “\(title)”")
        }
        return IndexPage.Entry(
            title: title, titleHTML: HTMLText.isolated(title), summary: summary, summaryHTML: HTMLText.isolated(summary), hasSummary: !summary.isEmpty, folder: name, href: page,
            hasThumbnail: thumbnail != nil, thumbnail: thumbnail)
    }

    /// The first chart's image, relative to the study folder: the first candidate (the study's
    /// charts in order, PNG before SVG) that exists, else the first chart file by name (a PNG,
    /// or an SVG when there is none).
    static func thumbnailFile(folder: String, candidates: [String]) -> String? {
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: folder + "/" + $0) }) { return found }
        let charts = StudyFolderLayout.chartsFolder
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + charts)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return (files.first { $0.hasSuffix(".png") } ?? files.first { $0.hasSuffix(".svg") }).map { charts + "/" + $0 }
    }
}
