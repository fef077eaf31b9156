/// The models and update rules of the chain kernels (`ChainPass`), in registers.
///
/// A module of their own because the hot loop must not be vectorised across parameters:
/// LLVM's SLP vectoriser packs a and b into one register and adds a shuffle to every step's
/// dependency chain (see Package.swift, which builds this module with `-vectorize-slp=false`).

/// Up to four weights (or moments, or derivatives) held in registers: a, b, c, d in model order.
package struct ChainWeights {
    var a = 0.0, b = 0.0, c = 0.0, d = 0.0

    @inline(__always)
    package init(a: Double = 0, b: Double = 0, c: Double = 0, d: Double = 0) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    @inline(__always)
    package init(_ p: UnsafePointer<Double>, count: Int) {
        a = p[0]
        b = p[1]
        if count == 4 {
            c = p[2]
            d = p[3]
        }
    }

    @inline(__always)
    package func store(_ p: UnsafeMutablePointer<Double>, count: Int) {
        p[0] = a
        p[1] = b
        if count == 4 {
            p[2] = c
            p[3] = d
        }
    }
}

/// A model's step: prediction, loss and dL/dp, with `CompiledNetwork`'s arithmetic.
package protocol ChainModel {
    static var parameterCount: Int { get }
    static func step(x: Double, y: Double, _ w: ChainWeights, _ g: inout ChainWeights) -> (loss: Double, prediction: Double)
    /// `rule` applied to each parameter in model order.
    static func update<Rule: ChainRule>(_ rule: Rule, _ w: inout ChainWeights, _ m: inout ChainWeights, _ g: ChainWeights)
    /// (p − p) summed over the parameters: 0 when all are finite, NaN otherwise (`allFinite`).
    static func finite(_ w: ChainWeights) -> Bool
}

/// y = a·x + b: `a*x + b`, `2*(pred-y)`, `2*(pred-y)*x`.
package enum LinearChain: ChainModel {
    package static var parameterCount: Int { 2 }

    @inline(__always)
    package static func step(x: Double, y: Double, _ w: ChainWeights, _ g: inout ChainWeights) -> (loss: Double, prediction: Double) {
        let prediction = w.a * x + w.b
        let error = prediction - y
        let db = 2 * error
        g.a = db * x
        g.b = db
        return (error * error, prediction)
    }

    @inline(__always)
    package static func update<Rule: ChainRule>(_ rule: Rule, _ w: inout ChainWeights, _ m: inout ChainWeights, _ g: ChainWeights) {
        rule.apply(&w.a, &m.a, g.a)
        rule.apply(&w.b, &m.b, g.b)
    }

    @inline(__always)
    package static func finite(_ w: ChainWeights) -> Bool {
        var sum = 0.0
        sum += w.a - w.a
        sum += w.b - w.b
        return sum == 0
    }
}

/// y = c·relu(a·x + b) + d, as `CompiledNetwork`'s chain computes it: z = a·x + b,
/// h = relu(z), prediction = c·h + d; dL/dd = 2·error, dL/dc = dL/dd·h,
/// dL/dz = z > 0 ? dL/dd·c : 0, dL/db = dL/dz, dL/da = dL/dz·x.
package enum ReLUSandwich: ChainModel {
    package static var parameterCount: Int { 4 }

    /// Two branches instead of selects: the branch predictor takes the comparison off the
    /// dependency chain, as a C compiler's code does. Both compute what the selects would.
    @inline(__always)
    package static func step(x: Double, y: Double, _ w: ChainWeights, _ g: inout ChainWeights) -> (loss: Double, prediction: Double) {
        let z = w.a * x + w.b
        if z > 0 {
            let prediction = w.c * z + w.d
            let error = prediction - y
            let dd = 2 * error
            g.c = dd * z
            g.d = dd
            let dz = dd * w.c
            g.a = dz * x
            g.b = dz
            return (error * error, prediction)
        } else {
            let h = 0.0
            let prediction = w.c * h + w.d
            let error = prediction - y
            let dd = 2 * error
            g.c = dd * h
            g.d = dd
            let dz = 0.0
            g.a = dz * x
            g.b = dz
            return (error * error, prediction)
        }
    }

    @inline(__always)
    package static func update<Rule: ChainRule>(_ rule: Rule, _ w: inout ChainWeights, _ m: inout ChainWeights, _ g: ChainWeights) {
        rule.apply(&w.a, &m.a, g.a)
        rule.apply(&w.b, &m.b, g.b)
        rule.apply(&w.c, &m.c, g.c)
        rule.apply(&w.d, &m.d, g.d)
    }

    @inline(__always)
    package static func finite(_ w: ChainWeights) -> Bool {
        var sum = 0.0
        sum += w.a - w.a
        sum += w.b - w.b
        sum += w.c - w.c
        sum += w.d - w.d
        return sum == 0
    }
}

/// One parameter's update, `Optimizer.step`'s formula for its case.
package protocol ChainRule {
    /// Whether the rule keeps a moment per parameter (else `m` is never read or written).
    static var keepsMoment: Bool { get }
    func apply(_ p: inout Double, _ m: inout Double, _ g: Double)
}

/// p ← p − lr·g
package struct SGDRule: ChainRule {
    let lr: Double
    package static var keepsMoment: Bool { false }

    @inline(__always)
    package func apply(_ p: inout Double, _ m: inout Double, _ g: Double) {
        p = p - lr * g
    }
}

/// Fastai's undampened momentum: m ← β·m + g; p ← p − lr·m.
package struct MomentumRule: ChainRule {
    let lr: Double, beta: Double
    package static var keepsMoment: Bool { true }

    @inline(__always)
    package func apply(_ p: inout Double, _ m: inout Double, _ g: Double) {
        m = beta * m + g
        p = p - lr * m
    }
}

/// The workbook's dampened momentum: m ← β·m + (1 − β)·g; p ← p − lr·m.
package struct DampenedMomentumRule: ChainRule {
    let lr: Double, beta: Double, gain: Double
    package static var keepsMoment: Bool { true }

    @inline(__always)
    package func apply(_ p: inout Double, _ m: inout Double, _ g: Double) {
        m = beta * m + gain * g
        p = p - lr * m
    }
}
