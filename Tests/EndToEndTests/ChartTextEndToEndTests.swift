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
            output/boxes/charts/loss.png: warning: chart "loss": no installed font has U+E000 (in the title "误差 \u{E000}"); it is drawn as a box
              hint: install a font that has it (`fc-list ':charset=e000'` lists those that do), or write the text without it

            """)
    }
}
