import Foundation

/// A sweep's `{ "from", "to", "count", "scale" }` (SPEC §4.3), made into its values.
///
/// The ends are exactly `from` and `to`. Between them the values are evenly spaced (`linear`:
/// from + i·(to − from)/(count − 1)) or in equal ratios (`log`: from·(to/from)^(i/(count − 1)),
/// as numpy's `geomspace`), then rounded so that the run names read well and name exactly the
/// value trained with: to whole numbers for whole-number settings (epochs, units, seed, batch),
/// otherwise to 3 significant digits — more, up to 17, when 3 would make two values equal.
public struct SweepRange: Sendable, Equatable {
    /// How the values between the ends are spaced.
    public enum Scale: String, Sendable, CaseIterable, Equatable {
        case linear, log
    }

    public var from: Double
    public var to: Double
    /// At least 2.
    public var count: Int
    public var scale: Scale
    /// Round every value to a whole number (and refuse a range with too few of them).
    public var wholeNumbers: Bool

    public init(from: Double, to: Double, count: Int, scale: Scale, wholeNumbers: Bool = false) {
        self.from = from
        self.to = to
        self.count = count
        self.scale = scale
        self.wholeNumbers = wholeNumbers
    }

    /// The values, `from` first and `to` last; nil when whole-number rounding makes two equal.
    public var values: [Double]? {
        let raw = (0..<count).map { i -> Double in
            if i == 0 { return from }
            if i == count - 1 { return to }
            let t = Double(i) / Double(count - 1)
            switch scale {
            case .linear: return from + t * (to - from)
            case .log: return from * Foundation.exp(t * Foundation.log(to / from))
            }
        }
        if wholeNumbers {
            let rounded = raw.map { $0.rounded() }
            return Set(rounded).count == rounded.count ? rounded : nil
        }
        for digits in 3...17 {
            var rounded = raw
            for i in 1..<(count - 1) { rounded[i] = Self.round(raw[i], significantDigits: digits) }
            if Set(rounded).count == rounded.count { return rounded }
        }
        return raw
    }

    /// `value` to `digits` significant digits, as its decimal text would be written (so 3.16e-05, not 3.1600000000000004e-05).
    static func round(_ value: Double, significantDigits digits: Int) -> Double {
        guard value != 0, value.isFinite else { return value }
        let text = String(format: "%.\(digits - 1)e", value)
        return Double(text) ?? value
    }
}
