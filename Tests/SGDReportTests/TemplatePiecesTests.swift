import Foundation
import Mustache
import Testing
@testable import SGDReport

/// Templates parsed in pieces and pages rendered from `PageObject`s (issue 18) give exactly the
/// bytes of swift-mustache parsing each file whole and rendering the page's structs by reflection.
@Suite struct TemplatePiecesTests {
    // MARK: Rendering is unchanged

    @Test func theShippedTemplatesRenderTheSameBytesAsWholeTemplatesOverStructs() throws {
        let sources = try shippedSources()
        let json = #"{ "description": "Momentum *on* <sin(x)>.", "runs": [ { "name": "one", "optimizer": { "type": "sgd", "lr": 0.0001 } }, { "name": "two", "optimizer": { "type": "sgd", "lr": 1e9 } } ], "charts": [ { "title": "Error per epoch", "per": "epoch", "y": "sqrt_sse", "runs": ["one", "two"], "caption": "Both **runs**." } ] }"#
        let models: [(String, Any)] = [
            ("study", PageSamples.study), ("index", PageSamples.index), ("study", try pageModel(json)),
        ]
        for (template, model) in models {
            #expect(try rendered(sources, template, model) == wholeRendering(sources, template, model))
        }
    }

    @Test func madeUpTemplatesRenderTheSameBytesAsWholeTemplates() throws {
        let shipped = try shippedSources()
        let study = shipped["study"]!.text
        let variants: [(String, String)] = [
            ("Windows line ends", study.replacingOccurrences(of: "\n", with: "\r\n")),
            ("no newline at the end", String(study.dropLast())),
            ("a brace and spaces at the end", study + "  {;"),
            ("newline characters after tags", "{{#hasRuns}}\r\n{{title}}\n{{/hasRuns}}\r\n{{#runs}}\u{0B}x\n{{/runs}}\u{2028}y\n{{! c }}\r\n{{#hasCharts}}\r{{/hasCharts}}\n"),
            ("sections not alone on their line", "{{#hasRuns}} runs\n<p>{{title}}</p>\n{{/hasRuns}}\nafter\n  {{#hasCharts}}\n{{/hasCharts}} x\n  text\n"),
            ("a close tag after text", "{{#runs}}\n<li>{{name}}\n</li>{{/runs}}\n  spaced line\n\t{{#hasRuns}}\n{{/hasRuns}}\n"),
            ("comments", "{{! one }}\n  {{! two\n  lines }}  \ntext {{! three }}\n{{#runs}}{{! four }}\n{{name}}\n{{/runs}}\n"),
            ("printed structs", "{{#runs}}{{sqrtSSE}}|{{.}}|{{weights}}\n{{/runs}}{{charts}}\n{{#workbook}}{{.}}{{/workbook}}\n"),
            ("values in sections", "{{#runs}}\n{{#divergence}}\n  <b>{{.}}</b> {{divergenceDetail}}\n{{/divergence}}\n{{^divergence}}\nfine\n{{/divergence}}\n{{/runs}}\n"),
            ("only text", "<p>no tags {here}</p>\n\n  indented\n"),
            ("empty", ""),
            ("a partial inside a section", "{{#runs}}\n{{> style.css}}\n{{/runs}}\n"),
            ("an indented partial", "<style>\n  {{> style.css}}\n</style>\n{{#hasRuns}}\n{{title}}\n{{/hasRuns}}\n"),
            ("unescaped values", "{{{descriptionHTML}}}\n  {{&descriptionHTML}}  \n{{#charts}}{{{captionHTML}}}{{/charts}}\n"),
        ]
        for (name, text) in variants {
            var sources = shipped
            sources["study"] = (text, "t/study.mustache")
            for model in [PageSamples.study as Any, try pageModel(#"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd", "lr": 1e9 } } ], "charts": [] }"#)] {
                #expect(try rendered(sources, "study", model) == wholeRendering(sources, "study", model), "\(name)")
            }
        }
        // A stylesheet with a value in it is a template like any other.
        var sources = shipped
        sources["style.css"] = ("body { color: red; }\n/* {{title}} */\n", "t/style.css")
        #expect(try rendered(sources, "index", PageSamples.index) == wholeRendering(sources, "index", PageSamples.index))
    }

    @Test func theShippedTemplatesAreCutAndTheStylesheetIsNotParsed() throws {
        let sources = try shippedSources()
        var pieces = TemplatePieces(cuts: true)
        for (name, source) in sources {
            try pieces.add(name, text: source.text, tags: TemplateCheck.tags(in: source.text, file: source.file))
        }
        #expect(pieces.texts.values.contains(sources["style.css"]!.text), "style.css is one text")
        #expect(pieces.templates.count > 6, "study and index are cut into pieces")
        // No piece is long: the parser measures the rest of the piece at every tag.
        #expect(pieces.templates.values.allSatisfy { $0.description.utf8.count < 1_000 })
    }

    @Test func anIndentedPartialMeansNothingIsCut() throws {
        var sources = try shippedSources()
        sources["study"] = ("<style>\n  {{> style.css}}\n</style>\n", "t/study.mustache")
        let tags = try sources.mapValues { try TemplateCheck.tags(in: $0.text, file: $0.file) }
        #expect(!TemplatePieces.canCut(sources, tags: tags))
        sources["study"] = ("<style>\n{{> style.css}}\n</style> {{> style.css}}\n", "t/study.mustache")
        #expect(TemplatePieces.canCut(sources, tags: try sources.mapValues { try TemplateCheck.tags(in: $0.text, file: $0.file) }))
    }

    @Test func aPieceThatDoesNotParseGivesTheErrorOfTheWholeFile() throws {
        let text = (try shippedSources())["study"]!.text + "<p>\n{{#runs}}\n{{na me}}\n{{/runs}}\n"
        var pieces = TemplatePieces(cuts: true)
        var cut: MustacheTemplate.ParserError?
        do {
            try pieces.add("study", text: text, tags: TemplateCheck.tags(in: text, file: "study.mustache"))
        } catch let error as MustacheTemplate.ParserError {
            cut = error
        }
        var whole: MustacheTemplate.ParserError?
        do { _ = try MustacheTemplate(string: text) } catch let error as MustacheTemplate.ParserError { whole = error }
        #expect(cut != nil && whole != nil)
        #expect(cut?.context.lineNumber == whole?.context.lineNumber && cut?.context.lineNumber == 153)
        #expect(cut?.context.columnNumber == whole?.context.columnNumber)
        #expect(cut?.context.line == whole?.context.line)
    }

    // MARK: The page objects are the structs

    @Test func thePageObjectsHaveEveryPropertyOfTheStructsInOrder() {
        for model in [PageSamples.study as Any, PageSamples.index as Any] {
            let written = PageObject.make(model)
            let reflected = PageObject.reflected(model)
            #expect(same(written, reflected), "\(type(of: model)): the hand-written object and reflection differ")
            #expect(String(describing: written) == String(describing: model))
        }
        // A nil optional is named but has no value, so Mustache looks further up the stack.
        var row = PageSamples.study.runs[0]
        row.divergence = nil
        let object = row.object
        #expect(object.names.contains("divergence") && object.child(named: "divergence") == nil)
    }

    // MARK: Helpers

    func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (let a as PageObject, let b as PageObject):
            return a.names == b.names && a.values.keys.sorted() == b.values.keys.sorted()
                && a.values.keys.allSatisfy { same(a.values[$0]!, b.values[$0]!) }
        case (let a as [Any], let b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (let a as String, let b as String):
            return a == b
        case (let a as Bool, let b as Bool):
            return a == b
        default:
            return false
        }
    }

    func rendered(_ sources: [String: (text: String, file: String)], _ template: String, _ model: Any) throws -> String {
        try ReportTemplates(directory: "t", sources: sources).render(model, with: template)
    }

    /// What sgdreport rendered before issue 18: every file parsed whole, the structs reflected.
    func wholeRendering(_ sources: [String: (text: String, file: String)], _ template: String, _ model: Any) throws -> String {
        let library = MustacheLibrary(templates: try sources.mapValues { try MustacheTemplate(string: $0.text) })
        return try #require(library.render(model, withTemplate: template))
    }

}
