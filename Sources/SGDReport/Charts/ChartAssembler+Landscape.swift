import SGDCharts
import SGDEngine
import SGDStudy

/// The `landscape` chart (SPEC §4.6): contour lines of the SSE over a grid of two parameters,
/// the others held at the first run's final values (its starting ones if it diverged), and each
/// run's path through it step by step.
extension ChartAssembler {
    /// Points on each side of the drawn grid.
    static let landscapeGridSize = 200

    static func landscapeChart(_ definition: ChartDefinition, x: String, y: String, runs: [String], results: StudyResults) -> Chart {
        let selected = runs.compactMap { results.run(named: $0) }
        guard let first = selected.first, let xIndex = first.run.parameterNames.firstIndex(of: x),
              let yIndex = first.run.parameterNames.firstIndex(of: y) else {
            return Chart(title: definition.title, xLabel: x, yLabel: y, notes: ["no run to draw"])
        }
        let network = first.run.network, data = first.run.dataset
        let (held, heldWhich) = heldParameters(first)
        var notes: [String] = []
        var series: [Series] = []
        var diverged: Set<Int> = []
        var inView: [(Double, Double)] = []
        var thinned: [(run: String, how: String)] = []
        // Diverged runs' notes, finished once the view is known: whether their × is in it.
        var divergedNotes: [(text: String, path: LandscapePath, drawn: Int)] = []

        for (index, result) in selected.enumerated() {
            let path = LandscapePath(result, x: x, y: y)
            if let thinning = path.thinning { thinned.append((displayName(result.run), thinning)) }
            if let divergence = result.training.divergence {
                diverged.insert(index)
                let at = divergence.duringWarmup ? "during warm-up pass \(divergence.epoch)" : "at step \(divergence.step)"
                notes.append("\(displayName(result.run)) diverged \(at)")
            } else if let step = path.leavesAtStep {
                notes.append("\(displayName(result.run)): the error passes 100 times its first value at step \(step); the path leaves the plot there")
            }
            inView += path.pointsInView
            // A line: markers with white edges, a pixel apart, would hide it.
            // A path that leaves the view is drawn until it does (one segment out), not on through
            // the far-away points, whose segments would cross the plot as straight lines.
            let drawn = path.leavesAtStep == nil ? path.xs.count : Swift.min(path.xs.count, path.pointsInView.count + 1)
            series.append(Series(name: displayName(result.run), x: Array(path.xs.prefix(drawn)), y: Array(path.ys.prefix(drawn)), style: .line))
            if result.training.divergence != nil { divergedNotes.append((notes[notes.count - 1], path, drawn)) }
        }

        if let how = thinned.first?.how, thinned.count == selected.count, thinned.allSatisfy({ $0.how == how }) {
            notes.insert("Every path is \(how)", at: 0)
        } else {
            notes.insert(contentsOf: thinned.map { "\($0.run): \($0.how)" }, at: 0)
        }
        // The view: every path (a diverged one until its error grew a hundredfold) and the
        // minimum, found by descending from the lowest point of a grid over the paths.
        var box = LandscapeBox(points: inView) ?? LandscapeBox(points: [(held[xIndex], held[yIndex])])!
        box.pad(0.08)
        // Paths near the largest doubles would give a grid that overflows: show the held weights' surroundings.
        if !(box.width.isFinite && box.height.isFinite && box.width > 0 && box.height > 0) {
            box = LandscapeBox(points: [(held[xIndex], held[yIndex])])!
        }
        func surface(_ box: LandscapeBox, _ size: Int) -> GridField {
            let xs = box.xValues(size), ys = box.yValues(size)
            return GridField(xs: xs, ys: ys, values: network.sumOfSquaredErrorsGrid(
                on: data, parameters: held, x: xIndex, values: xs, y: yIndex, values: ys))
        }
        var weights = held
        func sse(_ px: Double, _ py: Double) -> Double {
            weights[xIndex] = px
            weights[yIndex] = py
            return network.sumOfSquaredErrors(on: data, parameters: weights)
        }
        var minimum: (x: Double, y: Double, value: Double)?
        if let start = surface(box, landscapeGridSize / 2).minimum {
            let low = LandscapeMinimum.descend(
                from: (start.x, start.y), step: (box.width / 100, box.height / 100), sse)
            // A minimum absurdly far away (a surface that keeps falling) is not chased.
            if low.value.isFinite, Swift.abs(low.x - box.x.lowerBound) < 1000 * box.width, Swift.abs(low.y - box.y.lowerBound) < 1000 * box.height {
                minimum = low
                if !box.x.contains(low.x) || !box.y.contains(low.y) {
                    box = LandscapeBox(points: [(box.x.lowerBound, box.y.lowerBound), (box.x.upperBound, box.y.upperBound), (low.x, low.y)])!
                    box.pad(0.06)
                }
            }
        }
        // A diverged run's × is at its path's last point: the note says whether that is in view.
        for (text, path, drawn) in divergedNotes {
            if let i = notes.firstIndex(of: text) { notes[i] = text + Self.divergedPathText(path, drawn: drawn, box: box) }
        }
        let field = surface(box, landscapeGridSize)
        let finite = field.values.filter(\.isFinite)
        let levels = Contours.logLevels(low: finite.min() ?? 0, high: finite.max() ?? 0)
        var annotations: [Annotation] = []
        if let minimum {
            // Rounding noise of an exact fit reads as 0.
            let value = minimum.value <= 1e-9 * (finite.max() ?? 0) ? "≈ 0" : short(minimum.value)
            annotations.append(.point(x: minimum.x, y: minimum.y, label: "minimum, SSE \(value)"))
        } else if let low = field.minimum {
            annotations.append(.point(x: low.x, y: low.y, label: "lowest in view, SSE \(short(low.value))"))
            notes.append("The error keeps falling beyond the plot: the point marked is the lowest in view.")
        }
        let others = first.run.parameterNames.indices.filter { $0 != xIndex && $0 != yIndex }
        if !others.isEmpty {
            let values = others.prefix(6).map { "\(first.run.parameterNames[$0]) = \(short(held[$0]))" }.joined(separator: ", ")
            notes.append("Other weights held at \(displayName(first.run))'s \(heldWhich) values: \(values)\(others.count > 6 ? ", …" : "")")
        }
        notes.insert("Contours: sum of squared errors over the \(data.count) rows, logarithmic levels. ○ start, ● end of each path.", at: 0)

        var chart = Chart(
            title: definition.title, xLabel: x, yLabel: y, series: series,
            width: Double(definition.width ?? defaultWidth), height: Double(definition.height ?? defaultHeight),
            notes: notes, annotations: annotations, xDomain: box.x, yDomain: box.y)
        chart.contours = ContourOverlay(field: field, levels: levels, diverged: diverged)
        return chart
    }

    /// How a diverged run's path ends in view: "; its path is drawn up to there (×)", or, when its
    /// last point (the ×) lies outside the view, where the path leaves it ("; its path leaves the
    /// view at step 41, before its × there").
    static func divergedPathText(_ path: LandscapePath, drawn: Int, box: LandscapeBox) -> String {
        let count = Swift.min(drawn, path.xs.count, path.ys.count)
        func inView(_ i: Int) -> Bool { box.x.contains(path.xs[i]) && box.y.contains(path.ys[i]) }
        guard count > 0, !inView(count - 1) else { return "; its path is drawn up to there (×)" }
        guard let out = (0..<count).first(where: { !inView($0) }) else { return "; its path is drawn up to there (×)" }
        if let steps = path.steps, out < steps.count {
            return out == 0 ? "; its path starts outside the view, and its × is outside it too"
                : "; its path leaves the view at step \(steps[out]), before its × there"
        }
        return "; its path leaves the view before its × there"
    }

    /// Where the other weights are held: the first run's final weights, or, when it diverged,
    /// its starting weights (its last finite weights are far off, e.g. 1e166, and the surface
    /// there shows nothing of the path, which starts at the start).
    static func heldParameters(_ result: RunResult) -> (values: [Double], which: String) {
        if result.training.divergence == nil, result.training.finalParameters.allSatisfy(\.isFinite) {
            return (result.training.finalParameters, "final")
        }
        return (result.run.initialParameters, "starting")
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
    /// The step number of each point when the path goes step by step (nil when it is thinned to
    /// epochs); the point after the last step (the final weights) has none.
    var steps: [Int]?

    init(_ result: RunResult, x: String, y: String) {
        let steps = result.training.steps
        let names = result.run.parameterNames
        guard let xi = names.firstIndex(of: x), let yi = names.firstIndex(of: y) else { return }
        let stepXs = steps.column(x) ?? [], stepYs = steps.column(y) ?? []
        let losses = steps.column(TraceColumn.loss.name) ?? [], stepEpochs = steps.column(TraceColumn.epoch.name) ?? []
        let stepNumbers = steps.column(TraceColumn.step.name) ?? []

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
            let lastEpoch = epochRows[epochRows.count - 1].epoch
            thinning = result.run.recordEpochs > 1
                ? "drawn through its weights at the end of \(picked.count) of its \(lastEpoch) epochs (those its epochs trace keeps)"
                : every == 1 ? "drawn through its weights at the end of each of its \(epochRows.count) epochs"
                : "drawn through its weights at the end of every \(every)th of its \(epochRows.count) epochs"
            let cutEpoch = cut < stepEpochs.count ? Int(stepEpochs[cut]) : Int.max
            viewCount = 1 + picked.filter { epochRows[$0].epoch < cutEpoch }.count
        } else {
            xs = stepXs
            ys = stepYs
            self.steps = stepNumbers.map { Int($0) }
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

    init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.x = x
        self.y = y
    }

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

    var width: Double { x.upperBound - x.lowerBound }
    var height: Double { y.upperBound - y.lowerBound }
}

/// The lowest point of a surface near a start, by Nelder & Mead's simplex method (Computer
/// Journal 7, 1965, with the standard coefficients 1, 2, ½, ½): the triangle stretches along a
/// long narrow valley and follows it round a bend, where steps along the axes would stall.
enum LandscapeMinimum {
    static func descend(
        from start: (Double, Double), step: (Double, Double), iterations: Int = 5_000, _ f: (Double, Double) -> Double
    ) -> (x: Double, y: Double, value: Double) {
        typealias Vertex = (x: Double, y: Double, value: Double)
        func at(_ x: Double, _ y: Double) -> Vertex {
            let v = f(x, y)
            return (x, y, v.isNaN ? .infinity : v)
        }
        var simplex = [at(start.0, start.1), at(start.0 + step.0, start.1), at(start.0, start.1 + step.1)]
        guard simplex[0].value.isFinite, step.0 > 0, step.1 > 0 else { return simplex[0] }
        for _ in 0..<iterations {
            simplex.sort { $0.value < $1.value }
            let best = simplex[0], worst = simplex[2]
            // Converged: the triangle is tiny beside the start step, or its values agree.
            let size = Swift.max(Swift.abs(simplex[1].x - best.x) + Swift.abs(worst.x - best.x),
                                 0) / step.0 + (Swift.abs(simplex[1].y - best.y) + Swift.abs(worst.y - best.y)) / step.1
            if size < 1e-9 || worst.value - best.value <= 1e-12 * Swift.max(best.value, 1e-300) && size < 1e-3 { break }
            let cx = (best.x + simplex[1].x) / 2, cy = (best.y + simplex[1].y) / 2
            func toward(_ t: Double) -> Vertex { at(cx + t * (worst.x - cx), cy + t * (worst.y - cy)) }
            let reflected = toward(-1)
            if reflected.value < best.value {
                let expanded = toward(-2)
                simplex[2] = expanded.value < reflected.value ? expanded : reflected
            } else if reflected.value < simplex[1].value {
                simplex[2] = reflected
            } else {
                let contracted = reflected.value < worst.value ? toward(-0.5) : toward(0.5)
                if contracted.value < Swift.min(worst.value, reflected.value) {
                    simplex[2] = contracted
                } else {
                    // Shrink toward the best vertex.
                    simplex[1] = at((best.x + simplex[1].x) / 2, (best.y + simplex[1].y) / 2)
                    simplex[2] = at((best.x + worst.x) / 2, (best.y + worst.y) / 2)
                }
            }
        }
        return simplex.min { $0.value < $1.value }!
    }
}
