import SGDCairo
import SGDCharts
import Testing

/// Chart text in any script (issue 13): each character comes from an installed font that has it
/// (CJK and emoji from the fonts `make` installs), right-to-left text reads right to left, a
/// character no font has is found (for the build's warning), and drawing stays deterministic.
@Suite struct ScriptTextTests {
    let renderer: CairoRenderer

    init() throws {
        renderer = try CairoRenderer()
    }

    /// Two titles per script, of equal length in characters.
    static let scripts: [(script: String, title: String, other: String)] = [
        ("Chinese", "一个神经元的误差", "两个神经元的损失"),
        ("Japanese", "ニューロンの誤差", "学習率とモメンタ"),
        ("Korean", "뉴런 하나의 오차", "학습률과 모멘텀값"),
        ("Arabic", "خطأ الخلايا", "سرعة التعلم"),
        ("emoji", "🔥📉🧠", "🚀📈🎯"),
        ("Greek", "Σφάλμα νευρώνα", "Ρυθμός μάθησης"),
    ]

    /// `count` private-use characters (of plane 15: LibreOffice's OpenSymbol has some of U+E000…U+F8FF), which no font draws.
    static func privateUse(_ count: Int) -> String {
        String(String.UnicodeScalarView((0..<count).map { Unicode.Scalar(0xF0000 + $0)! }))
    }

    /// Fails (rather than skips) when the fonts `make` installs are missing.
    func requireFonts(_ text: String, _ script: String) {
        let missing = renderer.measurer.missingCharacters(in: text, font: Font(size: 14))
        #expect(missing.isEmpty, """
            no installed font has \(missing.map { "U+" + String($0.value, radix: 16, uppercase: true) }) of the \(script) text "\(text)": \
            run `make` (it installs fonts-wqy-microhei and fonts-noto-color-emoji)
            """)
    }

    func chart(title: String) -> Chart {
        Chart(title: title, series: [Series(name: "a", y: [1, 2, 3])], width: 400, height: 200, scale: 1)
    }

    @Test(arguments: scripts)
    func titleIsDrawnInItsScript(script: String, title: String, other: String) throws {
        #expect(title.unicodeScalars.count == other.unicodeScalars.count)
        requireFonts(title, script)
        requireFonts(other, script)
        let drawn = try renderer.png(chart(title: title))
        let privateUse = Self.privateUse(title.unicodeScalars.count)
        #expect(renderer.measurer.missingCharacters(in: privateUse, font: Font(size: 14)).count == title.unicodeScalars.count)
        let boxes = try renderer.png(chart(title: privateUse))
        let another = try renderer.png(chart(title: other))
        #expect(drawn != boxes, "the \(script) title is drawn as the boxes of characters no font has")
        #expect(drawn != another, "two \(script) titles are drawn alike")
        #expect(try renderer.png(chart(title: title)) == drawn)
    }

    @Test func emojiAreInColourInThePNGAndGlyphsInTheSVG() throws {
        let title = "🔥🔥🔥"
        requireFonts(title, "emoji")
        let scene = try renderer.pngScene(chart(title: title), scale: 2)
        let image = try DecodedPNG(try renderer.png(scene, scale: 2))
        let bounds = try #require(scene.texts(.title).first).bounds
        var colourful = 0
        for y in Int(bounds.minY * 2)..<Int(bounds.maxY * 2) {
            for x in Int(bounds.minX * 2)..<Int(bounds.maxX * 2) {
                let p = image.pixel(x, y)
                let r = Int(p >> 16), g = Int((p >> 8) & 0xFF), b = Int(p & 0xFF)
                if max(r, g, b) - min(r, g, b) > 100 { colourful += 1 }
            }
        }
        #expect(colourful > 100, "the fire emoji has \(colourful) coloured pixels")
        let svg = String(decoding: try renderer.svg(chart(title: title)), as: UTF8.self)
        let boxesSVG = String(decoding: try renderer.svg(chart(title: Self.privateUse(3))), as: UTF8.self)
        #expect(svg != boxesSVG)
        #expect(svg.contains("<image") || svg.contains("<symbol"), "the emoji are neither an image nor a glyph in the SVG")
    }

    /// Cairo numbers emoji bitmaps (`<image id="image178"`) and groups with process-wide
    /// counters: the same chart drawn after other charts must still give the same SVG bytes.
    @Test func anEmojiSVGDependsOnlyOnItsChart() throws {
        let title = "🔥📉🧠 loss"
        requireFonts(title, "emoji")
        let emojiChart = Chart(title: title, series: [Series(name: "🚀 fast", y: [1, 2, 3]), Series(name: "🐢 slow", y: [3, 2, 1])],
                               width: 400, height: 200, scale: 1)
        let first = try renderer.svg(emojiChart)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("<image"), "no emoji image in the SVG")
        for other in ["🎯📈", "🧪 one 🧪 two", "🌍"] {
            _ = try renderer.svg(chart(title: other))
            _ = try renderer.png(chart(title: other))
        }
        let again = try renderer.svg(emojiChart)
        #expect(again == first)
        #expect(try CairoRenderer().svg(emojiChart) == first)
        // Every reference still points at an id the document defines, numbered from 1.
        let ids = Set(text.matches(of: /id="([A-Za-z-]+[0-9][0-9-]*)"/).map { String($0.output.1) })
        let references = Set(text.matches(of: /#([A-Za-z-]+[0-9][0-9-]*)[")]/).map { String($0.output.1) })
        #expect(!references.isEmpty && references.isSubset(of: ids))
        #expect(ids.contains("image1") && ids.contains("surface1"))
    }

    /// Pango's line-break opportunities: between Chinese characters, after spaces, not inside
    /// a word or an emoji's cluster; a long Chinese title wraps onto two lines, uncut.
    @Test func chineseTitlesWrapWherePangoAllowsABreak() throws {
        let measurer = renderer.measurer
        #expect(measurer.lineBreakOffsets(in: "final error against lr") == [6, 12, 20])
        #expect(measurer.lineBreakOffsets(in: "一个神经元") == [1, 2, 3, 4])
        #expect(measurer.lineBreakOffsets(in: "👩‍🔬 lab") == [2])
        let title = "这是一个非常长的图表标题用于测试中文文本是否能够在没有空格的情况下正确地换行显示而不会超出图表的边界或者与其他元素重叠在一起"
        requireFonts(title, "Chinese")
        let chart = Chart(title: title, series: [Series(name: "一个神经元", y: [3, 2, 1])], width: 500, height: 350)
        let scene = try renderer.pngScene(chart, scale: 2)
        let lines = scene.texts(.title)
        #expect(lines.count == 2 && lines.map(\.text).joined() == title, "\(lines.map(\.text))")
        #expect(lines.allSatisfy { $0.bounds.minX >= 0 && $0.bounds.maxX <= 500 })
        // Each line drawn is measured as drawn: the same widths the measurer gives.
        for line in lines { #expect(abs(line.bounds.width - measurer.measure(line.text, font: line.font).width) < 1e-9) }
    }

    @Test func aCharacterNoFontHasIsFoundOncePerText() throws {
        let measurer = renderer.measurer
        #expect(measurer.missingCharacters(in: "a\u{E000}b\u{E000}\u{F0000}", font: Font(size: 11)) == ["\u{E000}", "\u{F0000}"])
        #expect(measurer.missingCharacters(in: "Loss per epoch 0.5 β", font: Font(size: 11)).isEmpty)
        // Control characters: Pango draws BEL as a box; a NUL (where Pango would stop) as U+FFFD.
        #expect(measurer.missingCharacters(in: "a\u{7}b", font: Font(size: 11)) == ["\u{7}"])
        #expect(measurer.missingCharacters(in: "a\u{0}b", font: Font(size: 11)) == ["\u{0}"])
        #expect(measurer.measure("a\u{0}bcdef", font: Font(size: 11)).width > measurer.measure("a\u{FFFD}", font: Font(size: 11)).width)
        let chart = Chart(title: "Loss \u{E000}", series: [Series(name: "run \u{F0001}", y: [1, 2]), Series(name: "other", y: [2, 1])],
                          width: 400, height: 200, scale: 1)
        let found = renderer.missingCharacters(in: try renderer.pngScene(chart))
        #expect(found.map(\.text) == ["Loss \u{E000}", "run \u{F0001}"])
        #expect(found.map(\.role) == [.title, .legendLabel(0)])
        #expect(found.map(\.characters) == [["\u{E000}"], ["\u{F0001}"]])
    }

    /// Where `text` and the same text with another first (logical) character are drawn apart:
    /// the first and last device columns whose pixels differ, as fractions of the text's width.
    /// Drawn from one origin, so that a change of width moves what follows that character.
    func whereTextsDiffer(_ text: String, _ other: String) throws -> (from: Double, to: Double) {
        let font = Font(size: 30)
        let origin = Point(20, 60)
        let width = renderer.measurer.measure(text, font: font).width
        func render(_ text: String) throws -> DecodedPNG {
            var scene = try renderer.pngScene(chart(title: ""), scale: 1)
            let bounds = Rect(minX: origin.x, minY: origin.y - 30, maxX: origin.x + width, maxY: origin.y + 10)
            scene.items = [
                SceneItem(.background, .rect(Rect(minX: 0, minY: 0, maxX: scene.size.width, maxY: scene.size.height), fill: .white, stroke: nil)),
                SceneItem(.title, .text(TextRun(text: text, origin: origin, font: font, color: .black, bounds: bounds))),
            ]
            return try DecodedPNG(try renderer.png(scene, scale: 1))
        }
        let a = try render(text), b = try render(other)
        var columns: [Int] = []
        for x in 0..<a.width where (0..<a.height).contains(where: { a.pixel(x, $0) != b.pixel(x, $0) }) { columns.append(x) }
        let first = try #require(columns.first), last = try #require(columns.last)
        return ((Double(first) - origin.x) / width, (Double(last) - origin.x) / width)
    }

    /// The first letter of a right-to-left text is its rightmost: changing it (for a letter of
    /// another width that joins alike) changes only the right end; in Latin text, everything.
    @Test(arguments: [("Hebrew", "שלום עולם", "ולום עולם"), ("Arabic", "مرحبا بالعالم", "برحبا بالعالم")])
    func rightToLeftTextStartsAtTheRight(script: String, text: String, other: String) throws {
        requireFonts(text, script)
        let changed = try whereTextsDiffer(text, other)
        #expect(changed.from > 0.7, "changing the first \(script) letter changes the text from \(changed.from) of its width, not only its right end")
        let latin = try whereTextsDiffer("Hello world", "Jello world")
        #expect(latin.from < 0.05 && latin.to > 0.9, "changing the first Latin letter changes \(latin.from)…\(latin.to) of the text's width")
    }

    @Test func everyScriptDrawsTheSameBytesTwiceAndWithAFreshMeasurer() throws {
        let titles = Self.scripts.map(\.title)
        let chart = Chart(title: titles.joined(separator: " "), xLabel: titles[0], yLabel: titles[3],
                          series: titles.map { Series(name: $0, y: [1, 2, 3]) }, width: 600, height: 400, scale: 2)
        let fresh = CairoRenderer(measurer: try CairoTextMeasurer())
        let png = try renderer.png(chart), svg = try renderer.svg(chart)
        #expect(try renderer.png(chart) == png)
        #expect(try renderer.svg(chart) == svg)
        #expect(try fresh.png(chart) == png)
        #expect(try fresh.svg(chart) == svg)
    }

    /// Text is laid out left to right, as the chart is, whatever it begins with: a legend entry
    /// that begins with a right-to-left name keeps what follows the name on its right (before,
    /// Pango took the direction from the first letter and put " · a" on the left). The name,
    /// isolated (`BidiText`), still reads right to left inside; the isolates draw nothing.
    @Test(arguments: [("Hebrew", "שלום"), ("Arabic", "مرحبا"), ("Arabic with digits", "تجربة 2"), ("Hebrew, Latin inside", "ניסוי (ReLU)")])
    func anEntryThatBeginsWithARightToLeftNameKeepsItsSuffixOnTheRight(script: String, name: String) throws {
        requireFonts(name, script)
        for shown in [name, BidiText.isolated(name)] {
            let suffix = try whereTextsDiffer(shown + " · a", shown + " · W")
            #expect(suffix.from > 0.75, "\(script): changing the suffix's letter changes the entry from \(suffix.from) of its width, not its right end")
        }
        // The name's own first letter is its rightmost letter, left of the suffix.
        let first = name.unicodeScalars.first!
        let swapped = String(String.UnicodeScalarView([first == "ש" || first == "נ" ? "ו" : "ب"] + name.unicodeScalars.dropFirst()))
        let isolated = try whereTextsDiffer(BidiText.isolated(name) + " · a", BidiText.isolated(swapped) + " · a")
        #expect(isolated.from > 0.25 && isolated.from < 0.75, "\(script): the name's first letter is drawn from \(isolated.from) of the entry's width")
        #expect(renderer.measurer.missingCharacters(in: BidiText.isolated(name), font: Font(size: 11)).isEmpty)
        #expect(renderer.measurer.measure(BidiText.isolated(name), font: Font(size: 11)).width == renderer.measurer.measure(name, font: Font(size: 11)).width)
    }

    /// An isolated name reads in the direction of its first strong letter: "ניסוי (ReLU)" isolated
    /// draws "(ReLU)" on the left, as a right-to-left reader reads the name; not isolated, in the
    /// chart's left-to-right line, on the right. A Latin name is the same either way.
    @Test func anIsolatedNameReadsInItsOwnDirection() throws {
        requireFonts("ניסוי", "Hebrew")
        let isolated = try whereTextsDiffer(BidiText.isolated("ניסוי (ReLU)"), BidiText.isolated("ניסוי (ReLW)"))
        #expect(isolated.from < 0.5, "isolated, the changed U is at \(isolated.from)…\(isolated.to) of the name's width")
        let plain = try whereTextsDiffer("ניסוי (ReLU)", "ניסוי (ReLW)")
        #expect(plain.from > 0.6, "not isolated, the changed U is at \(plain.from)…\(plain.to) of the name's width")
        #expect(BidiText.isolated("1 neuron (ReLU)") == "1 neuron (ReLU)")
    }
}
