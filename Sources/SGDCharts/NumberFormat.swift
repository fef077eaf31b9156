/// Writes tick values so that they are short and readable from 10⁻³⁰⁰ to 10³⁰⁰.
///
/// Two styles, one per axis so that an axis reads consistently: plain decimals for moderate
/// magnitudes ("0.25", "150", "−3"), and compact e-notation otherwise ("2.5e−6", "1e11",
/// "−1e7"). Negative numbers use the typographic minus sign (U+2212), as matplotlib does.
/// Digits come from integers, so no binary-fraction noise ever shows.
enum NumberFormat {
    static let minus = "\u{2212}"

    /// Plain decimals are used when every nonzero magnitude lies in [1e-4, 1e5).
    static func prefersPlain(_ values: [Double]) -> Bool {
        values.allSatisfy { v in
            let a = Swift.abs(v)
            return a == 0 || (a >= 1e-4 && a < 1e5)
        }
    }

    /// The fewest decimals (up to `limit`) that write `value` to 9 significant digits.
    static func decimalsNeeded(_ value: Double, limit: Int = 12) -> Int {
        for d in 0...limit {
            let scaled = scaledByPowerOfTen(value, d)
            if Swift.abs(scaled - scaled.rounded()) <= 1e-9 * Swift.max(1, Swift.abs(scaled)) { return d }
        }
        return limit
    }

    /// `value` with exactly `decimals` decimals, or nil when it does not fit in an integer.
    static func plain(_ value: Double, decimals: Int) -> String? {
        let scaled = (scaledByPowerOfTen(Swift.abs(value), decimals)).rounded()
        guard scaled < 9e15 else { return nil }
        let digits = String(UInt64(scaled))
        if UInt64(scaled) == 0 { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        var text: String
        if decimals == 0 {
            text = digits
        } else {
            let padded = String(repeating: "0", count: Swift.max(0, decimals + 1 - digits.count)) + digits
            let split = padded.index(padded.endIndex, offsetBy: -decimals)
            text = padded[..<split] + "." + padded[split...]
        }
        return (value < 0 ? minus : "") + text
    }

    /// `value` in e-notation with the fewest mantissa digits (up to `maxDecimals`): "1e6",
    /// "2.5e−6", "−1.25e11". Zero is "0".
    static func scientific(_ value: Double, maxDecimals: Int = 4) -> String {
        guard value != 0 else { return "0" }
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? minus + "∞" : "∞") }
        let magnitude = Swift.abs(value)
        var exponent = Int(_log10(magnitude).rounded(.down))
        // Subnormal magnitudes: scale up first, 10⁻³²⁴ itself is not a double.
        var mantissa = exponent < -290 ? magnitude * 1e300 / powerOfTen(exponent + 300) : magnitude / powerOfTen(exponent)
        guard mantissa.isFinite && mantissa > 0 else { return (value < 0 ? minus : "") + "0" }
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        if mantissa < 1 { mantissa *= 10; exponent -= 1 }
        var decimals = 0
        let tolerance = maxDecimals <= 4 ? 1e-6 : 1e-12
        while decimals < maxDecimals {
            let scaled = scaledByPowerOfTen(mantissa, decimals)
            if Swift.abs(scaled - scaled.rounded()) <= tolerance * scaled { break }
            decimals += 1
        }
        var digits = UInt64(scaledByPowerOfTen(mantissa, decimals).rounded())
        if digits >= UInt64(powerOfTen(decimals + 1)) {  // 9.99996 rounded up to 10
            exponent += 1
            digits = 1
            decimals = 0
        }
        while decimals > 0 && digits % 10 == 0 {
            digits /= 10
            decimals -= 1
        }
        var text = String(digits)
        if decimals > 0 {
            let split = text.index(text.endIndex, offsetBy: -decimals)
            text = text[..<split] + "." + text[split...]
        }
        let exponentText = exponent < 0 ? minus + String(-exponent) : String(exponent)
        return (value < 0 ? minus : "") + text + "e" + exponentText
    }

    /// Labels for the ticks of a linear axis: plain with one number of decimals for all, or
    /// e-notation for all; ticks that differ only past the 8th significant digit are written as
    /// distances from a round offset (see `offsetNotation`). Every label differs from the others,
    /// and every label reads back to within a twentieth of the tick step.
    static func linearLabels(_ values: [Double], allowOffset: Bool = true) -> [String] {
        if allowOffset, let notation = offsetNotation(values) {
            return offsetLabels(values, notation)
        }
        let step = tickStep(values)
        if prefersPlain(values) {
            let decimals = (values + (step.map { [$0] } ?? [])).map { decimalsNeeded($0, limit: 8) }.max() ?? 0
            let labels = values.map { plain($0, decimals: decimals) }
            if decimals <= 6, labels.allSatisfy({ $0 != nil }), Set(labels).count == labels.count { return labels.map { $0! } }
        }
        // Ticks close together far from zero (1000000.1, 1000000.2) need more mantissa digits.
        for maxDecimals in 4...14 {
            let labels = values.map { scientific($0, maxDecimals: maxDecimals) }
            if Set(labels).count == labels.count { return labels }
        }
        return values.map { scientific($0, maxDecimals: 14) }
    }

    /// An axis's ticks as `offset + label × 10^exponent`, when writing them whole would take more
    /// than 8 significant digits (or more than 6 decimals for plain numbers): 2.00000000008,
    /// 2.00000000016, … become 0.8, 1.6, … with "label × 1e−10 + 2". nil when whole labels read well.
    static func offsetNotation(_ values: [Double]) -> (offset: Double, exponent: Int)? {
        guard values.count >= 2, let step = tickStep(values), let first = values.first, let last = values.last,
              values.allSatisfy(\.isFinite) else { return nil }
        let largest = values.map { Swift.abs($0) }.max()!
        guard largest > 0 else { return nil }
        // The step is a difference of doubles (0.09999999997 for 0.1): round its decade first.
        let digits = Int(_log10(largest).rounded(.down)) - Int((_log10(step) + 1e-6).rounded(.down)) + 1
        let plainDecimals = values.map { decimalsNeeded($0, limit: 8) }.max() ?? 0
        let plainTooLong = prefersPlain(values) && Swift.max(plainDecimals, -Int((_log10(step) + 1e-6).rounded(.down))) > 6
        guard digits > 8 || plainTooLong, digits > 3 else { return nil }
        let span = last / 2 - first / 2
        let m = Int(_log10(span * 2).rounded(.up)) + 1
        let offset = roundOffset(lower: first, upper: last, exponent: m)
        let remainders = values.map { $0 - offset }
        let widest = remainders.map { Swift.abs($0) }.max() ?? 0
        let exponent = widest > 0 ? Int(_log10(widest).rounded(.down)) : 0
        return (offset, exponent)
    }

    /// The text that states an offset notation on its axis: "label × 1e−10 + 2".
    static func offsetText(_ notation: (offset: Double, exponent: Int)) -> String {
        let factor = notation.exponent == 0 ? "" : " × 1e" + (notation.exponent < 0 ? minus + String(-notation.exponent) : String(notation.exponent))
        let offset = shortest(Swift.abs(notation.offset))
        let sign = notation.offset < 0 ? " \(minus) " : " + "
        return "label" + factor + (notation.offset == 0 ? "" : sign + offset)
    }

    /// The nearest multiple of 10^`exponent` to the middle of `lower...upper`, as the double
    /// nearest that decimal (so it prints short: 2, −3, 1000000, 0.1).
    static func roundOffset(lower: Double, upper: Double, exponent: Int) -> Double {
        let middle = lower / 2 + upper / 2
        let k = (middle / powerOfTen(exponent)).rounded()
        guard Swift.abs(k) < 9e18, let exact = Double("\(Int64(k))e\(exponent)"), exact.isFinite else { return middle }
        return exact
    }

    /// The shortest decimal that reads back as `value`, in this file's style ("2", "0.1", "1e20").
    static func shortest(_ value: Double) -> String {
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        text = text.replacing("e+", with: "e").replacing("e-", with: "e" + minus)
        return text.hasPrefix("-") ? minus + text.dropFirst() : text
    }

    private static func offsetLabels(_ values: [Double], _ notation: (offset: Double, exponent: Int)) -> [String] {
        let scaled = values.map { ($0 - notation.offset) / powerOfTen(notation.exponent) }
        let step = tickStep(scaled) ?? 1
        for decimals in 0...8 {
            let labels = scaled.map { plain($0, decimals: decimals) ?? scientific($0) }
            let accurate = zip(scaled, labels).allSatisfy { v, label in
                Double(label.replacing(minus, with: "-")).map { Swift.abs($0 - v) <= step / 20 } ?? false
            }
            if accurate, Set(labels).count == labels.count { return labels }
        }
        return scaled.map { scientific($0, maxDecimals: 14) }
    }

    /// The smallest distance between neighbouring ticks, nil for fewer than two.
    static func tickStep(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        var step = Double.infinity
        for i in 1..<values.count { step = Swift.min(step, Swift.abs(values[i] / 2 - values[i - 1] / 2) * 2) }
        return step > 0 && step.isFinite ? step : nil
    }

    /// Labels for the ticks of a log or symlog axis: each plain with its own decimals
    /// ("0.01", "0.1", "1", "10") or all in e-notation.
    static func logLabels(_ values: [Double]) -> [String] {
        if prefersPlain(values) {
            let labels = values.map { plain($0, decimals: decimalsNeeded($0, limit: 8)) }
            if labels.allSatisfy({ $0 != nil }) { return labels.map { $0! } }
        }
        return values.map { scientific($0) }
    }
}
