@testable import SGDCharts

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
