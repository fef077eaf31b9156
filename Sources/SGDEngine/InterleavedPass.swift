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
        /// weights it used and its derivatives (model order, `count` each).
        func step(lane: Int, stepCount: Int, epoch: Int, row: Int, prediction: Double, loss: Double, used: [Double], gradient: [Double])
        /// A kept epoch of `lane`: its Σ loss over `rows` rows and the weights it ends with.
        func epoch(lane: Int, epoch: Int, sse: Double, rows: Int, weights: [Double])
        /// `lane` stopped at its recorded step `stepCount` of `epoch`; `updates` it made.
        func diverged(lane: Int, stepCount: Int, epoch: Int, cause: ChainPass.Cause)
        /// The run's end for `lane`: its weights and the updates it made in recorded epochs.
        func finished(lane: Int, weights: [Double], stepCount: Int)
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
        let active = UnsafeMutablePointer<SIMDMask<SIMD4<Int64>>>.allocate(capacity: max(groupCount, 1))
        active.initialize(repeating: SIMDMask(repeating: false), count: max(groupCount, 1))
        defer {
            for p in [w0, w1, w2, w3, rates, sums, u0, u1, u2, u3] { p.deallocate() }
            active.deallocate()
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
                for epoch in 1...max(epochs, 1) where stillActive > 0 {
                    for k in 0..<groupCount { sums[k] = zero }
                    for row in 0..<count {
                        let x = Lanes(repeating: xs[row]), y = Lanes(repeating: ys[row])
                        stepCount += 1
                        let due = phase == 0 || (row == count - 1 && epoch == epochs)
                        phase += 1
                        if phase == every { phase = 0 }
                        let last = row == count - 1
                        for k in 0..<groupCount {
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
                            // x − x is 0 for finite x and NaN otherwise: one test for loss and weights.
                            let check = (loss - loss) + M.finiteSum(w)
                            let bad = (check .!= zero) .& active[k]
                            if _slowPath(any(bad)) {
                                for slot in 0..<4 where bad[slot] {
                                    let lane = k * 4 + slot
                                    let lossValue = loss[slot]
                                    let cause: ChainPass.Cause = !lossValue.isFinite ? .loss : M.finiteSum(g)[slot] == 0 ? .weight : .derivative
                                    let weights = M.values(used, slot)
                                    observer.step(
                                        lane: lane, stepCount: stepCount, epoch: epoch, row: row, prediction: prediction[slot],
                                        loss: lossValue, used: weights, gradient: M.values(g, slot))
                                    observer.diverged(lane: lane, stepCount: stepCount, epoch: epoch, cause: cause)
                                    observer.epoch(lane: lane, epoch: epoch, sse: sums[k][slot], rows: row + 1, weights: weights)
                                    observer.finished(lane: lane, weights: weights, stepCount: stepCount)
                                    active[k][slot] = false
                                    stillActive -= 1
                                }
                            }
                            if _slowPath(due) {
                                for slot in 0..<4 where active[k][slot] {
                                    observer.step(
                                        lane: k * 4 + slot, stepCount: stepCount, epoch: epoch, row: row, prediction: prediction[slot],
                                        loss: loss[slot], used: M.values(used, slot), gradient: M.values(g, slot))
                                }
                            }
                        }
                        steps += 1
                        if steps & 0xFFF == 0 && !shouldContinue(steps * stillActive) { return false }
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
}

/// A model's step on four lanes at once: `ChainModel.step` element-wise.
protocol LaneModel {
    typealias Lanes = SIMD4<Double>
    typealias Quad = (Lanes, Lanes, Lanes, Lanes)
    static var parameterCount: Int { get }
    static func step(x: Lanes, y: Lanes, _ w: Quad, _ g: inout Quad) -> (loss: Lanes, prediction: Lanes)
    /// p ← p − lr·g for each parameter.
    static func update(lr: Lanes, _ w: inout Quad, _ g: Quad)
    /// Σ (p − p): 0 in a lane whose weights are all finite.
    static func finiteSum(_ w: Quad) -> Lanes
    /// Lane `slot`'s values in model order.
    static func values(_ w: Quad, _ slot: Int) -> [Double]
}

enum LinearLanes: LaneModel {
    static var parameterCount: Int { 2 }

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
}

enum ReLULanes: LaneModel {
    static var parameterCount: Int { 4 }

    @inline(__always)
    static func step(x: Lanes, y: Lanes, _ w: Quad, _ g: inout Quad) -> (loss: Lanes, prediction: Lanes) {
        let zero = Lanes(repeating: 0)
        let z = w.0 * x + w.1
        let fires = z .> zero
        let h = zero.replacing(with: z, where: fires)
        let prediction = w.2 * h + w.3
        let error = prediction - y
        let dd = Lanes(repeating: 2) * error
        g.2 = dd * h
        g.3 = dd
        let dz = zero.replacing(with: dd * w.2, where: fires)
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
}
