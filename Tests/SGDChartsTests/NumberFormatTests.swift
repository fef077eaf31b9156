import Testing
@testable import SGDCharts
import SGDEngine

@Suite struct NumberFormatTests {
    let minus = "\u{2212}"

    @Test func scientific() {
        #expect(NumberFormat.scientific(1e11) == "1e11")
        #expect(NumberFormat.scientific(2.5e-6) == "2.5e\(minus)6")
        #expect(NumberFormat.scientific(-1e7) == "\(minus)1e7")
        #expect(NumberFormat.scientific(1e65) == "1e65")
        #expect(NumberFormat.scientific(1.2e67) == "1.2e67")
        #expect(NumberFormat.scientific(1e-300) == "1e\(minus)300")
        #expect(NumberFormat.scientific(0) == "0")
        #expect(NumberFormat.scientific(9.99999e5) == "1e6")
        #expect(NumberFormat.scientific(.leastNonzeroMagnitude) == "4.9407e\(minus)324")
        #expect(NumberFormat.scientific(-.greatestFiniteMagnitude) == "\(minus)1.7977e308")
    }

    @Test func plainUsesOneNumberOfDecimalsPerAxis() {
        #expect(NumberFormat.linearLabels([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(NumberFormat.linearLabels([0, 50, 100, 150]) == ["0", "50", "100", "150"])
        #expect(NumberFormat.linearLabels([-0.5, 0, 0.25]) == ["\(minus)0.50", "0.00", "0.25"])
    }

    @Test func largeAndTinyMagnitudesSwitchTheWholeAxisToENotation() {
        #expect(NumberFormat.linearLabels([0, 2e5, 4e5]) == ["0", "2e5", "4e5"])
        #expect(NumberFormat.linearLabels([0, 2e-6, 4e-6]) == ["0", "2e\(minus)6", "4e\(minus)6"])
        #expect(NumberFormat.linearLabels([1e6, 1.5e6, 2e6]) == ["1e6", "1.5e6", "2e6"])
    }

    @Test func ticksCloseTogetherFarFromZeroStayDistinct() {
        let ticks = TickLocator.linear(lower: 1e6 + 0.1, upper: 1e6 + 0.5, maxCount: 5)
        let labels = NumberFormat.linearLabels(ticks)
        #expect(Set(labels).count == labels.count, "\(labels)")
        #expect(labels.first == "1.0000001e6")
    }

    @Test func logLabelsArePlainForModerateDecadesOnly() {
        #expect(NumberFormat.logLabels([0.01, 0.1, 1, 10, 100]) == ["0.01", "0.1", "1", "10", "100"])
        #expect(NumberFormat.logLabels([1e-6, 1e0, 1e6]) == ["1e\(minus)6", "1e0", "1e6"])
    }

    @Test func labelsNeverShowBinaryNoise() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<500 {
            let exponent = generator.nextInteger(from: -8, through: 8)
            let ticks = TickLocator.linear(lower: generator.nextDouble(from: -10, to: 10) * _pow(10, Double(exponent)),
                                           upper: generator.nextDouble(from: 10.5, to: 30) * _pow(10, Double(exponent)),
                                           maxCount: generator.nextInteger(from: 2, through: 10))
            for label in NumberFormat.linearLabels(ticks) {
                #expect(label.count <= 9, "\(label) from \(ticks)")
                #expect(!label.contains("000000"), "\(label)")
                #expect(!label.contains("999999"), "\(label)")
            }
        }
    }
}
