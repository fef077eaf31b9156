import SGDKernels

/// Several runs of one model trained together, four lanes to a SIMD register: the runs of a
/// sweep share the data, the model and the epochs and differ in their rate and starting
/// weights, so each row's step is done for every run at once. A single run is bound by the
/// latency of its chain of dependent operations; independent runs fill the cycles it leaves
/// idle. Each lane's arithmetic is `ChainModel`'s operation for operation (element-wise IEEE
/// operations, no fusing), so each run's trace is what it would be alone; a lane whose loss,
/// derivatives or weights stop being finite stops at its own step and is masked off.
///
/// In SGDEngine rather than SGDKernels: Swift's `SIMD4` operators are element loops that
/// LLVM's SLP vectoriser turns into vector instructions, which SGDKernels is built without.
package enum InterleavedPass {
    /// What one lane reports: a recorded step, a kept epoch, or its divergence (with the step).
    package protocol Observer: AnyObject {
        /// A recorded step of `lane`: its counters, row (from 0), prediction and loss, the
        /// weights it used and its derivatives (model order, one per parameter; valid during the call).
        func step(
            lane: Int, stepCount: Int, epoch: Int, row: Int, prediction: Double, loss: Double,
            used: UnsafePointer<Double>, gradient: UnsafePointer<Double>)
        /// A kept epoch of `lane`: its Σ loss over `rows` rows and the weights it ends with.
        func epoch(lane: Int, epoch: Int, sse: Double, rows: Int, weights: [Double])
        /// `lane` stopped at its recorded step `stepCount` of `epoch`; `updates` it made.
        func diverged(lane: Int, stepCount: Int, epoch: Int, cause: ChainPass.Cause)
        /// The run's end for `lane`: its weights and the updates it made in recorded epochs.
        func finished(lane: Int, weights: [Double], stepCount: Int)
        /// Drops the steps `lane` recorded in `epoch` (which is being trained again alone).
        func rewind(lane: Int, epoch: Int)
    }

    /// Trains `lr.count` runs of `model` with plain SGD, data order, `epochs` epochs, no warm-up.
    /// `initial` holds each lane's starting weights, lane after lane (`model`'s count each).
    /// Returns false when `shouldContinue(steps)` (asked every 4,096 rows) said no.
    package static func runSGD(
        _ model: ChainPass.Model, xs: [Double], ys: [Double], epochs: Int, every: Int, recordEpochs: Int,
        restartFromUsed: Bool, lr: [Double], initial: [Double], observer: any Observer, shouldContinue: (Int) -> Bool
    ) -> Bool {
        switch model {
        case .linear:
            return run(LinearLanes.self, xs, ys, epochs, every, recordEpochs, restartFromUsed, lr, initial, observer, shouldContinue)
        case .reluSandwich:
            return run(ReLULanes.self, xs, ys, epochs, every, recordEpochs, restartFromUsed, lr, initial, observer, shouldContinue)
        }
    }

    typealias Lanes = SIMD4<Double>

    /// The lanes' state is kept as structure of arrays (one `Lanes` per group of four runs):
    /// weights by parameter, rates, the epoch's Σ loss, which lanes still train (a padding lane
    /// never does). Only the current group's values are in registers; nothing is copied that a
    /// model does not use.
    static func run<M: LaneModel>(
        _ model: M.Type, _ xs: [Double], _ ys: [Double], _ epochs: Int, _ every: Int, _ recordEpochs: Int,
        _ restartFromUsed: Bool, _ lr: [Double], _ initial: [Double], _ observer: any Observer, _ shouldContinue: (Int) -> Bool
    ) -> Bool {
        let n = M.parameterCount
        let laneCount = lr.count
        let groupCount = (laneCount + 3) / 4
        let zero = Lanes(repeating: 0)
        func lanes() -> UnsafeMutablePointer<Lanes> {
            let p = UnsafeMutablePointer<Lanes>.allocate(capacity: max(groupCount, 1))
            p.initialize(repeating: zero, count: max(groupCount, 1))
            return p
        }
        let w0 = lanes(), w1 = lanes(), w2 = lanes(), w3 = lanes(), rates = lanes(), sums = lanes()
        let u0 = lanes(), u1 = lanes(), u2 = lanes(), u3 = lanes()
        let c0 = lanes(), c1 = lanes(), c2 = lanes(), c3 = lanes()
        // A recorded lane's weights and derivatives, handed to the observer without an array.
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 8)
        let active = UnsafeMutablePointer<SIMDMask<SIMD4<Int64>>>.allocate(capacity: max(groupCount, 1))
        active.initialize(repeating: SIMDMask(repeating: false), count: max(groupCount, 1))
        defer {
            for p in [w0, w1, w2, w3, rates, sums, u0, u1, u2, u3, c0, c1, c2, c3] { p.deallocate() }
            active.deallocate()
            scratch.deallocate()
        }
        let weights = [w0, w1, w2, w3]
        for lane in 0..<laneCount {
            let (k, slot) = (lane / 4, lane % 4)
            for p in 0..<n { weights[p][k][slot] = initial[lane * n + p] }
            rates[k][slot] = lr[lane]
            active[k][slot] = true
        }
        let every = max(every, 1), keepEvery = max(recordEpochs, 1)
        let count = xs.count
        var stepCount = 0, steps = 0
        var phase = 0
        var stillActive = laneCount
        do {
                @inline(__always) func load(_ k: Int) -> LaneModel.Quad {
                    (w0[k], w1[k], n == 4 ? w2[k] : zero, n == 4 ? w3[k] : zero)
                }
                @inline(__always) func store(_ k: Int, _ w: LaneModel.Quad) {
                    w0[k] = w.0
                    w1[k] = w.1
                    if n == 4 {
                        w2[k] = w.2
                        w3[k] = w.3
                    }
                }
                // Divergence is looked for once an epoch, not at every step: a lane whose loss,
                // derivatives or weights stop being finite ends the epoch with a weight or Σ loss
                // that is not finite (nothing turns them finite again), and then that lane's
                // epoch is trained again alone from its starting weights by `ChainPass`, which
                // stops at the step where it diverged, as `Trainer` does.
                for epoch in 1...max(epochs, 1) where stillActive > 0 {
                    for k in 0..<groupCount {
                        sums[k] = zero
                        (c0[k], c1[k], c2[k], c3[k]) = (w0[k], w1[k], w2[k], w3[k])
                    }
                    let startCount = stepCount
                    for row in 0..<count {
                        let x = Lanes(repeating: xs[row]), y = Lanes(repeating: ys[row])
                        stepCount += 1
                        let due = phase == 0 || (row == count - 1 && epoch == epochs)
                        phase += 1
                        if phase == every { phase = 0 }
                        let last = row == count - 1
                        @inline(__always) func stepGroup(_ k: Int, recording: Bool) {
                            let used = load(k)
                            var w = used
                            var g: LaneModel.Quad = (zero, zero, zero, zero)
                            let (loss, prediction) = M.step(x: x, y: y, w, &g)
                            sums[k] = sums[k] + loss
                            M.update(lr: rates[k], &w, g)
                            store(k, w)
                            if last && restartFromUsed {
                                u0[k] = used.0
                                u1[k] = used.1
                                u2[k] = used.2
                                u3[k] = used.3
                            }
                            if recording {
                                for slot in 0..<4 where active[k][slot] {
                                    M.write(used, slot, to: scratch)
                                    M.write(g, slot, to: scratch + 4)
                                    observer.step(
                                        lane: k * 4 + slot, stepCount: stepCount, epoch: epoch, row: row, prediction: prediction[slot],
                                        loss: loss[slot], used: scratch, gradient: scratch + 4)
                                }
                            }
                        }
                        // Two loops, so that the usual one keeps nothing alive for the recording.
                        if _slowPath(due) {
                            for k in 0..<groupCount { stepGroup(k, recording: true) }
                        } else {
                            for k in 0..<groupCount { stepGroup(k, recording: false) }
                        }
                        steps += 1
                        if steps & 0xFFF == 0 && !shouldContinue(steps * stillActive) { return false }
                    }
                    for k in 0..<groupCount {
                        // x − x is 0 for finite x and NaN otherwise.
                        let check = (sums[k] - sums[k]) + M.finiteSum(load(k))
                        let bad = (check .!= zero) .& active[k]
                        guard any(bad) else { continue }
                        for slot in 0..<4 where bad[slot] {
                            let lane = k * 4 + slot
                            observer.rewind(lane: lane, epoch: epoch)
                            let start = [c0[k][slot], c1[k][slot], c2[k][slot], c3[k][slot]]
                            if replay(
                                M.self, lane: lane, from: Array(start.prefix(n)), lr: rates[k][slot], xs: xs, ys: ys, epoch: epoch,
                                epochs: epochs, every: every, stepCount: startCount, observer: observer)
                            {
                                active[k][slot] = false
                                stillActive -= 1
                            }
                        }
                    }
                    let kept = (epoch - 1) % keepEvery == 0 || epoch == epochs
                    for k in 0..<groupCount {
                        if restartFromUsed { store(k, (u0[k], u1[k], u2[k], u3[k])) }
                        guard kept else { continue }
                        for slot in 0..<4 where active[k][slot] {
                            observer.epoch(lane: k * 4 + slot, epoch: epoch, sse: sums[k][slot], rows: count, weights: M.values(load(k), slot))
                        }
                    }
                }
                for k in 0..<groupCount {
                    for slot in 0..<4 where active[k][slot] {
                        observer.finished(lane: k * 4 + slot, weights: M.values(load(k), slot), stepCount: stepCount)
                    }
                }
                return true
        }
    }

    /// Trains `lane`'s epoch again alone from the weights it started with, reporting its steps;
    /// when it diverges, reports that and its end and returns true. (False: the epoch's Σ loss
    /// overflowed without a step diverging; the lane's weights are then the interleaved ones.)
    static func replay<M: LaneModel>(
        _ model: M.Type, lane: Int, from start: [Double], lr: Double, xs: [Double], ys: [Double], epoch: Int, epochs: Int,
        every: Int, stepCount: Int, observer: any Observer
    ) -> Bool {
        let n = start.count
        var parameters = start, average = [Double](repeating: 0, count: n)
        var used = [Double](repeating: 0, count: n), gradient = [Double](repeating: 0, count: n)
        var counters = ChainPass.Counters(updates: 0, stepCount: stepCount, steps: 0)
        let end = xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                parameters.withUnsafeMutableBufferPointer { p in
                    average.withUnsafeMutableBufferPointer { m in
                        used.withUnsafeMutableBufferPointer { u in
                            gradient.withUnsafeMutableBufferPointer { g in
                                ChainPass.run(
                                    M.chainModel, .sgd(lr: lr),
                                    memory: .init(
                                        xs: xs.baseAddress!, ys: ys.baseAddress!, order: nil, rowCount: xs.count,
                                        parameters: p.baseAddress!, average: m.baseAddress!, used: u.baseAddress!, gradient: g.baseAddress!),
                                    recording: true, every: every, isLastEpoch: epoch == epochs, counters: &counters,
                                    record: { row, prediction, loss, counters in
                                        observer.step(
                                            lane: lane, stepCount: counters.stepCount, epoch: epoch, row: row, prediction: prediction,
                                            loss: loss, used: u.baseAddress!, gradient: g.baseAddress!)
                                    },
                                    shouldContinue: { _ in true })
                            }
                        }
                    }
                }
            }
        }
        guard let cause = end.cause else { return false }
        observer.diverged(lane: lane, stepCount: counters.stepCount, epoch: epoch, cause: cause)
        observer.epoch(lane: lane, epoch: epoch, sse: end.sse, rows: end.rows, weights: used)
        observer.finished(lane: lane, weights: used, stepCount: counters.stepCount)
        return true
    }
}

/// A model's step on four lanes at once: `ChainModel.step` element-wise.
protocol LaneModel {
    typealias Lanes = SIMD4<Double>
    typealias Quad = (Lanes, Lanes, Lanes, Lanes)
    static var parameterCount: Int { get }
    /// The same model for one run alone.
    static var chainModel: ChainPass.Model { get }
    static func step(x: Lanes, y: Lanes, _ w: Quad, _ g: inout Quad) -> (loss: Lanes, prediction: Lanes)
    /// p ← p − lr·g for each parameter.
    static func update(lr: Lanes, _ w: inout Quad, _ g: Quad)
    /// Σ (p − p): 0 in a lane whose weights are all finite.
    static func finiteSum(_ w: Quad) -> Lanes
    /// Lane `slot`'s values in model order.
    static func values(_ w: Quad, _ slot: Int) -> [Double]
    /// Lane `slot`'s values in model order, written to `p`.
    static func write(_ w: Quad, _ slot: Int, to p: UnsafeMutablePointer<Double>)
}

enum LinearLanes: LaneModel {
    static var parameterCount: Int { 2 }
    static var chainModel: ChainPass.Model { .linear }

    @inline(__always)
    static func step(x: Lanes, y: Lanes, _ w: Quad, _ g: inout Quad) -> (loss: Lanes, prediction: Lanes) {
        let prediction = w.0 * x + w.1
        let error = prediction - y
        let db = Lanes(repeating: 2) * error
        g.0 = db * x
        g.1 = db
        return (error * error, prediction)
    }

    @inline(__always)
    static func update(lr: Lanes, _ w: inout Quad, _ g: Quad) {
        w.0 = w.0 - lr * g.0
        w.1 = w.1 - lr * g.1
    }

    @inline(__always)
    static func finiteSum(_ w: Quad) -> Lanes {
        var sum = Lanes(repeating: 0)
        sum = sum + (w.0 - w.0)
        sum = sum + (w.1 - w.1)
        return sum
    }

    static func values(_ w: Quad, _ slot: Int) -> [Double] { [w.0[slot], w.1[slot]] }

    static func write(_ w: Quad, _ slot: Int, to p: UnsafeMutablePointer<Double>) {
        p[0] = w.0[slot]
        p[1] = w.1[slot]
    }
}

enum ReLULanes: LaneModel {
    static var parameterCount: Int { 4 }
    static var chainModel: ChainPass.Model { .reluSandwich }

    @inline(__always)
    static func step(x: Lanes, y: Lanes, _ w: Quad, _ g: inout Quad) -> (loss: Lanes, prediction: Lanes) {
        let zero = Lanes(repeating: 0)
        let z = w.0 * x + w.1
        // z > 0 ? value : +0 as a bitwise and with the comparison's all-ones or all-zeros lanes
        // (what `zero.replacing(with:where:)` computes, without its element loop).
        let fires = unsafeBitCast(z .> zero, to: SIMD4<UInt64>.self)
        @inline(__always) func ifFires(_ value: Lanes) -> Lanes {
            unsafeBitCast(unsafeBitCast(value, to: SIMD4<UInt64>.self) & fires, to: Lanes.self)
        }
        let h = ifFires(z)
        let prediction = w.2 * h + w.3
        let error = prediction - y
        let dd = Lanes(repeating: 2) * error
        g.2 = dd * h
        g.3 = dd
        let dz = ifFires(dd * w.2)
        g.0 = dz * x
        g.1 = dz
        return (error * error, prediction)
    }

    @inline(__always)
    static func update(lr: Lanes, _ w: inout Quad, _ g: Quad) {
        w.0 = w.0 - lr * g.0
        w.1 = w.1 - lr * g.1
        w.2 = w.2 - lr * g.2
        w.3 = w.3 - lr * g.3
    }

    @inline(__always)
    static func finiteSum(_ w: Quad) -> Lanes {
        var sum = Lanes(repeating: 0)
        sum = sum + (w.0 - w.0)
        sum = sum + (w.1 - w.1)
        sum = sum + (w.2 - w.2)
        sum = sum + (w.3 - w.3)
        return sum
    }

    static func values(_ w: Quad, _ slot: Int) -> [Double] { [w.0[slot], w.1[slot], w.2[slot], w.3[slot]] }

    static func write(_ w: Quad, _ slot: Int, to p: UnsafeMutablePointer<Double>) {
        p[0] = w.0[slot]
        p[1] = w.1[slot]
        p[2] = w.2[slot]
        p[3] = w.3[slot]
    }
}
