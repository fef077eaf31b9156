/// What a chart may ask of a renderer.
package enum ChartLimits {
    /// The smallest chart that still holds a plot with its axes, in CSS pixels.
    package static let minimumSize = Size(width: 160, height: 120)
    /// The longest side in device pixels (Cairo's own limit is 32,767).
    package static let maximumSide = 16_384.0
    /// The most device pixels in one image (200 MB of RGBA).
    package static let maximumPixels = 50_000_000.0
    /// Device pixels per CSS pixel.
    package static let scales: ClosedRange<Double> = 0.25...8

    /// The limits in words, for error messages.
    package static var description: String {
        "\(Int(maximumSide)) device pixels a side and \(Int(maximumPixels / 1e6)) million pixels in all"
    }
}

extension Chart {
    /// Throws a `ChartError` when the chart cannot be drawn at `scale` device pixels per CSS pixel
    /// (the chart's own `scale` when nil).
    package func validate(scale: Double? = nil) throws {
        let scale = scale ?? self.scale
        guard width.isFinite, height.isFinite, scale.isFinite, width > 0, height > 0, scale > 0,
              ChartLimits.scales.contains(scale) else {
            throw ChartError.invalidSize(chart: title, width: width, height: height, scale: scale)
        }
        guard width >= ChartLimits.minimumSize.width, height >= ChartLimits.minimumSize.height else {
            throw ChartError.tooSmall(chart: title, width: width, height: height, minimum: ChartLimits.minimumSize)
        }
        let side = ChartLimits.maximumSide
        if width * scale > side || height * scale > side || width * height * scale * scale > ChartLimits.maximumPixels {
            throw ChartError.tooLarge(chart: title, width: width, height: height, scale: scale,
                                      limit: ChartLimits.description)
        }
        for series in series where series.x.count != series.y.count {
            throw ChartError.mismatchedLengths(chart: title, series: series.name, xCount: series.x.count, yCount: series.y.count)
        }
        if let smoothing, !(smoothing >= 0 && smoothing < 1) {
            throw ChartError.invalidSmoothing(chart: title, value: smoothing)
        }
        for (axis, scale, domain) in [(Axis.x, xScale, xDomain), (Axis.y, yScale, yDomain)] {
            if case .symlog(let linthresh?) = scale, !(linthresh > 0 && linthresh.isFinite) {
                throw ChartError.invalidLinthresh(chart: title, axis: axis, value: linthresh)
            }
            guard let domain else { continue }
            if !domain.lowerBound.isFinite || !domain.upperBound.isFinite {
                throw ChartError.invalidDomain(chart: title, axis: axis, lower: domain.lowerBound,
                                               upper: domain.upperBound, reason: "the bounds must be finite")
            }
            if domain.lowerBound == domain.upperBound {
                throw ChartError.invalidDomain(chart: title, axis: axis, lower: domain.lowerBound,
                                               upper: domain.upperBound, reason: "the range is empty")
            }
            if scale == .log && domain.lowerBound <= 0 {
                throw ChartError.invalidDomain(chart: title, axis: axis, lower: domain.lowerBound,
                                               upper: domain.upperBound, reason: "a log axis needs positive bounds")
            }
        }
    }
}
