import Foundation
import SGDCharts
import SGDEngine
import SGDStudy

/// The `landscape` chart (SPEC §4.6): contour lines of the SSE over a grid of two parameters,
/// the others held at the first run's final values, and each run's path through it step by step.
extension ChartAssembler {
    /// Points on each side of the drawn grid.
    static let landscapeGridSize = 200

    static func landscapeChart(_ definition: ChartDefinition, x: String, y: String, runs: [String], results: StudyResults) -> Chart {
        let selected = runs.compactMap { results.run(named: $0) }
        guard let first = selected.first, let xIndex = first.run.parameterNames.firstIndex(of: x),
              let yIndex = first.run.parameterNames.firstIndex(of: y) else {
            return Chart(title: definition.title, xLabel: x, yLabel: y, notes: ["no run to draw"])
        }
        let network = first.run.network, data = first.run.data.dataset
        let held = heldParameters(first)
        var notes: [String] = []
        var series: [Series] = []
        var diverged: Set<Int> = []
        var inView: [(Double, Double)] = []
        var thinned: [(run: String, how: String)] = []

        for (index, result) in selected.enumerated() {
            let path = LandscapePath(result, x: x, y: y)
            if let thinning = path.thinning { thinned.append((result.run.name, thinning)) }
            if let divergence = result.training.divergence {
                diverged.insert(index)
                let at = divergence.duringWarmup ? "during warm-up pass \(divergence.epoch)" : "at step \(divergence.step)"
                notes.append("\(result.run.name) diverged \(at); its path is drawn up to there (×)")
            } else if let step = path.leavesAtStep {
                notes.append("\(result.run.name): the error passes 100 times its first value at step \(step); the path leaves the plot there")
            }
            inView += path.pointsInView
            series.append(Series(name: result.run.name, x: path.xs, y: path.ys))
        }

        if let how = thinned.first?.how, thinned.count == selected.count, thinned.allSatisfy({ $0.how == how }) {
            notes.insert("Each path is \(how.replacingOccurrences(of: "its ", with: "the run's "))", at: 0)
        } else {
            notes.insert(contentsOf: thinned.map { "\($0.run): \($0.how)" }, at: 0)
        }
        // The view: every path (a diverged one until its error grew a hundredfold), then widened
        // until the grid's lowest point is inside it rather than on its edge.
        var box = LandscapeBox(points: inView) ?? LandscapeBox(points: [(held[xIndex], held[yIndex])])!
        box.pad(0.08)
        func surface(_ box: LandscapeBox, _ size: Int) -> GridField {
            let xs = box.xValues(size), ys = box.yValues(size)
            return GridField(xs: xs, ys: ys, values: network.sumOfSquaredErrorsGrid(
                on: data, parameters: held, x: xIndex, values: xs, y: yIndex, values: ys))
        }
        for _ in 0..<8 {
            let coarse = surface(box, 41)
            guard let low = coarse.minimum, box.widenToward(low.x, low.y, field: coarse) else { break }
        }
        box.pad(0.04)
        let field = surface(box, landscapeGridSize)
        let finite = field.values.filter(\.isFinite)
        let levels = Contours.logLevels(low: finite.min() ?? 0, high: finite.max() ?? 0)
        var annotations: [Annotation] = []
        if let minimum = field.minimum {
            // On the grid's edge the surface may fall further outside the view: say so.
            let onEdge = [field.xs.first, field.xs.last].contains(minimum.x) || [field.ys.first, field.ys.last].contains(minimum.y)
            annotations.append(.point(x: minimum.x, y: minimum.y, label: "\(onEdge ? "lowest in view" : "minimum"), SSE \(short(minimum.value))"))
            if onEdge { notes.append("The error keeps falling beyond the plot's edge at the lowest point in view.") }
        }
        let others = first.run.parameterNames.indices.filter { $0 != xIndex && $0 != yIndex }
        if !others.isEmpty {
            let values = others.prefix(6).map { "\(first.run.parameterNames[$0]) = \(short(held[$0]))" }.joined(separator: ", ")
            notes.append("Other weights held at \(first.run.name)'s final values: \(values)\(others.count > 6 ? ", …" : "")")
        }
        notes.insert("Contours: sum of squared errors over the \(data.count) rows, logarithmic levels. ○ start, ● end of each path.", at: 0)

        var chart = Chart(
            title: definition.title, xLabel: x, yLabel: y, series: series,
            width: Double(definition.width ?? defaultWidth), height: Double(definition.height ?? defaultHeight),
            notes: notes, annotations: annotations, xDomain: box.x, yDomain: box.y)
        chart.contours = ContourOverlay(field: field, levels: levels, diverged: diverged)
        return chart
    }

    /// The first run's final weights, or its last finite ones when it diverged.
    static func heldParameters(_ result: RunResult) -> [Double] {
        if result.training.finalParameters.allSatisfy(\.isFinite) { return result.training.finalParameters }
        let rows = result.training.epochs.rows
        return rows.last { $0.parameters.allSatisfy(\.isFinite) }?.parameters ?? result.run.initialParameters
    }

    /// Three significant digits, for labels.
    static func short(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return NumberText.compact(value) }
        let magnitude = Swift.abs(value)
        if magnitude >= 1e5 || magnitude < 1e-3 {
            var exponent = 0, m = magnitude
            while m >= 10 { m /= 10; exponent += 1 }
            while m < 1 { m *= 10; exponent -= 1 }
            let mantissa = (m * 100).rounded() / 100
            return (value < 0 ? "−" : "") + NumberText.compact(mantissa) + "e" + String(exponent)
        }
        var digits = 2
        var m = magnitude
        while m >= 10 && digits > 0 { m /= 10; digits -= 1 }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (magnitude * scale).rounded() / scale
        return (value < 0 ? "−" : "") + NumberText.compact(rounded)
    }
}

/// One run's path through the two parameters: the weights of each recorded step, then the
/// weights after the run, up to the first non-finite pair. A run of more than
/// `maximumSteps` recorded steps is drawn through its weights at each epoch's end instead
/// (per-row steps zigzag across a narrow valley and would only fill it), every k-th epoch
/// when there are more than `maximumPoints` epochs.
struct LandscapePath {
    static let maximumSteps = 400
    static let maximumPoints = 2000

    var xs: [Double] = []
    var ys: [Double] = []
    /// How the path was thinned, for a note; nil when every recorded step is drawn.
    var thinning: String?
    /// The points that the view must show: the path until its error grew a hundredfold.
    var pointsInView: [(Double, Double)] = []
    /// The step at which the path leaves the view that way, if it does.
    var leavesAtStep: Int?

    init(_ result: RunResult, x: String, y: String) {
        let steps = result.training.steps
        let names = result.run.parameterNames
        guard let xi = names.firstIndex(of: x), let yi = names.firstIndex(of: y) else { return }
        let stepXs = steps.column(x) ?? [], stepYs = steps.column(y) ?? []
        let losses = steps.column("loss") ?? [], stepEpochs = steps.column("epoch") ?? []
        let stepNumbers = steps.column("step") ?? []

        // Where the error first exceeds a hundred times its first value.
        var cut = losses.count
        if let firstLoss = losses.first(where: \.isFinite) {
            let limit = Swift.max(firstLoss, 1e-12) * 100
            cut = losses.firstIndex { !$0.isFinite || $0 > limit } ?? losses.count
        }
        if cut < losses.count, cut < stepNumbers.count { leavesAtStep = Int(stepNumbers[cut]) }

        var viewCount: Int
        let epochRows = result.training.epochs.rows
        if stepXs.count > Self.maximumSteps && epochRows.count >= 2 && leavesAtStep == nil {
            let every = (epochRows.count + Self.maximumPoints - 1) / Self.maximumPoints
            var picked = Array(Swift.stride(from: every - 1, to: epochRows.count, by: every))
            if picked.last != epochRows.count - 1 { picked.append(epochRows.count - 1) }
            xs = [stepXs.first ?? result.run.initialParameters[xi]] + picked.map { epochRows[$0].parameters[xi] }
            ys = [stepYs.first ?? result.run.initialParameters[yi]] + picked.map { epochRows[$0].parameters[yi] }
            thinning = every == 1 ? "drawn through its weights at the end of each of its \(epochRows.count) epochs"
                : "drawn through its weights at the end of every \(every)th of its \(epochRows.count) epochs"
            let cutEpoch = cut < stepEpochs.count ? Int(stepEpochs[cut]) : Int.max
            viewCount = 1 + picked.filter { epochRows[$0].epoch < cutEpoch }.count
        } else {
            xs = stepXs
            ys = stepYs
            if result.training.divergence == nil {
                xs.append(result.training.finalParameters[xi])
                ys.append(result.training.finalParameters[yi])
            }
            viewCount = Swift.max(cut, 1) + (cut >= losses.count ? 1 : 0)
        }
        let count = Swift.min(xs.count, ys.count)
        let end = (0..<count).first { !xs[$0].isFinite || !ys[$0].isFinite } ?? count
        xs = Array(xs.prefix(end))
        ys = Array(ys.prefix(end))
        viewCount = Swift.min(viewCount, end)
        pointsInView = Array(zip(xs, ys).prefix(Swift.max(viewCount, 1)))
    }
}

/// The visible ranges of a landscape.
struct LandscapeBox {
    var x: ClosedRange<Double>
    var y: ClosedRange<Double>

    init?(points: [(Double, Double)]) {
        guard let first = points.first else { return nil }
        var xl = first.0, xh = first.0, yl = first.1, yh = first.1
        for (px, py) in points {
            xl = Swift.min(xl, px); xh = Swift.max(xh, px)
            yl = Swift.min(yl, py); yh = Swift.max(yh, py)
        }
        // A path along one parameter still gets a surface across the other.
        func opened(_ low: Double, _ high: Double) -> ClosedRange<Double> {
            if high > low { return low...high }
            let half = Swift.max(Swift.abs(low) * 0.25, 0.5)
            return (low - half)...(high + half)
        }
        x = opened(xl, xh)
        y = opened(yl, yh)
    }

    mutating func pad(_ fraction: Double) {
        let dx = (x.upperBound - x.lowerBound) * fraction, dy = (y.upperBound - y.lowerBound) * fraction
        x = (x.lowerBound - dx)...(x.upperBound + dx)
        y = (y.lowerBound - dy)...(y.upperBound + dy)
    }

    func xValues(_ count: Int) -> [Double] { Self.values(x, count) }
    func yValues(_ count: Int) -> [Double] { Self.values(y, count) }

    static func values(_ range: ClosedRange<Double>, _ count: Int) -> [Double] {
        (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
    }

    /// Moves the edges the grid's lowest point lies on outward by half the range; false when it
    /// lies inside.
    mutating func widenToward(_ px: Double, _ py: Double, field: GridField) -> Bool {
        var widened = false
        let wx = (x.upperBound - x.lowerBound) / 2, wy = (y.upperBound - y.lowerBound) / 2
        if px == field.xs.first { x = (x.lowerBound - wx)...x.upperBound; widened = true }
        if px == field.xs.last { x = x.lowerBound...(x.upperBound + wx); widened = true }
        if py == field.ys.first { y = (y.lowerBound - wy)...y.upperBound; widened = true }
        if py == field.ys.last { y = y.lowerBound...(y.upperBound + wy); widened = true }
        return widened
    }
}
