/// How a run's inputs are rescaled before training (SPEC §4.2 `data.normalize`).
///
/// `standardize` is x ← (x − mean)/std with the population standard deviation (divide by N, as
/// scikit-learn's `StandardScaler` and `torch.std(unbiased=False)`); `minmax` is
/// x ← (x − min)/(max − min). Targets are left as they are.
public enum Normalization: String, Sendable, CaseIterable, Equatable {
    case none
    case standardize
    case minmax

    /// x′ = (x − shift)/scale: the shift and scale this normalization takes from `x`.
    /// (0, 1) for `.none`; nil when `x` is empty or constant (std 0, or max = min), which
    /// cannot be rescaled.
    package func statistics(of x: [Double]) -> (shift: Double, scale: Double)? {
        guard !x.isEmpty else { return nil }
        switch self {
        case .none:
            return (0, 1)
        case .standardize:
            var sum = 0.0
            for value in x { sum += value }
            let mean = sum / Double(x.count)
            var squares = 0.0
            for value in x { squares += (value - mean) * (value - mean) }
            let std = (squares / Double(x.count)).squareRoot()
            guard std > 0, std.isFinite else { return nil }
            return (mean, std)
        case .minmax:
            guard let low = x.min(), let high = x.max(), high > low, (high - low).isFinite else { return nil }
            return (low, high - low)
        }
    }

    /// `data` with each x replaced by (x − shift)/scale; unchanged for `.none`. Nil when
    /// `statistics` is nil.
    package func apply(to data: Dataset) -> Dataset? {
        if self == .none { return data }
        guard let (shift, scale) = statistics(of: data.x) else { return nil }
        return Dataset(x: data.x.map { ($0 - shift) / scale }, y: data.y)
    }

    /// A line y = slope′·x′ + intercept′ in normalized x′ = (x − shift)/scale, written in the original
    /// x: slope = slope′/scale, intercept = intercept′ − slope′·shift/scale.
    package static func originalUnits(
        slope: Double, intercept: Double, shift: Double, scale: Double
    ) -> (slope: Double, intercept: Double) {
        if shift == 0 && scale == 1 { return (slope, intercept) }
        return (slope / scale, intercept - slope * shift / scale)
    }
}
