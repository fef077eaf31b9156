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
        let loss = "Loss \u{E000} \u{E000} and \u{F0002}"
        #expect(built.warnings == [
            .missingGlyph(chart: loss, file: file, place: "the title", text: "Loss \u{E000} \u{E000} and \u{F0002}", character: "\u{E000}"),
            .missingGlyph(chart: loss, file: file, place: "the title", text: "Loss \u{E000} \u{E000} and \u{F0002}", character: "\u{F0002}"),
            .missingGlyph(chart: loss, file: file, place: "the legend", text: "run \u{F0001}", character: "\u{F0001}"),
            .missingGlyph(chart: "Error per epoch", file: built.folder + "/charts/plain." + (format == .svg ? "svg" : "png"),
                          place: "the legend", text: "run \u{F0001}", character: "\u{F0001}"),
        ])
    }

    @Test func theWarningNamesTheCharacterItsTextAndTheFix() {
        let warning = BuildWarning.missingGlyph(chart: "loss", file: "out/s/charts/loss.png", place: "the title", text: "a\u{E000}", character: "\u{E000}")
        #expect(warning.description == """
            out/s/charts/loss.png: warning: chart "loss": no installed font has U+E000 (in the title "a\u{E000}"); it is drawn as a box
              hint: private-use characters have no standard glyph: write the text without it
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

    /// The terminal shows one warning per text, listing its characters, naming the script's font
    /// package; a text several charts draw is one warning that counts them.
    @Test func theTerminalGroupsTheCharactersOfATextAndNamesTheFontPackage() {
        func glyph(_ chart: String, _ place: String, _ text: String, _ character: Unicode.Scalar) -> BuildWarning {
            .missingGlyph(chart: chart, file: "out/s/charts/\(chart).png", place: place, text: text, character: character)
        }
        let hindi = "एक"
        let warnings = [
            glyph("loss", "the legend", hindi, "\u{090F}"), glyph("loss", "the legend", hindi, "\u{0915}"),
            glyph("loss", "the legend", "ሰ", "\u{1230}"), glyph("loss", "the title", "a\u{7}", "\u{7}"),
            glyph("error", "the legend", hindi, "\u{090F}"), glyph("error", "the legend", hindi, "\u{0915}"),
            glyph("third", "the legend", hindi, "\u{090F}"), glyph("pua", "the title", "\u{E000}", "\u{E000}"),
            glyph("ext", "the title", "\u{2F800}", "\u{2F800}"),
        ]
        let shown = BuildWarning.grouped(warnings)
        #expect(shown.count == 5)
        #expect(shown[0] == """
            out/s/charts/loss.png: warning: chart "loss": no installed font has U+090F U+0915 (in the legend "एक") (and in 2 other charts); they are drawn as boxes
              hint: install a font for Devanagari (on Debian: apt-get install fonts-noto-core), or write the text without them
            """)
        #expect(shown[1].contains("U+1230 (in the legend \"ሰ\"); it is drawn as a box") && shown[1].contains("a font for Ethiopic"))
        #expect(shown[2].contains("U+0007 is a control character"))
        #expect(shown[3].hasSuffix("hint: private-use characters have no standard glyph: write the text without it"))
        #expect(shown[4].hasSuffix("hint: install a font that has it (Debian's fonts-noto-core covers most scripts: apt-get install fonts-noto-core), or write the text without it"))
    }

    /// The same missing characters in several texts (legend entries, a sweep's runs, a title) are
    /// named once: the first text's warning counts the others.
    @Test func theSameCharactersInSeveralTextsAreOneWarning() {
        func glyph(_ chart: String, _ place: String, _ text: String, _ characters: String) -> [BuildWarning] {
            characters.unicodeScalars.map { .missingGlyph(chart: chart, file: "out/s/charts/c.png", place: place, text: text, character: $0) }
        }
        let hindi = "एक न्यूरॉन", letters = "\u{090F}\u{0915}\u{0928}\u{094D}\u{092F}\u{0942}\u{0930}\u{0949}"
        let warnings = glyph("Loss per step", "the legend", hindi + " lr=0.1", letters) + glyph("Loss per step", "the legend", hindi + " lr=0.01", letters)
            + glyph("Error per epoch", "the legend", hindi + " lr=0.1", letters) + glyph("Weights: " + hindi, "the title", "Weights: " + hindi, letters)
            + glyph("Loss per step", "the legend", "नया", "\u{0928}\u{092F}\u{093E}")
        let shown = BuildWarning.grouped(warnings)
        #expect(shown.count == 2, "\(shown)")
        #expect(shown.first?.hasPrefix(#"out/s/charts/c.png: warning: chart "Loss per step": no installed font has U+090F U+0915 U+0928 U+094D U+092F U+0942 U+0930 U+0949 (in the legend "एक न्यूरॉन lr=0.1") (and in 2 other texts, in 3 charts in all); they are drawn as boxes"#) == true, "\(shown)")
        // A later text with one character not named yet names that one alone.
        #expect(shown.last?.contains("no installed font has U+093E (in the legend \"नया\"); it is drawn as a box") == true, "\(shown)")
    }

    /// Built: a study whose run names (one swept) share missing characters gives one warning,
    /// naming each chart by its title, never by its file name.
    @Test func aBuildWarnsOnceForCharactersSharedByRunsAndNamesChartsByTitle() throws {
        let folder = try temporaryFolder(#function)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("shared.json")
        try #"""
            { "defaults": { "epochs": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "\#u{F0001}\#u{F0002}", "sweep": { "lr": [1e-4, 1e-5] } }, { "name": "\#u{F0001}\#u{F0002} b" } ] }
            """#.write(to: file, atomically: true, encoding: .utf8)
        let builder = StudyBuilder(
            options: BuildOptions(outputDirectory: folder.appendingPathComponent("out").path, parallelism: 2, chartFormat: .png),
            templates: try ReportTemplates.load(directory: templatesFolder.path))
        let built = try builder.build(try StudyReader().read(path: file.path), command: "sgdreport build shared.json")
        #expect(built.warnings.count > 3, "several texts in several charts: \(built.warnings.count)")
        let shown = BuildWarning.grouped(built.warnings)
        #expect(shown.count == 1, "\(shown)")
        for case .missingGlyph(let chart, let file, _, _, _) in built.warnings {
            let slug = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            #expect(chart != slug, "chart \"\(chart)\" is named by its file name")
        }
    }
}
