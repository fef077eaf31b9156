@testable import SGDCharts

/// SplitMix64: the tests' own seeded generator, so property tests are reproducible.
struct TestGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    mutating func double(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

let measurer = FixedAdvanceMeasurer()

extension Scene {
    /// Every coordinate of every primitive.
    var allCoordinates: [Double] {
        items.flatMap { item -> [Double] in
            switch item.element {
            case .rect(let r, _, _): return [r.x, r.y, r.width, r.height]
            case .polyline(let points, _), .markers(let points, _): return points.flatMap { [$0.x, $0.y] }
            case .text(let run): return [run.origin.x, run.origin.y, run.bounds.x, run.bounds.y, run.bounds.width, run.bounds.height]
            case .clip(let r): return [r.x, r.y, r.width, r.height]
            case .unclip: return []
            }
        }
    }

    var allFinite: Bool { allCoordinates.allSatisfy { $0.isFinite } }

    /// The bounds of every tick label on `axis`, in axis order.
    func labelBounds(_ axis: Axis) -> [Rect] {
        texts(.tickLabel(axis)).map(\.bounds)
    }
}

/// Whether any two rectangles overlap.
func anyOverlap(_ rects: [Rect]) -> Bool {
    for i in rects.indices {
        for j in rects.indices where j > i && rects[i].intersects(rects[j]) { return true }
    }
    return false
}
