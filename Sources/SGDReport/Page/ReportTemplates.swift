import Foundation
import Mustache

/// The page templates, loaded and checked: `study.mustache` (a study's page),
/// `index.mustache` (the output folder's index) and the partials they include, such as
/// `style.css`, which each page embeds so that it is one self-contained file.
///
/// Loading checks every template against the page model (`TemplateCheck`), so a template
/// that does not parse, names a value the page does not have or would insert study text
/// without escaping is refused before anything is built, with its file and line.
public struct ReportTemplates: Sendable {
    /// The folder the templates were read from.
    public let directory: String
    private let library: MustacheLibrary
    /// The texts of template pieces that need no parsing, which the page's root object carries
    /// (`TemplatePieces`).
    private let texts: [String: String]

    static let studyTemplate = "study"
    static let indexTemplate = "index"

    /// Loads the templates in `directory` (`--templates DIR`), or the default ones found
    /// beside the program when nil.
    ///
    /// - Throws: `BuildError.templates` for a `directory` without usable templates;
    ///   `BuildError.installedTemplates` when the default ones are not found or not usable.
    public static func load(directory: String?) throws(BuildError) -> ReportTemplates {
        if let directory { return try load(folder: directory) }
        do {
            return try load(folder: TemplateLocator.defaultDirectory())
        } catch {
            guard case .templates(let reason) = error else { throw error }
            throw BuildError.installedTemplates(reason: reason)
        }
    }

    private static func load(folder: String) throws(BuildError) -> ReportTemplates {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError.templates(reason: "\(folder) is not a folder\n  hint: --templates names a folder with study.mustache, index.mustache and style.css")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw BuildError.templates(reason: "cannot read the folder \(folder): \(error.localizedDescription)")
        }
        var sources: [String: (text: String, file: String)] = [:]
        for name in names where !name.hasPrefix(".") && (name.hasSuffix(".mustache") || name.hasSuffix(".css")) {
            let file = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: file) else {
                throw BuildError.templates(reason: "cannot read \(file)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw BuildError.templates(reason: "\(file) is not UTF-8 text")
            }
            let key = name.hasSuffix(".mustache") ? String(name.dropLast(".mustache".count)) : name
            sources[key] = (text, file)
        }
        for required in [studyTemplate, indexTemplate] where sources[required] == nil {
            throw BuildError.templates(reason: "\(folder) has no \(required).mustache\n  hint: copy it from sgdreport's Templates/ folder")
        }
        return try ReportTemplates(directory: folder, sources: sources)
    }

    /// Templates from text, keyed by partial name (`study`, `index`, `style.css`), for tests.
    init(directory: String, sources: [String: (text: String, file: String)]) throws(BuildError) {
        let ordered = sources.sorted(by: { $0.key < $1.key })
        // Each file's tags, scanned once: for the checks, and to cut templates into pieces.
        var tags: [String: [TemplateCheck.Tag]] = [:]
        tags.reserveCapacity(sources.count)
        for (name, source) in ordered {
            tags[name] = try? TemplateCheck.tags(in: source.text, file: source.file)
        }
        var pieces = TemplatePieces(cuts: TemplatePieces.canCut(sources, tags: tags))
        for (name, source) in ordered {
            let fileTags: [TemplateCheck.Tag]
            do throws(TemplateCheck.Problem) {
                if let scanned = tags[name] {
                    fileTags = scanned
                } else {
                    // A file whose tags could not be scanned: scanned again for its problem.
                    fileTags = try TemplateCheck.tags(in: source.text, file: source.file)
                }
                try TemplateCheck.checkSections(fileTags, file: source.file)
            } catch {
                throw BuildError.templates(reason: error.description)
            }
            do {
                try pieces.add(name, text: source.text, tags: fileTags)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.line.trimmingCharacters(in: .whitespaces)
                throw BuildError.templates(reason: "\(source.file):\(error.context.lineNumber):\(error.context.columnNumber): \(Self.describe(error.error))" + (line.isEmpty ? "" : "\n  \(line)"))
            } catch {
                throw BuildError.templates(reason: "\(source.file): \(error)")
            }
        }
        do {
            try TemplateCheck.check(template: Self.studyTemplate, in: sources, scanned: tags, model: PageSamples.study.object)
            try TemplateCheck.check(template: Self.indexTemplate, in: sources, scanned: tags, model: PageSamples.index.object)
        } catch {
            throw BuildError.templates(reason: error.description)
        }
        self.directory = directory
        self.library = MustacheLibrary(templates: pieces.templates)
        self.texts = pieces.texts
    }

    /// The HTML of a study's page, `<output>/<study>/index.html`.
    public func studyPage(_ input: StudyPageInput) throws(BuildError) -> String {
        try render(object: StudyPageBuilder.page(input).object, with: Self.studyTemplate)
    }

    /// The HTML of `<outputDirectory>/index.html`: every study folder in `outputDirectory`
    /// (any subfolder with a `study.json`), whichever build made it. Call it after the
    /// studies are in place; `built` are those this build wrote (not read again).
    ///
    /// - Throws: `BuildError.cannotWrite` when the folder cannot be listed.
    public func indexPage(outputDirectory: String, built: [BuiltStudy] = []) throws(BuildError) -> String {
        try render(object: IndexPageBuilder.page(outputDirectory: outputDirectory, built: built).object, with: Self.indexTemplate)
    }

    /// Renders a page model (`StudyPage`, `IndexPage`) as Mustache sees it: `PageObject.make`.
    func render(_ model: Any, with template: String) throws(BuildError) -> String {
        let root = PageObject.make(model)
        guard let object = root as? PageObject else {
            throw BuildError.templates(reason: "\(template).mustache renders a page model, not \(type(of: model))")
        }
        return try render(object: object, with: template)
    }

    private func render(object: PageObject, with template: String) throws(BuildError) -> String {
        guard let html = library.render(object.adding(texts), withTemplate: template) else {
            throw BuildError.templates(reason: "\(directory) has no \(template).mustache")
        }
        return html
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: return "this {{/…}} does not close the section that is open"
        case .unfinishedName: return "a tag is not finished: a name has a character other than letters, digits and . - _ ?, or }} is missing"
        case .expectedSectionEnd: return "a section is never closed: {{#name}} needs a {{/name}}"
        case .invalidSetDelimiter: return "a {{=…=}} tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform on an inheritance block"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: return "something other than {{$block}}s inside {{<parent}}"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "a malformed pragma {{%…}}"
        case nil: return "\(error)"
        }
    }
}
