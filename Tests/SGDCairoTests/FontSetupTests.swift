import CPango
import Foundation
@testable import SGDCairo
import SGDCharts
import Testing

/// The font set-up (issue 18): fontconfig's configuration loaded without FcInit's scan of
/// conf.avail chooses the same font for every character as FcInit's, and draws the same charts.
@Suite struct FontSetupTests {
    /// Text in each script a chart may hold, and the font file that has to draw it (`make` installs
    /// the CJK and emoji fonts); nil: no font has it, drawn as a box.
    static let scripts: [(script: String, text: String, file: String?)] = [
        ("Latin", "Loss per step", "DejaVuSans"),
        ("digits", "0.25 1e-3 −7", "DejaVuSans"),
        ("Greek", "Σφάλμα νευρώνα", "DejaVuSans"),
        ("Cyrillic", "Скорость обучения", "DejaVuSans"),
        ("Arabic", "سرعة التعلم", "DejaVuSans"),
        ("Hebrew", "שלום עולם", "DejaVuSans"),
        ("Chinese", "一个神经元的误差", "wqy-microhei"),
        ("Japanese", "ニューロンの誤差", "wqy-microhei"),
        ("Korean", "뉴런 하나의 오차", "wqy-microhei"),
        ("emoji", "🔥📉🧠", "NotoColorEmoji"),
        ("no font", "\u{F0000}\u{F0001}", nil),
    ]

    static let faces = [Font(size: 13), Font(size: 13, weight: .bold), Font(size: 11, italic: true),
                        Font(size: 11, weight: .bold, italic: true)]

    /// The font file of each run of `text` laid out in `font` with `configuration`; "box" for a
    /// run of characters no font has.
    static func fontFiles(_ text: String, _ font: Font, configuration: OpaquePointer) throws -> [String] {
        let measurer = try CairoTextMeasurer(configuration: configuration)
        let state = try #require(PangoState(family: measurer.family, options: measurer.options, configuration: configuration))
        let line = state.laidOut(PangoState.Key(text: text, face: CairoTextMeasurer.faceIndex(font), size: font.size)).line
        var files: [String] = []
        var node = line.pointee.runs
        while let run = node {
            let item = try #require(run.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self))
            let glyphs = try #require(item.pointee.glyphs)
            let unknown = (0..<Int(glyphs.pointee.num_glyphs)).allSatisfy { glyphs.pointee.glyphs[$0].glyph & sgd_pango_glyph_unknown_flag() != 0 }
            if unknown {
                files.append("box")
            } else {
                let font = UnsafeMutableRawPointer(try #require(item.pointee.item.pointee.analysis.font)).assumingMemoryBound(to: PangoFcFont.self)
                var file: UnsafeMutablePointer<FcChar8>?
                #expect(FcPatternGetString(pango_fc_font_get_pattern(font), FC_FILE, 0, &file) == FcResultMatch)
                let path = String(cString: try #require(file))
                files.append(String(path.split(separator: "/").last!.split(separator: ".").first!))
            }
            node = run.pointee.next
        }
        return files
    }

    @Test(arguments: scripts)
    func everyCharacterGetsTheSameFontAsWithFcInit(script: String, text: String, file: String?) throws {
        let loaded = try #require(FontConfiguration.loaded())
        let fcInit = try #require(FontConfiguration.fcInit())
        defer { FcConfigDestroy(loaded); FcConfigDestroy(fcInit) }
        for font in Self.faces {
            let files = try Self.fontFiles(text, font, configuration: loaded)
            #expect(files == (try Self.fontFiles(text, font, configuration: fcInit)), "\(script), \(font)")
            // DejaVu Sans has a file per face (DejaVuSans-Bold, DejaVuSans-Oblique, …).
            let fonts = Set(files.map { $0.hasPrefix("DejaVuSans-") ? "DejaVuSans" : $0 })
            #expect(fonts == [file ?? "box"] || fonts == [file ?? "box", "DejaVuSans"], "\(script), \(font): \(files)")
        }
    }

    /// A chart with every script above in its title, axis labels, legend and notes (regular,
    /// bold, italic), drawn with both set-ups and with the process's: the same pixels, the same SVG.
    @Test func chartsInEveryScriptAreDrawnAlikeWithBothSetUps() throws {
        let texts = Self.scripts.map(\.text)
        let chart = Chart(title: texts[0..<4].joined(separator: " "), xLabel: texts[4..<7].joined(separator: " "),
                          yLabel: texts[7..<9].joined(separator: " "),
                          series: texts.enumerated().map { Series(name: $1, y: [1, 2, Double($0)]) },
                          width: 640, height: 400, scale: 2, notes: [texts.joined(separator: " ")])
        let loaded = try #require(FontConfiguration.loaded())
        let fcInit = try #require(FontConfiguration.fcInit())
        defer { FcConfigDestroy(loaded); FcConfigDestroy(fcInit) }
        let drawn = try [loaded, fcInit].map { configuration in
            let renderer = CairoRenderer(measurer: try CairoTextMeasurer(configuration: configuration))
            return (png: try renderer.png(chart), svg: try renderer.svg(chart))
        }
        let process = try CairoRenderer()
        // One encoder, deterministic: the same PNG bytes are the same pixels.
        #expect(drawn[0].png == drawn[1].png)
        #expect(try process.png(chart) == drawn[1].png)
        #expect(drawn[0].svg == drawn[1].svg)
        #expect(try process.svg(chart) == drawn[1].svg)
        // The texts were laid out with the fonts above: the emoji is in colour, the boxes were found.
        #expect(process.measurer.missingCharacters(in: texts.joined(), font: Font(size: 13)) == ["\u{F0000}", "\u{F0001}"])
    }

    /// A user's rules apply as before: a configuration that includes the system's and prefers
    /// WenQuanYi Micro Hei to DejaVu Sans (as a ~/.config/fontconfig/fonts.conf could) draws Latin with it.
    @Test func aUsersRulesApply() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sgdreport-fontsetup-user-\(getpid()).conf").path
        try """
            <fontconfig><include>/etc/fonts/fonts.conf</include>
            <match><test name="family"><string>DejaVu Sans</string></test>
            <edit name="family" mode="prepend" binding="strong"><string>WenQuanYi Micro Hei</string></edit></match></fontconfig>
            """.write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        let user = try #require(FontConfiguration.loaded(file: file))
        defer { FcConfigDestroy(user) }
        #expect(try Self.fontFiles("Loss per step", Font(size: 13), configuration: user) == ["wqy-microhei"])
    }

    /// When the configuration cannot be loaded this way (no such file, no cache folder), the
    /// measurer falls back to FcInit's (`FontConfiguration.process`).
    @Test func aConfigurationThatCannotBeLoadedIsLeftToFcInit() throws {
        #expect(FontConfiguration.loaded(file: "/nonexistent/sgdreport-fonts.conf") == nil)
        let noCache = FileManager.default.temporaryDirectory.appendingPathComponent("sgdreport-fontsetup-\(getpid()).conf").path
        try "<fontconfig><dir>/usr/share/fonts</dir></fontconfig>".write(toFile: noCache, atomically: true, encoding: .utf8)
        defer { unlink(noCache) }
        #expect(FontConfiguration.loaded(file: noCache) == nil)
        // On this machine the default loads: the process uses it, as fontconfig's current configuration.
        #expect(FontConfiguration.process != nil)
        #expect(FcConfigGetCurrent() == FontConfiguration.process)
    }
}
