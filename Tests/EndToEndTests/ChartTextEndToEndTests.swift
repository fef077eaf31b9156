import Foundation
import Testing
import TestSupport

/// Chart text through the binary (issue 13): a character no installed font has is a warning on
/// the build's standard error, and the build still succeeds.
@Suite struct ChartTextEndToEndTests {
    @Test func aCharacterNoFontHasIsAWarningOfTheBuild() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"""
            { "defaults": { "epochs": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "one neuron" } ],
              "charts": [ { "name": "loss", "title": "误差 \uE000", "per": "epoch", "y": "sqrt_sse" } ] }
            """#.write(to: folder.appendingPathComponent("boxes.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "boxes.json"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.hasPrefix("built output/boxes/index.html"))
        #expect(outcome.standardError == """
            output/boxes/charts/loss.png: warning: chart "误差 \u{E000}": no installed font has U+E000 (in the title "误差 \u{E000}"); it is drawn as a box
              hint: private-use characters have no standard glyph: write the text without it

            """)
    }

    /// The newcomer's case: run names in Hindi and Amharic, which the installed fonts lack. One
    /// warning per name's characters, listing them, naming the script and the Debian package with
    /// a font for it, and counting the other texts that have them (each run's weights chart
    /// title) — not one per character, nor one per text.
    @Test func namesInAScriptNoFontHasGiveOneWarningPerSetOfCharacters() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"""
            { "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ { "name": "एक न्यूरॉन" }, { "name": "አንድ ነርቭ" } ] }
            """#.write(to: folder.appendingPathComponent("hi.json"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "hi.json"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let warnings = outcome.standardError.split(separator: "\n").filter { $0.contains(": warning: ") }
        let hints = outcome.standardError.split(separator: "\n").filter { $0.hasPrefix("  hint: ") }
        #expect(warnings.count == 2, "\(outcome.standardError)")
        #expect(warnings.first == #"output/hi/charts/loss-per-step.png: warning: chart "Loss per step": no installed font has U+090F U+0915 U+0928 U+094D U+092F U+0942 U+0930 U+0949 (in the legend "एक न्यूरॉन") (and in 1 other text, in 2 charts in all); they are drawn as boxes"#)
        #expect(hints.filter { $0.contains("a font for Devanagari (on Debian: apt-get install fonts-noto-core)") }.count == 1)
        #expect(hints.filter { $0.contains("a font for Ethiopic (on Debian: apt-get install fonts-noto-core)") }.count == 1)
    }
}
