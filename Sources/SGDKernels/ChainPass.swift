/// One pass over the data of a chain kernel: online steps, analytic derivatives, the weights,
/// moments and derivatives in registers. Memory is written only for a recorded step, a
/// diverging one and at the pass's end, so that the caller's trace and epoch rules see what its
/// general loop leaves: the weights after the last update in `parameters`, the moments in
/// `average`, the last step's weights in `used` and its derivatives in `gradient`.
package enum ChainPass {
    /// Which model (see `LinearChain`, `ReLUSandwich`).
    package enum Model: Sendable, Equatable {
        case linear
        case reluSandwich
    }

    /// Which update, with its coefficients (`Optimizer.step`'s formulas).
    package enum Rule: Sendable, Equatable {
        /// p ← p − lr·g
        case sgd(lr: Double)
        /// m ← β·m + g; p ← p − lr·m
        case momentum(lr: Double, beta: Double)
        /// m ← β·m + (1 − β)·g; p ← p − lr·m
        case dampenedMomentum(lr: Double, beta: Double)
    }

    /// The run's memory the pass reads and leaves (see above); `order` nil is data order.
    package struct Memory {
        package var xs: UnsafePointer<Double>
        package var ys: UnsafePointer<Double>
        package var order: UnsafePointer<Int>?
        package var rowCount: Int
        package var parameters: UnsafeMutablePointer<Double>
        package var average: UnsafeMutablePointer<Double>
        package var used: UnsafeMutablePointer<Double>
        package var gradient: UnsafeMutablePointer<Double>

        package init(
            xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, order: UnsafePointer<Int>?, rowCount: Int,
            parameters: UnsafeMutablePointer<Double>, average: UnsafeMutablePointer<Double>,
            used: UnsafeMutablePointer<Double>, gradient: UnsafeMutablePointer<Double>
        ) {
            self.xs = xs
            self.ys = ys
            self.order = order
            self.rowCount = rowCount
            self.parameters = parameters
            self.average = average
            self.used = used
            self.gradient = gradient
        }
    }

    /// Counts carried from pass to pass: updates made (warm-up included), recorded steps, steps
    /// done (for `shouldContinue`).
    package struct Counters: Sendable, Equatable {
        package var updates: Int
        package var stepCount: Int
        package var steps: Int

        package init(updates: Int, stepCount: Int, steps: Int) {
            self.updates = updates
            self.stepCount = stepCount
            self.steps = steps
        }
    }

    /// What stopped being finite.
    package enum Cause: Sendable, Equatable {
        case loss
        case derivative
        case weight
    }

    /// The pass's Σ loss over the `rows` it took, and why it stopped early, if it did.
    package struct End: Sendable, Equatable {
        package var sse: Double
        package var rows: Int
        package var cause: Cause?
        /// `shouldContinue` said no.
        package var interrupted = false
    }

    /// Runs one pass. With `recording`, counts steps and calls `record(start, prediction, loss,
    /// counters)` for every `every`-th step ((stepCount − 1) % every == 0), the last of the last
    /// epoch (`isLastEpoch`) and a diverging one, after writing the memory. Asks
    /// `shouldContinue(steps)` every 4,096 steps.
    package static func run(
        _ model: Model, _ rule: Rule, memory: Memory, recording: Bool, every: Int, isLastEpoch: Bool,
        counters: inout Counters, record: (Int, Double, Double, Counters) -> Void, shouldContinue: (Int) -> Bool
    ) -> End {
        @inline(__always) func go<M: ChainModel, R: ChainRule>(_ model: M.Type, _ rule: R) -> End {
            var loop = ChainLoop<M, R>(rule: rule, memory: memory, every: every, counters: counters)
            let end = loop.pass(recording: recording, isLastEpoch: isLastEpoch, record: record, shouldContinue: shouldContinue)
            loop.store()
            counters = loop.counters
            return end
        }
        switch (model, rule) {
        case (.linear, .sgd(let lr)): return go(LinearChain.self, SGDRule(lr: lr))
        case (.linear, .momentum(let lr, let beta)): return go(LinearChain.self, MomentumRule(lr: lr, beta: beta))
        case (.linear, .dampenedMomentum(let lr, let beta)): return go(LinearChain.self, DampenedMomentumRule(lr: lr, beta: beta, gain: 1 - beta))
        case (.reluSandwich, .sgd(let lr)): return go(ReLUSandwich.self, SGDRule(lr: lr))
        case (.reluSandwich, .momentum(let lr, let beta)): return go(ReLUSandwich.self, MomentumRule(lr: lr, beta: beta))
        case (.reluSandwich, .dampenedMomentum(let lr, let beta)): return go(ReLUSandwich.self, DampenedMomentumRule(lr: lr, beta: beta, gain: 1 - beta))
        }
    }

    /// Runs the recorded epochs `first...last` of a run of `epochs` in data order, the weights
    /// staying in registers from one epoch to the next (`record` also gets the epoch). After each
    /// epoch that `recordEpochs` keeps (the first, every `recordEpochs`-th, the last, a diverging
    /// one) it writes the memory and calls `epochEnd(epoch, end)`; with `restartFromUsed`, each
    /// epoch but a diverging one ends with the weights its last step used (the spreadsheets'
    /// "run" macro). Returns the last epoch's end (interrupted, diverged, or the run's last).
    package static func runEpochs(
        _ model: Model, _ rule: Rule, memory: Memory, first: Int, last: Int, epochs: Int, every: Int, recordEpochs: Int,
        restartFromUsed: Bool, counters: inout Counters, record: (Int, Int, Double, Double, Counters) -> Void,
        epochEnd: (Int, End) -> Void, shouldContinue: (Int) -> Bool
    ) -> End {
        @inline(__always) func go<M: ChainModel, R: ChainRule>(_ model: M.Type, _ rule: R) -> End {
            var loop = ChainLoop<M, R>(rule: rule, memory: memory, every: every, counters: counters)
            let keepEvery = max(recordEpochs, 1)
            var end = End(sse: 0, rows: 0)
            var epoch = first
            while epoch <= last {
                let current = epoch
                end = loop.pass(
                    recording: true, isLastEpoch: epoch == epochs,
                    record: { record(current, $0, $1, $2, $3) }, shouldContinue: shouldContinue)
                if end.interrupted { break }
                if end.cause == nil && restartFromUsed { loop.w = ChainWeights(memory.used, count: M.parameterCount) }
                if end.cause != nil || (epoch - 1) % keepEvery == 0 || epoch == epochs {
                    loop.store()
                    epochEnd(epoch, end)
                }
                if end.cause != nil { break }
                epoch += 1
            }
            loop.store()
            counters = loop.counters
            return end
        }
        switch (model, rule) {
        case (.linear, .sgd(let lr)): return go(LinearChain.self, SGDRule(lr: lr))
        case (.linear, .momentum(let lr, let beta)): return go(LinearChain.self, MomentumRule(lr: lr, beta: beta))
        case (.linear, .dampenedMomentum(let lr, let beta)): return go(LinearChain.self, DampenedMomentumRule(lr: lr, beta: beta, gain: 1 - beta))
        case (.reluSandwich, .sgd(let lr)): return go(ReLUSandwich.self, SGDRule(lr: lr))
        case (.reluSandwich, .momentum(let lr, let beta)): return go(ReLUSandwich.self, MomentumRule(lr: lr, beta: beta))
        case (.reluSandwich, .dampenedMomentum(let lr, let beta)): return go(ReLUSandwich.self, DampenedMomentumRule(lr: lr, beta: beta, gain: 1 - beta))
        }
    }
}

/// A run's state in registers (after inlining): weights `w`, moments `m`, the last step's
/// derivatives `g` and the counters.
struct ChainLoop<M: ChainModel, R: ChainRule> {
    let rule: R
    let memory: ChainPass.Memory
    let every: Int
    var w: ChainWeights
    var m: ChainWeights
    var g = ChainWeights()
    var updates: Int
    var stepCount: Int
    var steps: Int
    /// (stepCount − 1) % every == 0 after the increment, kept as a counter instead of a division.
    var phase: Int

    @inline(__always)
    init(rule: R, memory: ChainPass.Memory, every: Int, counters: ChainPass.Counters) {
        self.rule = rule
        self.memory = memory
        self.every = max(every, 1)
        w = ChainWeights(memory.parameters, count: M.parameterCount)
        m = R.keepsMoment ? ChainWeights(memory.average, count: M.parameterCount) : ChainWeights()
        updates = counters.updates
        stepCount = counters.stepCount
        steps = counters.steps
        phase = stepCount % self.every
    }

    var counters: ChainPass.Counters { .init(updates: updates, stepCount: stepCount, steps: steps) }

    /// Writes the weights, the moments and the last derivatives to memory (`used` is written
    /// at every step).
    @inline(__always)
    func store() {
        w.store(memory.parameters, count: M.parameterCount)
        if R.keepsMoment { m.store(memory.average, count: M.parameterCount) }
        g.store(memory.gradient, count: M.parameterCount)
    }

    @inline(__always)
    mutating func pass(
        recording: Bool, isLastEpoch: Bool, record: (Int, Double, Double, ChainPass.Counters) -> Void,
        shouldContinue: (Int) -> Bool
    ) -> ChainPass.End {
        let n = M.parameterCount
        let count = memory.rowCount
        let order = memory.order, xs = memory.xs, ys = memory.ys, usedMemory = memory.used
        var sse = 0.0
        for start in 0..<count {
            let i = order?[start] ?? start
            // The weights the step uses go to memory (stores, off the dependency chain) rather
            // than a second set of registers: the loop then needs no spills.
            w.store(usedMemory, count: n)
            let (loss, prediction) = M.step(x: xs[i], y: ys[i], w, &g)
            sse += loss
            var cause: ChainPass.Cause?
            if loss.isFinite {
                updates &+= 1
                M.update(rule, &w, &m, g)
                if !M.finite(w) { cause = M.finite(g) ? .weight : .derivative }
            } else {
                cause = .loss
            }
            if recording {
                stepCount &+= 1
                let due = phase == 0
                phase &+= 1
                if phase == every { phase = 0 }
                if due || (start == count - 1 && isLastEpoch) || cause != nil {
                    store()
                    record(start, prediction, loss, counters)
                }
            }
            if let cause { return .init(sse: sse, rows: start + 1, cause: cause) }
            steps &+= 1
            if steps & 0xFFF == 0 && !shouldContinue(steps) { return .init(sse: sse, rows: start + 1, cause: nil, interrupted: true) }
        }
        return .init(sse: sse, rows: count)
    }
}
