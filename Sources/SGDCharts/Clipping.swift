/// Line clipping in `Double`, so that a renderer only ever sees coordinates near the plot.
///
/// Cairo 1.16 draws a segment whose end lies more than ~150,000 px away along the wrong line,
/// and drops it beyond ~8 million px; clipping here keeps every coordinate within a few pixels
/// of the plot whatever the data.
enum Clipping {
    /// Liang–Barsky: the part of segment a→b inside `rect`, as parameters 0 ≤ t0 ≤ t1 ≤ 1
    /// along the segment, or nil when it misses.
    @inlinable
    static func clip(_ a: Point, _ b: Point, to rect: Rect) -> (t0: Double, t1: Double)? {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        func edge(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let r = q / p
            if p < 0 {
                if r > t1 { return false }
                if r > t0 { t0 = r }
            } else {
                if r < t0 { return false }
                if r < t1 { t1 = r }
            }
            return true
        }
        guard edge(-dx, a.x - rect.minX), edge(dx, rect.maxX - a.x),
              edge(-dy, a.y - rect.minY), edge(dy, rect.maxY - a.y) else { return nil }
        return (t0, t1)
    }

    /// Whether segment a→b touches `rect`.
    static func intersects(_ a: Point, _ b: Point, _ rect: Rect) -> Bool {
        clip(a, b, to: rect) != nil
    }

    /// Splits a polyline into the pieces inside `rect`, cutting each crossing segment at the edge.
    static func clip(polyline points: [Point], to rect: Rect, into pieces: inout [[Point]]) {
        guard points.count >= 2 else { return }
        var current: [Point] = []
        for i in 1..<points.count {
            let a = points[i - 1], b = points[i]
            guard let (t0, t1) = clip(a, b, to: rect) else {
                if current.count >= 2 { pieces.append(current) }
                current.removeAll(keepingCapacity: true)
                continue
            }
            let start = t0 > 0 ? Point(a.x + t0 * (b.x - a.x), a.y + t0 * (b.y - a.y)) : a
            let end = t1 < 1 ? Point(a.x + t1 * (b.x - a.x), a.y + t1 * (b.y - a.y)) : b
            if t0 > 0 || current.isEmpty {
                if current.count >= 2 { pieces.append(current) }
                current.removeAll(keepingCapacity: true)
                current.append(start)
            }
            current.append(end)
            if t1 < 1 {
                pieces.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        if current.count >= 2 { pieces.append(current) }
    }
}
