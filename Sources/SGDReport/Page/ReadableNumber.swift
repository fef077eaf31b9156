import Foundation
import SGDStudy

/// Numbers for people: four significant digits, a real minus sign and powers of ten written
/// as such (`1.235×10⁻⁴`), with the exact value kept for a `title` attribute.
enum ReadableNumber {
    static let significantDigits = 4

    /// The rounded text and the exact text (shortest round-trip form, as in the CSV files).
    static func format(_ value: Double) -> (text: String, exact: String) {
        (text(value), NumberText.shortest(value))
    }

    static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "−∞" : "∞" }
        if value == 0 { return "0" }
        let scientific = printf("%.\(significantDigits - 1)e", value)
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...]) else {
            return NumberText.shortest(value)
        }
        var text: String
        // The notation follows the value's own magnitude (999999 stays "999999"); the digits
        // after the point follow the rounded one (9.99996 is "10.00").
        let magnitude = Int(log10(Swift.abs(value)).rounded(.down))
        if (-4..<6).contains(magnitude) {
            text = printf("%.\(max(0, significantDigits - 1 - exponent))f", value)
            if Double(text) == value { text = trimZeros(text) }
        } else {
            var mantissa = String(scientific[..<e])
            if let rounded = Double(mantissa + "e\(exponent)"), rounded == value { mantissa = trimZeros(mantissa) }
            text = mantissa + "×10" + superscript(exponent)
        }
        if text.hasPrefix("-") { text = "−" + text.dropFirst() }
        return text
    }

    /// C's `snprintf` of one double: what `String(format:)` writes for `%e` and `%f` (it formats
    /// them with the C library too), without Foundation's format parsing (issue 18: about 20 times
    /// the instructions). `format` is one conversion, so the text is short.
    static func printf(_ format: String, _ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let count = withVaList([value]) { vsnprintf(buffer.baseAddress!, buffer.count, format, $0) }
            guard count >= 0, Int(count) < buffer.count else { return String(format: format, value) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(count)), as: UTF8.self)
        }
    }

    /// "1.500" → "1.5", "2.000" → "2": only when the rounded value is exact, so that
    /// "1.000" still says "about 1".
    private static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func superscript(_ exponent: Int) -> String {
        let digits: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return String(String(exponent).map { digits[$0] ?? $0 })
    }
}
