import CFixedFormat
import Foundation
import SGDEngine
import Testing

/// `sgd_format_fixed` must write what glibc's `snprintf("%.*f")` writes, byte for byte: Cairo's
/// SVG files are made of its output, and they may not change (issue 18).
@Suite struct FixedFormatTests {
    /// The text before the buffer's first NUL.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// glibc's text (a buffer of 400 bytes is enough for every value tested).
    static func glibc(_ value: Double, _ precision: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        let length = withVaList([precision, value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
        #expect(length < 400)
        return Self.text(buffer)
    }

    /// Ours, or nil when it declines.
    static func ours(_ value: Double, _ precision: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = sgd_format_fixed(&buffer, buffer.count, value, precision)
        guard length >= 0 else { return nil }
        #expect(Int(length) == buffer.firstIndex(of: 0))
        return Self.text(buffer)
    }

    static func check(_ value: Double, _ precision: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
        if let ours = ours(value, precision) {
            #expect(ours == glibc(value, precision), "\(value) at precision \(precision)", sourceLocation: sourceLocation)
        }
    }

    @Test func tiesRoundHalfToEvenOnTheExactBinaryValue() {
        for (value, precision, text) in [
            (0.5, 0, "0"), (1.5, 0, "2"), (2.5, 0, "2"), (-2.5, 0, "-2"), (0.125, 2, "0.12"), (0.375, 2, "0.38"),
            (1.0000005, 6, "1.000001"),  // the double is a little above the tie
            (2.675, 2, "2.67"), (1e-7, 6, "0.000000"), (-1e-7, 6, "-0.000000"), (-0.0, 3, "-0.000"),
            (0.0, 0, "0"), (123.456, 6, "123.456000"), (9.9999995, 6, "9.999999"), (99.5, 0, "100"),
        ] as [(Double, Int32, String)] {
            #expect(Self.ours(value, precision) == text, "\(value) at \(precision)")
            #expect(Self.glibc(value, precision) == text, "glibc: \(value) at \(precision)")
        }
    }

    @Test func declinesWhatItDoesNotHandle() {
        for value in [Double.nan, .infinity, -.infinity, 0x1p63, -0x1p64, .greatestFiniteMagnitude] {
            #expect(Self.ours(value, 6) == nil, "\(value)")
        }
        #expect(Self.ours(1, -1) == nil)
        #expect(Self.ours(1, 20) == nil)
        #expect(Self.ours(0x1p63.nextDown, 19) != nil)
    }

    @Test func truncatesAsSnprintfDoes() {
        var buffer = [CChar](repeating: 0x7F, count: 6)
        #expect(sgd_format_fixed(&buffer, 5, 1234.5678, 3) == 8)
        #expect(Self.text(buffer) == "1234")
        #expect(buffer[5] == 0x7F)
        #expect(sgd_format_fixed(nil, 0, 1.5, 1) == 3)
    }

    /// Every kind of double Cairo meets and more: coordinates, tiny and huge magnitudes,
    /// subnormals, exact binary fractions (ties), random bit patterns; every precision 0...19.
    @Test func matchesGlibcOnAMillionValues() {
        var generator = SeededGenerator(seed: 18)
        var compared = 0
        for i in 0..<1_000_000 {
            let bits = generator.next()
            let value: Double
            switch i % 5 {
            case 0: value = Double(bitPattern: bits)
            case 1: value = (Double(bits >> 11) / 0x1p53 - 0.5) * pow(10, Double(Int(bits % 40) - 20))
            case 2: value = Double(Int64(bits % 2_000_001) - 1_000_000) / 1000 + Double((bits >> 40) % 3) * 0.0005
            case 3: value = Double(Int64(bits % 20_001) - 10_000) / pow(2, Double(bits % 60))
            default: value = Double(Int64(bits % 1_441) - 720) + Double((bits >> 32) % 1_000_000) / 1_000_000
            }
            let precision = Int32((bits >> 20) % 20)
            guard let ours = Self.ours(value, precision) else { continue }
            compared += 1
            if ours != Self.glibc(value, precision) {
                Issue.record("\(value.bitPattern) (\(value)) at precision \(precision): \(ours) against \(Self.glibc(value, precision))")
                return
            }
        }
        // Random bit patterns are NaN, infinite or at least 2^63 about half the time: those are declined.
        #expect(compared > 850_000)
    }

    @Test func subnormalsAndPowersOfTwo() {
        for exponent in -1074...62 {
            let value = 0x1p0 * pow(2, Double(exponent))
            for precision: Int32 in [0, 3, 6, 18, 19] {
                Self.check(value, precision)
                Self.check(-value.nextUp, precision)
                Self.check(value.nextDown, precision)
            }
        }
    }
}
