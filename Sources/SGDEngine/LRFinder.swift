#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// fastai's learning-rate finder: SPEC §4.3 `lrFind`, `Learner.lr_find` and its `LRFinder`
/// callback (fastai/fastai, `fastai/callback/schedule.py`).
///
/// Batch i (from 0) trains at lr_i = startLr·(endLr/startLr)^(i/numIt), going round the data as
/// often as needed, for `numIt` batches; the loss is smoothed as fastai's `AvgSmoothLoss`
/// (`SmoothedLoss`), and with `stopDiv` the run stops after the batch whose smoothed loss
/// exceeds 4× the lowest so far. `suggestions(lrs:losses:)` are fastai's four suggestion functions.
public struct LRFinder: Sendable, Equatable {
    /// The first batch's rate; positive.
    package var startLr: Double
    /// The rate the exponential would reach at batch `numIt`; greater than `startLr`.
    package var endLr: Double
    /// Batches at most (fastai raises anything below 6 to 6).
    package var numIt: Int
    /// Stop once the smoothed loss exceeds 4× the lowest so far.
    package var stopDiv: Bool

    package init(startLr: Double = 1e-7, endLr: Double = 10, numIt: Int = 100, stopDiv: Bool = true) {
        self.startLr = startLr
        self.endLr = endLr
        self.numIt = Swift.max(numIt, 6)
        self.stopDiv = stopDiv
    }

    /// The rate of batch `i` (from 0): fastai's `SchedExp(startLr, endLr)` at i/numIt.
    package func rate(batch i: Int) -> Double {
        Schedule.exponential(startLr, endLr, Double(i) / Double(numIt))
    }

    /// Passes over the data a finder of `batchesPerEpoch` batches an epoch may start:
    /// fastai's `n_epoch = num_it // len(dls.train) + 1`.
    package func epochs(batchesPerEpoch: Int) -> Int {
        numIt / Swift.max(batchesPerEpoch, 1) + 1
    }

    /// fastai's four suggestions from one finder run.
    public struct Suggestions: Sendable, Equatable {
        /// The rate two thirds of the way down the longest decreasing stretch (`valley`).
        package var valley: Double?
        /// The rate where the loss's slope settles (`slide`, interval 15, threshold 0.005).
        package var slide: Double?
        /// A tenth of the rate with the lowest loss (`minimum`).
        package var minimum: Double?
        /// The rate where the loss falls fastest per decade of lr (`steep`).
        package var steep: Double?
        /// Where fastai's plot marks each one (lr, loss): `minimum`'s point is at the lowest
        /// loss's rate, ten times its suggestion; `slide`'s loss is interpolated over log10 lr.
        package var points: [String: Point] = [:]

        /// A marked point of the finder's curve.
        package struct Point: Sendable, Equatable {
            package var lr: Double
            package var loss: Double
        }

        /// The names, in fastai's order.
        package static let names = ["valley", "slide", "minimum", "steep"]

        package func value(_ name: String) -> Double? {
            switch name {
            case "valley": return valley
            case "slide": return slide
            case "minimum": return minimum
            case "steep": return steep
            default: return nil
            }
        }
    }

    /// fastai's `lr_find` after training: the recorded rates and smoothed losses from index
    /// numIt/10 (integer division) up to the last 5 left out, as float32 tensors, cut at the first
    /// NaN; then `valley`, `slide`, `minimum` and `steep` on them, in float32 where fastai's
    /// tensors are. A suggestion that fastai's function cannot compute on so few points (it would
    /// raise an IndexError) is nil.
    package func suggestions(lrs allRates: [Double], losses allLosses: [Double]) -> Suggestions {
        let start = numIt / 10, end = allRates.count - 5
        var lrs: [Float] = [], losses: [Float] = []
        if start < end {
            for i in start..<end {
                let loss = Float(allLosses[i])
                if loss.isNaN { break }
                lrs.append(Float(allRates[i]))
                losses.append(loss)
            }
        }
        var result = Suggestions()
        if let (lr, loss) = Self.valley(lrs, losses) {
            result.valley = lr
            result.points["valley"] = .init(lr: lr, loss: loss)
        }
        if let (lr, loss) = Self.slide(lrs, losses) {
            result.slide = lr
            result.points["slide"] = .init(lr: lr, loss: loss)
        }
        if let (lr, loss) = Self.minimum(lrs, losses) {
            result.minimum = lr / 10
            result.points["minimum"] = .init(lr: lr, loss: loss)
        }
        if let (lr, loss) = Self.steep(lrs, losses) {
            result.steep = lr
            result.points["steep"] = .init(lr: lr, loss: loss)
        }
        return result
    }

    /// fastai's `valley`: the longest decreasing subsequence ending at each point (O(n²)), the
    /// longest's end and start (end − its length), then the index start + ⌊s⌋ + ⌊s/2⌋ with
    /// s = (end − start)/3. Returns (lr, loss) at that index.
    package static func valley(_ lrs: [Float], _ losses: [Float]) -> (Double, Double)? {
        let n = losses.count
        guard n > 0 else { return nil }
        var lds = Array(repeating: 1, count: n)
        var maxStart = 0, maxEnd = 0
        for i in 1..<Swift.max(n, 1) {
            for j in 0..<i {
                if losses[i] < losses[j] && lds[i] < lds[j] + 1 { lds[i] = lds[j] + 1 }
                if lds[maxEnd] < lds[i] {
                    maxEnd = i
                    maxStart = maxEnd - lds[maxEnd]
                }
            }
        }
        let sections = Double(maxEnd - maxStart) / 3
        var index = maxStart + Int(sections) + Int(sections / 2)
        // A decreasing start gives maxStart −1; Python's index −1 is the last point.
        if index < 0 { index += n }
        guard index >= 0 && index < n else { return nil }
        return (Double(lrs[index]), Double(losses[index]))
    }

    /// fastai's `slide` (lr_diff 15, thresh 0.005, adjust_value 1): numpy's gradient of the
    /// losses (float32), then from the right end a window of 15 slides left while the gradients
    /// at its ends differ by more than the threshold; the rate at its left end. The point's loss
    /// is `np.interp` of log10 of that rate over log10 of the rates.
    package static func slide(_ lrs: [Float], _ losses: [Float]) -> (Double, Double)? {
        let n = losses.count, lrDiff = 15
        let threshold: Float = 0.005
        guard n >= lrDiff + 1 else { return nil }
        var gradient = [Float](repeating: 0, count: n)
        gradient[0] = losses[1] - losses[0]
        gradient[n - 1] = losses[n - 1] - losses[n - 2]
        for i in 1..<(n - 1) { gradient[i] = (losses[i + 1] - losses[i - 1]) / 2 }
        var right = n - 1, left = right - lrDiff
        var localMinimum = lrs[left]
        while left >= 0 && Swift.abs(gradient[right] - gradient[left]) > threshold {
            localMinimum = lrs[left]
            right -= 1
            left -= 1
        }
        let suggestion = Double(localMinimum) * 1
        // np.log10 of fastai's float32 tensor of rates is float32; np.interp computes in double.
        return (suggestion, interpolate(log10(suggestion), xs: lrs.map { Double(log10f($0)) }, ys: losses.map(Double.init)))
    }

    /// fastai's `minimum`: the rate of the lowest loss (the first when several tie) and that
    /// loss; the suggestion is a tenth of the rate.
    package static func minimum(_ lrs: [Float], _ losses: [Float]) -> (Double, Double)? {
        guard let index = argmin(losses) else { return nil }
        // fastai's point: the loss at the first rate nearest the lowest loss's rate.
        let point = lrs.firstIndex(of: lrs[index]) ?? index
        return (Double(lrs[index]), Double(losses[point]))
    }

    /// fastai's `steep`: the rate at the start of the interval whose loss falls fastest per unit
    /// of ln lr, (loss[i+1] − loss[i])/(ln lr[i+1] − ln lr[i]) in float32, and its loss.
    package static func steep(_ lrs: [Float], _ losses: [Float]) -> (Double, Double)? {
        guard losses.count >= 2 else { return nil }
        var slopes: [Float] = []
        for i in 0..<(losses.count - 1) {
            slopes.append((losses[i + 1] - losses[i]) / (logf(lrs[i + 1]) - logf(lrs[i])))
        }
        guard let index = argmin(slopes) else { return nil }
        let point = lrs.firstIndex(of: lrs[index]) ?? index
        return (Double(lrs[index]), Double(losses[point]))
    }

    /// torch's `argmin`: the first index of the smallest value (a NaN counts as the smallest).
    static func argmin(_ values: [Float]) -> Int? {
        guard !values.isEmpty else { return nil }
        var best = 0
        for i in values.indices.dropFirst() {
            if values[best].isNaN { break }
            if values[i].isNaN || values[i] < values[best] { best = i }
        }
        return best
    }

    /// numpy's `interp` for increasing `xs`: clamped at the ends, linear between.
    static func interpolate(_ x: Double, xs: [Double], ys: [Double]) -> Double {
        guard let first = xs.first, let last = xs.last else { return .nan }
        if x <= first { return ys[0] }
        if x >= last { return ys[ys.count - 1] }
        var j = 0
        while j + 1 < xs.count && xs[j + 1] <= x { j += 1 }
        if xs[j] == x { return ys[j] }
        let slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j])
        return slope * (x - xs[j]) + ys[j]
    }
}

/// fastai's `AvgSmoothLoss` (β 0.98) in `Double`: avg ← torch.lerp(loss, avg, β) =
/// avg − (avg − loss)·(1 − β), reported as avg/(1 − βⁿ) after n losses.
package struct SmoothedLoss: Sendable, Equatable {
    package static let beta = 0.98
    private var average = 0.0
    private var count = 0

    package init() {}

    /// Adds a batch's loss and returns the smoothed value.
    package mutating func add(_ loss: Double) -> Double {
        count += 1
        average = average - (average - loss) * (1 - Self.beta)
        return average / (1 - pow(Self.beta, Double(count)))
    }
}
