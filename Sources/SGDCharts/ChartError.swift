/// Why a chart cannot be laid out or drawn.
package enum ChartError: Error, Sendable, Hashable, CustomStringConvertible {
    /// More device pixels than the renderer will allocate.
    case tooLarge(chart: String, width: Double, height: Double, scale: Double, limit: String)
    /// Too small to hold an axis.
    case tooSmall(chart: String, width: Double, height: Double, minimum: Size)
    case invalidSize(chart: String, width: Double, height: Double, scale: Double)
    case mismatchedLengths(chart: String, series: String, xCount: Int, yCount: Int)
    case invalidSmoothing(chart: String, value: Double)
    case invalidLinthresh(chart: String, axis: Axis, value: Double)
    case invalidDomain(chart: String, axis: Axis, lower: Double, upper: Double, reason: String)

    package var description: String {
        switch self {
        case let .tooLarge(chart, width, height, scale, limit):
            let size = "\(Self.number(width))×\(Self.number(height)) px"
            let device = scale == 1 ? "" : " at scale \(Self.number(scale)) (\(Self.number(width * scale))×\(Self.number(height * scale)) device pixels)"
            return "the chart \(Self.name(chart)) is too large: \(size)\(device); the limit is \(limit)"
        case let .tooSmall(chart, width, height, minimum):
            return "the chart \(Self.name(chart)) is too small: \(Self.number(width))×\(Self.number(height)) px; "
                + "it needs at least \(Self.number(minimum.width))×\(Self.number(minimum.height)) px"
        case let .invalidSize(chart, width, height, scale):
            return "the chart \(Self.name(chart)) has an invalid size: \(Self.number(width))×\(Self.number(height)) px "
                + "at scale \(Self.number(scale)); width, height and scale must be positive finite numbers"
        case let .mismatchedLengths(chart, series, xCount, yCount):
            return "the series \(Self.name(series)) of the chart \(Self.name(chart)) has \(xCount) x values "
                + "but \(yCount) y values; they must pair up"
        case let .invalidSmoothing(chart, value):
            return "the chart \(Self.name(chart)) has smoothing \(Self.number(value)); it must be at least 0 and below 1"
        case let .invalidLinthresh(chart, axis, value):
            return "the \(axis) axis of the chart \(Self.name(chart)) has a symlog threshold of \(Self.number(value)); "
                + "it must be a positive finite number"
        case let .invalidDomain(chart, axis, lower, upper, reason):
            return "the \(axis) range \(Self.number(lower))…\(Self.number(upper)) of the chart \(Self.name(chart)) "
                + "is invalid: \(reason)"
        }
    }

    private static func name(_ s: String) -> String { s.isEmpty ? "(untitled)" : "'\(s)'" }

    private static func number(_ v: Double) -> String {
        v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
