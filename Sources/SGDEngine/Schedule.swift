#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A learning-rate (and momentum) schedule over a run: SPEC §4.3 `schedule`, fastai's
/// `fit_one_cycle`, `fit_flat_cos`, `fit_sgdr` and its `SchedCos`/`SchedLin`/`SchedExp`/`SchedPoly`
/// (fastai/fastai, `fastai/callback/schedule.py`).
///
/// `values(at:)` takes fastai's position `pos` ∈ [0, 1], the fraction of the training done
/// (`pct_train`): epoch/epochs at each epoch's start, then + 1/(batches · epochs) after each
/// batch (`SchedulePosition`). Each annealing function is evaluated in `Double` in fastai's order
/// of operations; combined phases (`combine_scheds`) find the phase and the position inside it in
/// `Float` as fastai's float32 tensors do, so the values equal fastai's recorded `lrs`/`moms` bit for bit.
public enum Schedule: Sendable, Equatable {
    /// Cosine from lrMax/div up to lrMax over `pctStart` of the run, then cosine down to
    /// lrMax/divFinal; momentum from moms[0] down to moms[1] and back up to moms[2] (nil: the
    /// optimizer has no momentum and the study gave none to schedule).
    case oneCycle(lrMax: Double, pctStart: Double, div: Double, divFinal: Double, moms: [Double]?)
    /// One annealing function from `from` to `to` over the whole run.
    case cos(from: Double, to: Double)
    case lin(from: Double, to: Double)
    case exp(from: Double, to: Double)
    /// from + (to − from)·pos^power.
    case poly(from: Double, to: Double, power: Double)
    /// `lr` for `pctStart` of the run, then cosine down to lr/divFinal.
    case flatCos(lr: Double, pctStart: Double, divFinal: Double)
    /// `cycles` cosine annealings from lrMax to 0, the i-th (from 0) `cycleLen`·`cycleMult`^i epochs long.
    case sgdr(lrMax: Double, cycles: Int, cycleLen: Int, cycleMult: Int)

    /// The study file's `type`: `one-cycle`, `cos`, `lin`, `exp`, `poly`, `flat-cos`, `sgdr`.
    package var typeName: String {
        switch self {
        case .oneCycle: return "one-cycle"
        case .cos: return "cos"
        case .lin: return "lin"
        case .exp: return "exp"
        case .poly: return "poly"
        case .flatCos: return "flat-cos"
        case .sgdr: return "sgdr"
        }
    }

    /// Whether momentum (momentum's `beta`, Adam's `beta1`) is scheduled too: the `mom` column.
    package var schedulesMomentum: Bool {
        if case .oneCycle(_, _, _, _, let moms) = self { return moms != nil }
        return false
    }

    /// fastai's `fit_sgdr` epochs: cycleLen·(cycleMult^cycles − 1)/(cycleMult − 1) (cycleMult 1:
    /// cycles·cycleLen, where fastai divides by zero); nil for the other schedules, which span
    /// the run's own epochs. Nil too when the count overflows `Int`.
    package var epochs: Int? {
        guard case .sgdr(_, let cycles, let cycleLen, let cycleMult) = self else { return nil }
        if cycleMult == 1 {
            let (n, o) = cycles.multipliedReportingOverflow(by: cycleLen)
            return o ? nil : n
        }
        var power = 1
        for _ in 0..<cycles {
            let (p, o) = power.multipliedReportingOverflow(by: cycleMult)
            if o { return nil }
            power = p
        }
        let (n, o) = cycleLen.multipliedReportingOverflow(by: power - 1)
        return o ? nil : n / (cycleMult - 1)
    }

    /// The learning rate, and the momentum when scheduled, at position `pos`.
    package func values(at pos: Double) -> (lr: Double, mom: Double?) {
        switch self {
        case .oneCycle(let lrMax, let pctStart, let div, let divFinal, let moms):
            let phases = [pctStart, 1 - pctStart]
            let lr = Self.combined(phases, pos) { phase, p in
                phase == 0 ? Self.cosine(lrMax / div, lrMax, p) : Self.cosine(lrMax, lrMax / divFinal, p)
            }
            let mom = moms.map { moms in
                Self.combined(phases, pos) { phase, p in
                    phase == 0 ? Self.cosine(moms[0], moms[1], p) : Self.cosine(moms[1], moms[2], p)
                }
            }
            return (lr, mom)
        case .cos(let from, let to): return (Self.cosine(from, to, pos), nil)
        case .lin(let from, let to): return (from + pos * (to - from), nil)
        case .exp(let from, let to): return (Self.exponential(from, to, pos), nil)
        case .poly(let from, let to, let power): return (from + (to - from) * Self.power(pos, power), nil)
        case .flatCos(let lr, let pctStart, let divFinal):
            let value = Self.combined([pctStart, 1 - pctStart], pos) { phase, p in
                phase == 0 ? Self.cosine(lr, lr, p) : Self.cosine(lr, lr / divFinal, p)
            }
            return (value, nil)
        case .sgdr(let lrMax, let cycles, let cycleLen, let cycleMult):
            let total = Double(epochs ?? 1)
            var phases: [Double] = []
            var length = Double(cycleLen)
            for _ in 0..<cycles {
                phases.append(length / total)
                length *= Double(cycleMult)
            }
            return (Self.combined(phases, pos) { _, p in Self.cosine(lrMax, 0, p) }, nil)
        }
    }

    /// fastai's `sched_cos`: start + (1 + cos(π·(1 − pos)))·(end − start)/2.
    package static func cosine(_ start: Double, _ end: Double, _ pos: Double) -> Double {
        start + (1 + libmCos(Double.pi * (1 - pos))) * (end - start) / 2
    }

    /// fastai's `sched_exp`: start·(end/start)^pos (Python's `**`, C's `pow`).
    package static func exponential(_ start: Double, _ end: Double, _ pos: Double) -> Double {
        start * power(end / start, pos)
    }

    static func power(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }

    /// fastai's `combine_scheds`: the phase boundaries are the cumulative sum of `pcts` as a
    /// float32 tensor (torch sums in double and rounds each sum to float32); the phase is the
    /// last boundary ≤ pos (compared in float32), the position inside it
    /// (pos − start)/(end − start) in float32; `phase` is then evaluated in `Double`.
    package static func combined(_ pcts: [Double], _ pos: Double, _ phase: (Int, Double) -> Double) -> Double {
        var bounds: [Float] = [0]
        var sum = 0.0
        for pct in pcts {
            sum += Double(Float(pct))
            bounds.append(Float(sum))
        }
        let limit = bounds.count - 2
        let position = Float(pos)
        var index = 0
        for (i, bound) in bounds.enumerated() where position >= bound { index = i }
        index = min(index, limit)
        let inside = (position - bounds[index]) / (bounds[index + 1] - bounds[index])
        return phase(index, Double(inside))
    }
}

// Python's math.cos and float ** are C's cos and pow; the enum's cases shadow the names.
private func libmCos(_ x: Double) -> Double { cos(x) }
private func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

/// fastai's training position (`pct_train`): set to epoch/epochs at each epoch's start, then
/// increased by 1/(batches · epochs) after each batch, accumulated in `Double` as Python does.
package struct SchedulePosition: Sendable, Equatable {
    package private(set) var value = 0.0
    let epochs: Int
    let batchesPerEpoch: Int

    package init(epochs: Int, batchesPerEpoch: Int) {
        self.epochs = epochs
        self.batchesPerEpoch = batchesPerEpoch
    }

    /// At the start of epoch `epoch` (from 1).
    package mutating func startEpoch(_ epoch: Int) {
        value = Double(epoch - 1) / Double(epochs)
    }

    /// After a batch.
    package mutating func advance() {
        value += 1 / Double(batchesPerEpoch * epochs)
    }
}
