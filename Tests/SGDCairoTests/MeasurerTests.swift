import SGDCairo
import SGDCharts
import Testing

@Suite struct MeasurerTests {
    let measurer: CairoTextMeasurer

    init() throws {
        measurer = try CairoTextMeasurer()
    }

    @Test func widthsAddUpAndScaleWithSize() {
        let font = Font(size: 11)
        let one = measurer.measure("0", font: font).width
        #expect(one > 5 && one < 8)
        #expect(abs(measurer.measure("0000", font: font).width - 4 * one) < 1e-9)
        #expect(abs(measurer.measure("0", font: Font(size: 22)).width - 2 * one) < 1e-9)
        #expect(measurer.measure("Loss", font: Font(size: 11, weight: .bold)).width > measurer.measure("Loss", font: font).width)
        #expect(measurer.measure("", font: font).width == 0)
    }

    @Test func ascentIsDigitHeight() {
        let m = measurer.measure("12", font: Font(size: 100))
        #expect(m.ascent > 65 && m.ascent < 80)
        #expect(m.descent > 15 && m.descent < 30)
    }

    @Test func unicodeMeasures() {
        let font = Font(size: 11)
        #expect(measurer.measure("\u{2212}1e\u{2212}6", font: font).width > measurer.measure("1e6", font: font).width)
        #expect(measurer.measure("β=0.9 …", font: font).width > 0)
    }
}
