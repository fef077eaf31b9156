import Foundation
import Testing
@testable import SGDReport

/// The shipped templates and what loading templates checks.
@Suite struct TemplateTests {
    @Test func theShippedTemplatesLoadAndEveryTagResolves() throws {
        let templates = try ReportTemplates.load(directory: templatesFolder.path)
        #expect(templates.directory == templatesFolder.path)
        // The same check, tag by tag, so a failure names the tag.
        let sources = try shippedSources()
        for (name, model) in [("study", PageSamples.study as Any), ("index", PageSamples.index as Any)] {
            #expect(throws: Never.self) { try TemplateCheck.check(template: name, in: sources, model: model) }
            let tags = try TemplateCheck.tags(in: sources[name]!.text, file: sources[name]!.file)
            #expect(tags.contains { $0.kind == .partial && $0.name == "style.css" }, "\(name) embeds the stylesheet")
            #expect(tags.filter { $0.kind == .unescaped }.allSatisfy { $0.name.hasSuffix("HTML") })
        }
    }

    @Test func theSamplesLeaveNothingEmpty() {
        // An empty optional or list in a sample would leave the tags inside it unchecked.
        func emptyParts(_ value: Any, path: String) -> [String] {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional:
                guard let wrapped = mirror.children.first?.value else { return [path] }
                return emptyParts(wrapped, path: path)
            case .collection:
                if mirror.children.isEmpty { return [path] }
                return mirror.children.enumerated().flatMap { emptyParts($1.value, path: "\(path)[\($0)]") }
            case .struct:
                return mirror.children.flatMap { emptyParts($0.value, path: "\(path).\($0.label ?? "?")") }
            default:
                return []
            }
        }
        #expect(emptyParts(PageSamples.study, path: "study") == [])
        #expect(emptyParts(PageSamples.index, path: "index") == [])
    }

    @Test func renderedPagesHaveNoLeftoverTagsAndStartWithTheDoctype() throws {
        let templates = try ReportTemplates.load(directory: templatesFolder.path)
        let page = try templates.render(PageSamples.study, with: "study")
        let index = try templates.render(PageSamples.index, with: "index")
        for html in [page, index] {
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
            #expect(!html.contains("{{") && !html.contains("}}"))
            #expect(html.contains("<style>\n/* sgdreport pages") && html.contains(":root {"), "the stylesheet is embedded")
            #expect(!html.contains("http://") && !html.contains("https://"), "nothing is loaded from the network")
            #expect(!html.contains("<script"))
        }
    }

    @Test func aTagThePageDoesNotHaveIsAnErrorNamingTheFileAndLine() throws {
        let problem = try loadProblem(study: "<h1>{{title}}</h1>\n<p>{{titel}}</p>\n")
        #expect(problem.contains("/study.mustache:2: {{titel}} is not in the page model"), "\(problem)")
        #expect(problem.contains("title"), "lists what the page offers: \(problem)")
        #expect(problem.hasSuffix("\n  hint: did you mean {{title}}?"), "names the fix: \(problem)")

        let nested = try loadProblem(study: "{{#runs}}\n{{name}} {{sqrtSSE.txt}}\n{{/runs}}")
        #expect(nested.contains("study.mustache:2: {{sqrtSSE.txt}} is not in the page model"), "\(nested)")
        #expect(nested.contains("\n  hint: "), "names the fix: \(nested)")

        let section = try loadProblem(study: "{{#chart}}{{/chart}}")
        #expect(section.contains("{{#chart}} is not in the page model"), "\(section)")
    }

    @Test func namesResolveThroughTheSectionsAroundThem() throws {
        // Inside {{#runs}}, {{title}} is the study's title (Mustache looks up the stack).
        #expect(throws: Never.self) {
            try ReportTemplates(directory: "t", sources: [
                "study": ("{{#runs}}{{title}} {{name}}{{#weights}}{{name}}={{value.text}}{{/weights}}{{/runs}}{{#charts}}{{#image}}{{src}}{{/image}}{{/charts}}", "t/study.mustache"),
                "index": ("{{#studies}}{{title}}{{#thumbnail}}{{src}}{{/thumbnail}}{{/studies}}", "t/index.mustache"),
            ])
        }
    }

    @Test func studyTextInTripleBracesIsRefused() throws {
        let problem = try loadProblem(study: "<title>{{{title}}}</title>")
        #expect(problem.contains("{{{title}}} would insert title without escaping"), "\(problem)")
        let ampersand = try loadProblem(study: "{{#runs}}{{& name}}{{/runs}}")
        #expect(ampersand.contains("would insert name without escaping"), "\(ampersand)")
    }

    @Test func whatTheCheckCannotFollowIsRefused() throws {
        #expect(try loadProblem(study: "{{=<% %>=}}").contains("changing the delimiters"))
        #expect(try loadProblem(study: "{{% CONTENT_TYPE: TEXT}}").contains("pragmas"))
        #expect(try loadProblem(study: "{{uppercased(title)}}").contains("transforms"))
        #expect(try loadProblem(study: "{{> nowhere}}").contains("the partial {{> nowhere}} does not exist"))
        // Every one of them names its fix.
        for template in ["{{=<% %>=}}", "{{% CONTENT_TYPE: TEXT}}", "{{uppercased(title)}}", "{{> nowhere}}", "{{> indx}}", "{{}}", "{{<base}}{{/base}}", "{{title"] {
            #expect(try loadProblem(study: template).contains("\n  hint: "), "\(template)")
        }
        #expect(try loadProblem(study: "{{> indx}}").hasSuffix("hint: did you mean {{> index}}?"))
    }

    @Test func aTemplateThatDoesNotParseIsAnErrorNamingTheFile() throws {
        let problem = try loadProblem(study: "line one\n{{#runs}}\n{{name}}\n{{/charts}}\n")
        #expect(problem.contains("/study.mustache:4:"), "\(problem)")
        let unclosed = try loadProblem(study: "<p>\n{{#runs}}{{name}}\n")
        #expect(unclosed.contains("/study.mustache:2: the section {{#runs}} is never closed: add {{/runs}}"), "\(unclosed)")
        let crossed = try loadProblem(study: "{{#runs}}\n{{#weights}}\n{{/runs}}\n{{/weights}}")
        #expect(crossed.contains("/study.mustache:3: {{/runs}} closes a section that is not open: the section open here is {{#weights}} (line 2)"), "\(crossed)")
        let bad = try loadProblem(study: "{{#runs}}{{na me}}{{/runs}}")
        #expect(bad.contains("/study.mustache:1:"), "\(bad)")
    }

    @Test func missingTemplatesAreClearErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{title}}".write(to: folder.appendingPathComponent("study.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: BuildError.templates(reason: "\(folder.path) has no index.mustache\n  hint: copy it from sgdreport's Templates/ folder")) {
            try ReportTemplates.load(directory: folder.path)
        }
        let nowhere = folder.appendingPathComponent("nowhere").path
        #expect(throws: BuildError.self) { try ReportTemplates.load(directory: nowhere) }
        do {
            _ = try ReportTemplates.load(directory: nowhere)
            Issue.record("templates loaded from a folder that is not there")
        } catch {
            #expect(error.description.hasPrefix("error: page templates: \(nowhere) is not a folder"))
        }
    }

    // MARK: Finding the default templates

    @Test func theDefaultTemplatesAreFoundAboveTheRunningProgram() throws {
        // The test runner lives under .build*/…/debug, inside the repository.
        let found = try TemplateLocator.defaultDirectory()
        #expect(URL(fileURLWithPath: found).standardizedFileURL == templatesFolder.standardizedFileURL)
        #expect(try ReportTemplates.load(directory: nil).directory == found)
    }

    @Test func theSearchClimbsToTheRootThenTriesShare() {
        #expect(TemplateLocator.candidates(executable: "/opt/sgd/bin/sgdreport") == [
            "/opt/sgd/bin/Templates", "/opt/sgd/Templates", "/opt/Templates", "/Templates",
            "/opt/sgd/share/sgdreport/Templates",
        ])
    }

    @Test func noTemplatesAnywhereSaysWhereItLookedAndWhatToDo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try TemplateLocator.defaultDirectory(executable: folder.path + "/bin/sgdreport")
            Issue.record("found templates where there are none")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("error: page templates: no templates found: looked for Templates/study.mustache in \(folder.path)/bin"))
            #expect(message.contains("\(folder.path)/share/sgdreport/Templates"))
            #expect(message.contains("hint: pass --templates DIR"))
        }
    }

    @Test func aCopiedAndEditedTemplatesFolderIsUsed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["study.mustache", "index.mustache", "style.css"] {
            try FileManager.default.copyItem(at: templatesFolder.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try "body { color: rebeccapurple; }".write(to: folder.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        let templates = try ReportTemplates.load(directory: folder.path)
        let html = try templates.studyPage(pageInput(#"{ "runs": [ { "name": "one", "optimizer": { "type": "sgd", "lr": 0.0001 } } ], "charts": [] }"#))
        #expect(html.contains("body { color: rebeccapurple; }"))
    }

    // MARK: Helpers


    /// The message of loading a templates folder whose study.mustache is `study`.
    func loadProblem(study: String) throws -> String {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try study.write(to: folder.appendingPathComponent("study.mustache"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: templatesFolder.appendingPathComponent("index.mustache"), to: folder.appendingPathComponent("index.mustache"))
        try FileManager.default.copyItem(at: templatesFolder.appendingPathComponent("style.css"), to: folder.appendingPathComponent("style.css"))
        do {
            _ = try ReportTemplates.load(directory: folder.path)
            return "loaded without a problem"
        } catch {
            return error.description
        }
    }
}
