import Foundation
import SGDStudy
import Testing
@testable import SGDReport
import TestSupport

/// A character of a chart's text that no installed font has is a build warning (issue 13):
/// once per character per text of a chart, whichever files the chart is drawn into.
@Suite struct ChartWarningTests {
    /// A study whose chart title and run name hold private-use characters, which no font has
    /// (U+E000, and plane 15: LibreOffice's OpenSymbol has U+E001 and others).
    static let study = #"""
        { "defaults": { "epochs": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [ { "name": "run \#u{F0001}" }, { "name": "plain run" } ],
          "charts": [ { "name": "loss", "title": "Loss \uE000 \uE000 and \#u{F0002}", "per": "epoch", "y": "sqrt_sse" },
                      { "name": "plain", "title": "Error per epoch", "per": "epoch", "y": "sqrt_sse" } ] }
        """#

    func build(format: ChartFormat) throws -> BuiltStudy {
        let folder = try temporaryFolder("\(#function)-\(format)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("boxes.json")
        try Self.study.write(to: file, atomically: true, encoding: .utf8)
        let builder = StudyBuilder(
            options: BuildOptions(outputDirectory: folder.appendingPathComponent("out").path, parallelism: 2, chartFormat: format),
            templates: try ReportTemplates.load(directory: templatesFolder.path))
        return try builder.build(try StudyReader().read(path: file.path), command: "sgdreport build boxes.json")
    }

    @Test(arguments: [ChartFormat.both, .png, .svg])
    func eachMissingCharacterIsOneWarning(format: ChartFormat) throws {
        let built = try build(format: format)
        let file = built.folder + "/charts/loss." + (format == .svg ? "svg" : "png")
        #expect(built.warnings == [
            .missingGlyph(chart: "loss", file: file, place: "the title", text: "Loss \u{E000} \u{E000} and \u{F0002}", character: "\u{E000}"),
            .missingGlyph(chart: "loss", file: file, place: "the title", text: "Loss \u{E000} \u{E000} and \u{F0002}", character: "\u{F0002}"),
            .missingGlyph(chart: "loss", file: file, place: "the legend", text: "run \u{F0001}", character: "\u{F0001}"),
            .missingGlyph(chart: "plain", file: built.folder + "/charts/plain." + (format == .svg ? "svg" : "png"),
                          place: "the legend", text: "run \u{F0001}", character: "\u{F0001}"),
        ])
    }

    @Test func theWarningNamesTheCharacterItsTextAndTheFix() {
        let warning = BuildWarning.missingGlyph(chart: "loss", file: "out/s/charts/loss.png", place: "the title", text: "a\u{E000}", character: "\u{E000}")
        #expect(warning.description == """
            out/s/charts/loss.png: warning: chart "loss": no installed font has U+E000 (in the title "a\u{E000}"); it is drawn as a box
              hint: install a font that has it (`fc-list ':charset=e000'` lists those that do), or write the text without it
            """)
        let bell = BuildWarning.missingGlyph(chart: "c", file: "f.png", place: "the title", text: "a\u{7}\u{0}b", character: "\u{7}")
        #expect(bell.description == #"""
            f.png: warning: chart "c": U+0007 is a control character, which no font draws (in the title "a\u0007\u0000b"); it is drawn as a box
              hint: remove it from the text
            """#)
        let nul = BuildWarning.missingGlyph(chart: "c", file: "f.png", place: "the title", text: "a\u{0}b", character: "\u{0}")
        #expect(nul.description.contains("U+0000 is a control character, which no font draws (in the title \"a\\u0000b\"); it is drawn as �"))
        let astral = BuildWarning.missingGlyph(chart: "c", file: "f", place: "the legend", text: "\u{F0000}", character: "\u{F0000}")
        #expect(astral.description.contains("U+F0000"))
    }
}
