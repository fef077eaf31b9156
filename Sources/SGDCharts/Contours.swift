/// Values sampled on a rectangular grid: `values[j * xs.count + i]` is the value at `(xs[i], ys[j])`.
/// Non-finite values mark points where the function could not be evaluated.
package struct GridField: Sendable, Hashable {
    package var xs: [Double]
    package var ys: [Double]
    package var values: [Double]

    /// - Precondition: `values.count == xs.count * ys.count`; `xs` and `ys` increase.
    package init(xs: [Double], ys: [Double], values: [Double]) {
        precondition(values.count == xs.count * ys.count, "one value per grid point")
        self.xs = xs
        self.ys = ys
        self.values = values
    }

    package subscript(i: Int, j: Int) -> Double { values[j * xs.count + i] }

    /// The finite grid point with the smallest value, if any.
    package var minimum: (x: Double, y: Double, value: Double)? {
        var best: (x: Double, y: Double, value: Double)?
        for j in ys.indices {
            for i in xs.indices {
                let v = self[i, j]
                if v.isFinite && (best == nil || v < best!.value) { best = (xs[i], ys[j], v) }
            }
        }
        return best
    }
}

/// Contour lines by marching squares (Lorensen & Cline's cube cases in two dimensions), in the
/// field's own coordinates, and the choice of logarithmic contour levels.
package enum Contours {
    /// The lines where the field crosses `level`, joined into polylines (closed ones end where
    /// they start). A cell with a non-finite corner is skipped, so lines stop at such holes.
    /// Saddle cells (opposite corners on the same side) are resolved by the cell centre's value,
    /// taken as the mean of its corners: when it is above the level the two high corners join.
    package static func lines(_ field: GridField, level: Double) -> [[Point]] {
        let nx = field.xs.count, ny = field.ys.count
        guard nx >= 2, ny >= 2, level.isFinite else { return [] }
        // Edge keys: horizontal edge (i, j)→(i+1, j) is 2·(j·nx + i); vertical (i, j)→(i, j+1) is 2·(j·nx + i) + 1.
        func hKey(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) }
        func vKey(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) + 1 }
        func crossing(_ key: Int) -> Point {
            let cell = key / 2, i = cell % nx, j = cell / nx
            let (i2, j2) = key % 2 == 0 ? (i + 1, j) : (i, j + 1)
            let v1 = field[i, j], v2 = field[i2, j2]
            let t = v1 == v2 ? 0.5 : Swift.min(Swift.max((level - v1) / (v2 - v1), 0), 1)
            return Point(field.xs[i] + (field.xs[i2] - field.xs[i]) * t, field.ys[j] + (field.ys[j2] - field.ys[j]) * t)
        }
        var segments: [(Int, Int)] = []
        for j in 0..<(ny - 1) {
            for i in 0..<(nx - 1) {
                let v0 = field[i, j], v1 = field[i + 1, j], v2 = field[i + 1, j + 1], v3 = field[i, j + 1]
                guard v0.isFinite, v1.isFinite, v2.isFinite, v3.isFinite else { continue }
                let index = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0)
                // Edges: bottom (v0–v1), right (v1–v2), top (v3–v2), left (v0–v3).
                let bottom = hKey(i, j), right = vKey(i + 1, j), top = hKey(i, j + 1), left = vKey(i, j)
                switch index {
                case 0, 15: break
                case 1, 14: segments.append((left, bottom))
                case 2, 13: segments.append((bottom, right))
                case 3, 12: segments.append((left, right))
                case 4, 11: segments.append((right, top))
                case 6, 9: segments.append((bottom, top))
                case 7, 8: segments.append((left, top))
                case 5, 10:
                    let centreAbove = (v0 + v1 + v2 + v3) / 4 > level
                    // Case 5: v0 and v2 above. A centre above joins them: the lines cut off v1 and v3.
                    if (index == 5) == centreAbove {
                        segments.append((bottom, right))
                        segments.append((left, top))
                    } else {
                        segments.append((left, bottom))
                        segments.append((right, top))
                    }
                default: break
                }
            }
        }
        return join(segments).map { $0.map(crossing) }
    }

    /// Chains segments that share an edge crossing into polylines of edge keys.
    static func join(_ segments: [(Int, Int)]) -> [[Int]] {
        var ends: [Int: [Int]] = [:]  // edge key → indices of segments touching it
        for (index, segment) in segments.enumerated() {
            ends[segment.0, default: []].append(index)
            ends[segment.1, default: []].append(index)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var lines: [[Int]] = []
        func next(from key: Int) -> (Int, Int)? {
            for index in ends[key] ?? [] where !used[index] {
                let s = segments[index]
                return (index, s.0 == key ? s.1 : s.0)
            }
            return nil
        }
        // Open lines start at an end touched once; then the closed loops remain.
        let starts = segments.indices.flatMap { [segments[$0].0, segments[$0].1] }.filter { ends[$0]?.count == 1 }
        for start in starts + segments.map(\.0) {
            guard next(from: start) != nil else { continue }
            var line = [start], key = start
            while let (index, other) = next(from: key) {
                used[index] = true
                line.append(other)
                key = other
            }
            lines.append(line)
        }
        return lines
    }

    /// Logarithmic contour levels between `low` and `high` (both > 0): powers of ten times
    /// 1, 2 and 5, or 1 and 3, or 1 alone, the finest that gives at most `maximumCount` levels.
    /// Only the top `maximumDecades` decades below `high` are used, so that a minimum of 0
    /// still leaves levels spread over the surface. Sorted ascending; empty when `high` ≤ 0.
    package static func logLevels(low: Double, high: Double, maximumCount: Int = 12, maximumDecades: Int = 6) -> [Double] {
        guard high.isFinite, high > 0 else { return [] }
        let bottom = Swift.max(low.isFinite && low > 0 ? low : 0, high / powerOfTen(maximumDecades))
        guard bottom < high else { return [] }
        let first = Int(_log10(bottom).rounded(.down)), last = Int(_log10(high).rounded(.up))
        for mantissas in [[1.0, 2, 5], [1.0, 3], [1.0]] {
            let levels = (first...last).flatMap { e in mantissas.map { scaledByPowerOfTen($0, e) } }
                .filter { $0 > bottom && $0 < high }
            if levels.count <= maximumCount { return levels }
        }
        // More decades than levels: every k-th decade.
        let step = Swift.max(1, (last - first + maximumCount - 1) / maximumCount)
        return stride(from: first, through: last, by: step).map { powerOfTen($0) }.filter { $0 > bottom && $0 < high }
    }
}
