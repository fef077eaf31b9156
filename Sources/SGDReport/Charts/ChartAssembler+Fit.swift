import SGDCharts
import SGDEngine
import SGDStudy

/// The `fit` chart (SPEC §4.6): the data as points and the function the model computes at the
/// end of each listed epoch, over the data's x range; and the alt text of both question charts.
extension ChartAssembler {
    /// Points along x at which each function is evaluated (kinks of a ReLU are added exactly).
    static let fitSamples = 400

    static func fitChart(_ definition: ChartDefinition, runs: [String], epochs: [Int], results: StudyResults) -> Chart {
        let selected = runs.compactMap { results.run(named: $0) }
        let epochs = Array(Set(epochs)).sorted()
        var series: [Series] = []
        var notes: [String] = []
        guard let data = selected.first?.run.dataset, let low = data.x.min(), let high = data.x.max() else {
            return Chart(title: definition.title, xLabel: "x", yLabel: "y", notes: ["no run to draw"])
        }
        var points = FitSampling.samples(from: low, to: high, count: fitSamples)
        for result in selected {
            points += FitSampling.kinks(result, epochs: epochs, in: low...high)
        }
        let xs = Array(Set(points)).sorted()
        series.append(Series(name: "data", x: data.x, y: data.y, style: .markers))
        series[0].color = Color(grey: 0.2)

        let palette = Palette.okabeIto
        for (r, result) in selected.enumerated() {
            let base = palette[r % palette.count]
            var missing: [Int] = []
            for (k, epoch) in epochs.enumerated() {
                guard let weights = weights(of: result, atEndOf: epoch) else { missing.append(epoch); continue }
                let ys = result.run.network.predictions(at: xs, parameters: weights)
                let epochName = epoch == 0 ? "start" : "epoch \(epoch)"
                var line = Series(name: selected.count > 1 ? "\(displayName(result.run)) · \(epochName)" : epochName, x: xs, y: ys, style: .line)
                // Later epochs darker: the first listed is the run's colour faded toward white.
                let fade = epochs.count > 1 ? 0.65 * Double(epochs.count - 1 - k) / Double(epochs.count - 1) : 0
                line.color = base.mixed(with: .white, fraction: fade)
                series.append(line)
            }
            if !missing.isEmpty, let divergence = result.training.divergence {
                let list = missing.map(String.init).joined(separator: ", ")
                notes.append("\(displayName(result.run)) diverged at step \(divergence.step) (epoch \(divergence.epoch)): epoch\(missing.count > 1 ? "s" : "") \(list) not drawn")
            }
        }

        // The data stays readable: a line far off it leaves the plot rather than squash it.
        let dataLow = data.y.min()!, dataHigh = data.y.max()!
        let span = Swift.max(dataHigh - dataLow, Swift.abs(dataHigh) * 0.1, 1)
        let limit = (dataLow - span)...(dataHigh + span)
        let lineValues = series.dropFirst().flatMap(\.y).filter(\.isFinite)
        var yDomain: ClosedRange<Double>?
        if lineValues.contains(where: { !limit.contains($0) }) {
            let shown = lineValues.filter(limit.contains) + data.y
            yDomain = shown.min()!...shown.max()!
            let pad = (yDomain!.upperBound - yDomain!.lowerBound) * 0.05
            yDomain = (yDomain!.lowerBound - pad)...(yDomain!.upperBound + pad)
            notes.append("Some lines leave the plot: it is scaled to the data.")
        }
        return Chart(
            title: definition.title, xLabel: "x", yLabel: "y", series: series,
            width: Double(definition.width ?? defaultWidth), height: Double(definition.height ?? defaultHeight),
            notes: notes, yDomain: yDomain)
    }

    /// The weights at the end of `epoch` (those the next epoch starts from); 0 is the starting
    /// weights. Nil when the run stopped before, or they are not finite.
    static func weights(of result: RunResult, atEndOf epoch: Int) -> [Double]? {
        if epoch == 0 { return result.run.initialParameters }
        guard let row = result.training.epochs.rows.first(where: { $0.epoch == epoch }),
              row.parameters.allSatisfy(\.isFinite) else { return nil }
        if result.training.divergence.map({ $0.epoch <= epoch }) == true { return nil }
        return row.parameters
    }
}

/// Where the `fit` chart evaluates the model along x.
enum FitSampling {
    static func samples(from low: Double, to high: Double, count: Int) -> [Double] {
        guard high > low else { return [low] }
        return (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
    }

    /// Where a chain of single neurons' first ReLU switches (a·x + b = 0), so the kink is drawn sharp.
    static func kinks(_ result: RunResult, epochs: [Int], in range: ClosedRange<Double>) -> [Double] {
        let network = result.run.network
        guard network.isChainOfSingleNeurons, network.layers.first?.activation != Activation.none else { return [] }
        return epochs.compactMap { epoch in
            guard let w = ChartAssembler.weights(of: result, atEndOf: epoch), w[0] != 0 else { return nil }
            let x = -w[1] / w[0]
            return range.contains(x) ? x : nil
        }
    }
}
