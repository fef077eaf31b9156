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
        /// The first sentence of the description, as plain text.
        var summary: String
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

/// Reads an output folder for its index: every subfolder with a `study.json` is a study,
/// whichever build made it.
enum IndexPageBuilder {
    static func page(outputDirectory: String) throws(BuildError) -> IndexPage {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: outputDirectory)
        } catch {
            throw BuildError.cannotWrite(path: outputDirectory + "/index.html", reason: "cannot list the output folder: \(error.localizedDescription)")
        }
        var entries: [IndexPage.Entry] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let folder = outputDirectory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
                FileManager.default.fileExists(atPath: folder + "/study.json")
            else { continue }
            entries.append(entry(folder: folder, name: name))
        }
        entries.sort { ($0.title.lowercased(), $0.title, $0.folder) < ($1.title.lowercased(), $1.title, $1.folder) }
        return IndexPage(
            title: "Studies",
            generator: SGDReportVersion.generator,
            summary: entries.count == 1 ? "1 study" : "\(entries.count) studies",
            hasStudies: !entries.isEmpty,
            studies: entries)
    }

    static func entry(folder: String, name: String) -> IndexPage.Entry {
        var title = name
        var description = ""
        var chartNames: [String] = []
        if let data = FileManager.default.contents(atPath: folder + "/study.json"),
            case .success(let parsed) = JSONParser.parse([UInt8](data))
        {
            if case .string(let text)? = parsed.root["title"]?.kind, !text.isEmpty { title = text }
            if case .string(let text)? = parsed.root["description"]?.kind { description = text }
            if case .array(let charts)? = parsed.root["charts"]?.kind {
                chartNames = charts.compactMap { chart in
                    if case .string(let chartName)? = chart["name"]?.kind { return chartName }
                    return nil
                }
            }
        }
        let segment = HTMLText.pathSegment(name)
        let page = FileManager.default.fileExists(atPath: folder + "/index.html") ? "\(segment)/index.html" : "\(segment)/study.json"
        let summary = MarkdownRenderer.summary(description)
        let thumbnail = thumbnailFile(folder: folder, chartNames: chartNames).map {
            IndexPage.Thumbnail(src: "\(segment)/charts/\(HTMLText.pathSegment($0))", alt: "The first chart of “\(title)”")
        }
        return IndexPage.Entry(
            title: title, summary: summary, hasSummary: !summary.isEmpty, folder: name, href: page,
            hasThumbnail: thumbnail != nil, thumbnail: thumbnail)
    }

    /// The first chart's image: the study's first chart if it was drawn, else the first chart
    /// file by name; its PNG, or its SVG when the study was built with `--format svg`.
    static func thumbnailFile(folder: String, chartNames: [String]) -> String? {
        let charts = folder + "/charts"
        for name in chartNames {
            for format in ["png", "svg"] {
                let file = Slug.make(name) + "." + format
                if FileManager.default.fileExists(atPath: charts + "/" + file) { return file }
            }
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: charts)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return files.first { $0.hasSuffix(".png") } ?? files.first { $0.hasSuffix(".svg") }
    }
}
