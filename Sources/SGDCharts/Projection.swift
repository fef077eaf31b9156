/// A series in scene coordinates, ready to stroke.
struct ProjectedSeries: Sendable {
    /// Polylines, split at non-finite values and at the clip rectangle's edges.
    var pieces: [[Point]] = []
    /// Finite points without a finite neighbour: a line alone would not show them.
    var isolated: [Point] = []

    var pointCount: Int { pieces.reduce(0) { $0 + $1.count } + isolated.count }
}

/// A scale transform as a type, so that the per-point loops are specialised for each kind
/// (a million points go through them).
protocol PointTransform {
    /// The transformed coordinate, NaN when the axis cannot show `value`.
    func callAsFunction(_ value: Double) -> Double
}

struct LinearPointTransform: PointTransform {
    @inline(__always) func callAsFunction(_ value: Double) -> Double { value.isFinite ? value : .nan }
}

struct LogPointTransform: PointTransform {
    @inline(__always) func callAsFunction(_ value: Double) -> Double {
        value > 0 && value.isFinite ? _log10(value) : .nan
    }
}

struct SymlogPointTransform: PointTransform {
    let transform: ScaleTransform
    @inline(__always) func callAsFunction(_ value: Double) -> Double { transform(value) }
}

/// Scene position = offset + factor · (prescale · transformed value), clamped to ±10⁹.
struct PointMapping<T: PointTransform> {
    let transform: T
    let offset: Double
    let factor: Double
    /// 1, or 2⁶⁰⁰ for a range of subnormal width (1e−310 … 3e−310), whose factor would overflow
    /// (a power of two: scaling is exact, and by 1 leaves every other chart's bits as they were).
    let prescale: Double

    init(_ mapping: AxisMapping, _ transform: T) {
        self.transform = transform
        let tiny = halfSpan(mapping.lower, mapping.upper) < AxisMapping.subnormalSpan
        prescale = tiny ? AxisMapping.subnormalScale : 1
        let lower = mapping.lower * prescale, upper = mapping.upper * prescale
        factor = (mapping.end - mapping.start) / halfSpan(lower, upper) / 2
        offset = mapping.start - lower * factor
    }

    @inline(__always) func callAsFunction(_ value: Double) -> Double {
        let t = transform(value) * prescale
        let p = offset + t * factor
        // NaN fails both comparisons and stays NaN.
        if p < -1e9 { return -1e9 }
        if p > 1e9 { return 1e9 }
        return p
    }
}

/// Maps a series to scene coordinates, splits it at values the axes cannot show, decimates it
/// per device-pixel column and clips it in `Double`.
enum Projection {
    static func project(x xs: [Double], y ys: [Double], xMap: AxisMapping, yMap: AxisMapping,
                        columnWidth: Double, clip: Rect) -> ProjectedSeries {
        switch xMap.transform.kind {
        case .linear: return project(xs, ys, PointMapping(xMap, LinearPointTransform()), yMap, columnWidth, clip)
        case .log: return project(xs, ys, PointMapping(xMap, LogPointTransform()), yMap, columnWidth, clip)
        case .symlog: return project(xs, ys, PointMapping(xMap, SymlogPointTransform(transform: xMap.transform)),
                                     yMap, columnWidth, clip)
        }
    }

    private static func project<X: PointTransform>(_ xs: [Double], _ ys: [Double], _ x: PointMapping<X>,
                                                   _ yMap: AxisMapping, _ columnWidth: Double,
                                                   _ clip: Rect) -> ProjectedSeries {
        switch yMap.transform.kind {
        case .linear: return project(xs, ys, x, PointMapping(yMap, LinearPointTransform()), columnWidth, clip)
        case .log: return project(xs, ys, x, PointMapping(yMap, LogPointTransform()), columnWidth, clip)
        case .symlog: return project(xs, ys, x, PointMapping(yMap, SymlogPointTransform(transform: yMap.transform)),
                                     columnWidth, clip)
        }
    }

    private static func project<X: PointTransform, Y: PointTransform>(
        _ xs: [Double], _ ys: [Double], _ x: PointMapping<X>, _ y: PointMapping<Y>,
        _ columnWidth: Double, _ clip: Rect
    ) -> ProjectedSeries {
        var result = ProjectedSeries()
        var decimator = M4Decimator(columnWidth: columnWidth)
        let n = Swift.min(xs.count, ys.count)
        xs.withUnsafeBufferPointer { xb in
            ys.withUnsafeBufferPointer { yb in
                var inRun = false
                for i in 0..<n {
                    let px = x(xb[i]), py = y(yb[i])
                    if px.isNaN || py.isNaN {
                        if inRun { finish(&decimator, into: &result, clip: clip) }
                        inRun = false
                        continue
                    }
                    decimator.add(px, py)
                    inRun = true
                }
                if inRun { finish(&decimator, into: &result, clip: clip) }
            }
        }
        return result
    }

    private static func finish(_ decimator: inout M4Decimator, into result: inout ProjectedSeries, clip: Rect) {
        let run = decimator.finishRun()
        if run.count == 1 {
            if clip.contains(run[0]) { result.isolated.append(run[0]) }
        } else {
            Clipping.clip(polyline: run, to: clip, into: &result.pieces)
        }
    }

    /// The points to mark, thinned to one per `cell` when there are more than `limit`.
    static func markerPoints(x xs: [Double], y ys: [Double], xMap: AxisMapping, yMap: AxisMapping,
                             inside rect: Rect, limit: Int) -> [Point] {
        var points: [Point] = []
        for i in 0..<Swift.min(xs.count, ys.count) {
            let px = xMap.clampedPosition(of: xs[i]), py = yMap.clampedPosition(of: ys[i])
            if px.isNaN || py.isNaN { continue }
            let p = Point(px, py)
            if rect.contains(p) { points.append(p) }
        }
        var cell = 1.0
        while points.count > limit && cell < 64 {
            var seen = Set<Int64>()
            points = points.filter { p in
                let key = Int64((p.x / cell).rounded(.down)) << 32 | Int64((p.y / cell).rounded(.down)) & 0xFFFF_FFFF
                return seen.insert(key).inserted
            }
            cell *= 2
        }
        return points
    }
}
