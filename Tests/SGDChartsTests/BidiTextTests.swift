import SGDCharts
import Testing

/// `BidiText.isolated` wraps a piece in FSI…PDI only when it has a right-to-left letter, once.
@Suite struct BidiTextTests {
    @Test func onlyTextWithARightToLeftLetterIsIsolated() {
        for latin in ["", "1 neuron", "lr=1e-5", "Ελληνικά", "一个神经元", "🔥 run", "Σφάλμα (β = 0.9)"] {
            #expect(BidiText.isolated(latin) == latin, "\(latin)")
            #expect(!BidiText.hasRightToLeft(latin), "\(latin)")
        }
        for rtl in ["تجربة 2", "lr 0.1 تجربة", "ניסוי א", "ܣܘܪܝܝܐ", "ދިވެހި", "ߒߞߏ", "\u{FB50}", "a\u{200F}b", "\u{10900}"] {
            #expect(BidiText.isolated(rtl) == "\u{2068}" + rtl + "\u{2069}", "\(rtl)")
            #expect(BidiText.hasRightToLeft(rtl), "\(rtl)")
        }
        // Once: isolating an isolated piece changes nothing; a longer text with it is isolated as a whole.
        let once = BidiText.isolated("تجربة")
        #expect(BidiText.isolated(once) == once)
        #expect(BidiText.isolated(once + " · a") == "\u{2068}" + once + " · a\u{2069}")
        #expect(BidiText.withoutIsolates(once + " · a") == "تجربة · a")
        #expect(BidiText.withoutIsolates("line · a") == "line · a")
    }
}
