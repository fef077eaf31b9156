import Foundation
import SGDEngine

/// The spreadsheet formulas of one row of a single-unit chain's online training, written in the
/// engine's order of operations (SGDEngine's `CompiledNetwork`, `Trainer` and `Optimizer`), so
/// that a spreadsheet program recomputes the trace: to the last bit where its arithmetic is
/// IEEE double, and within rounding where its EXP, TANH or POWER differ from Swift's.
///
/// Every argument is a cell reference (`D7`, `$B$5`); every result a formula without `=`.
struct RunFormulas {
    /// The chain's layers, input side first: parameters `2l` (weight) and `2l + 1` (bias).
    let activations: [Activation]
    /// Each layer's leaky-ReLU slope (as `Layer.negativeSlope`), parallel to `activations`.
    let negativeSlopes: [Double]

    init(layers: [Layer]) {
        activations = layers.map(\.activation)
        negativeSlopes = layers.map(\.negativeSlope)
    }

    /// `act(z)`, as `Activation.apply`. ReLU is `z > 0 ? z : 0`, which MAX(z, 0) equals; a leaky
    /// ReLU is `IF(z>0, z, slope*z)` (the slope written as its shortest round-trip number).
    static func apply(_ activation: Activation, _ z: String, negativeSlope: Double) -> String {
        switch activation {
        case .none: return z
        case .relu: return "MAX(\(z),0)"
        case .leakyRelu: return "IF((\(z))>0,\(z),\(negativeSlope)*(\(z)))"
        case .sigmoid: return "1/(1+EXP(-(\(z))))"
        case .tanh: return "TANH(\(z))"
        }
    }

    /// dL/dz from the upstream derivative `up` and the layer's output `h`, as
    /// `Activation.backward` (ReLU's derivative at 0 is 0; h > 0 exactly when z > 0, for a
    /// leaky ReLU too since its slope is not negative).
    static func backward(_ activation: Activation, _ up: String, output h: String, negativeSlope: Double) -> String {
        switch activation {
        case .none: return up
        case .relu: return "IF(\(h)>0,\(up),0)"
        case .leakyRelu: return "IF(\(h)>0,\(up),(\(up))*\(negativeSlope))"
        case .sigmoid: return "\(up)*(\(h)*(1-\(h)))"
        case .tanh: return "\(up)*(1-\(h)*\(h))"
        }
    }

    /// The output of layer `l` from its input cell or expression.
    func layer(_ l: Int, input: String, weights p: [String]) -> String {
        Self.apply(activations[l], "\(p[2 * l])*\(input)+\(p[2 * l + 1])", negativeSlope: negativeSlopes[l])
    }

    /// The whole forward pass in one expression (for finite differences).
    func prediction(x: String, weights p: [String]) -> String {
        var value = x
        for l in activations.indices {
            let output = layer(l, input: value, weights: p)
            value = "(\(output))"
        }
        return value
    }

    /// The squared error of the whole forward pass with parameter `k` shifted by `shift`
    /// (`+$B$9`, `-$B$9`).
    func shiftedLoss(x: String, y: String, weights p: [String], k: Int, shift: String) -> String {
        var shifted = p
        shifted[k] = "(\(p[k])\(shift))"
        let f = prediction(x: x, weights: shifted)
        return "(\(f)-\(y))*(\(f)-\(y))"
    }

    /// Forward difference: (loss(p + ε) − loss(p)) / ε.
    func forwardDifference(x: String, y: String, weights p: [String], k: Int, loss: String, epsilon: String) -> String {
        "(\(shiftedLoss(x: x, y: y, weights: p, k: k, shift: "+\(epsilon)"))-\(loss))/\(epsilon)"
    }

    /// Central difference: (loss(p + ε) − loss(p − ε)) / 2ε.
    func centralDifference(x: String, y: String, weights p: [String], k: Int, epsilon: String) -> String {
        let above = shiftedLoss(x: x, y: y, weights: p, k: k, shift: "+\(epsilon)")
        let below = shiftedLoss(x: x, y: y, weights: p, k: k, shift: "-\(epsilon)")
        return "(\(above)-(\(below)))/(2*\(epsilon))"
    }

    /// Backpropagation: the derivative of each parameter, given the cells of the hidden outputs
    /// `h` (layers 0 … L−2), the prediction, and the gradient cells themselves (a weight's
    /// derivative is its bias's times the layer's input; a lower bias's comes from the one above).
    func analytic(x: String, y: String, weights p: [String], hidden h: [String], prediction: String, gradients g: [String]) -> [String] {
        var formulas = Array(repeating: "", count: p.count)
        let last = activations.count - 1
        for l in stride(from: last, through: 0, by: -1) {
            let upstream = l == last ? "2*(\(prediction)-\(y))" : "\(g[2 * (l + 1) + 1])*\(p[2 * (l + 1)])"
            let output = l == last ? prediction : h[l]
            formulas[2 * l + 1] = Self.backward(activations[l], upstream, output: output, negativeSlope: negativeSlopes[l])
            formulas[2 * l] = "\(g[2 * l + 1])*\(l == 0 ? x : h[l - 1])"
        }
        return formulas
    }

    /// The optimizer's update of one parameter: the new first and second moments (nil when
    /// the optimizer keeps none) and the new weight. `t` is the update's number, from 1.
    static func update(
        _ optimizer: Optimizer, weight p: String, gradient g: String, average m: String?, square v: String?,
        previousAverage mPrev: String, previousSquare vPrev: String, t: String, settings s: OptimizerCells
    ) -> (average: String?, square: String?, weight: String) {
        switch optimizer {
        case .sgd:
            return (nil, nil, "\(p)-\(s.lr)*\(g)")
        case .momentum(_, _, let dampening):
            let average = dampening ? "\(s.beta)*\(mPrev)+(1-\(s.beta))*\(g)" : "\(s.beta)*\(mPrev)+\(g)"
            return (average, nil, "\(p)-\(s.lr)*\(m!)")
        case .rmsprop(_, _, _, let variant):
            // fastai's (1 − β)·g·g, left to right as PyTorch's addcmul_; the workbook's (1 − β)·g².
            switch variant {
            case .fastai: return (nil, "\(s.beta)*\(vPrev)+(1-\(s.beta))*\(g)*\(g)", "\(p)-\(s.lr)*\(g)/(SQRT(\(v!))+\(s.eps))")
            case .spreadsheet: return (nil, "\(s.beta)*\(vPrev)+(1-\(s.beta))*(\(g)*\(g))", "\(p)-\(s.lr)*\(g)/SQRT(\(vPrev))")
            }
        case .adam(_, _, _, _, let debias), .amsgrad(_, _, _, _, let debias):
            let average = "\(s.beta1)*\(mPrev)+(1-\(s.beta1))*\(g)"
            // Debiased (fastai's Adam) as Optimizer.step: (1 − β2)·g·g left to right; else (1 − β2)·(g·g).
            let decayed = debias
                ? "\(s.beta2)*\(vPrev)+(1-\(s.beta2))*\(g)*\(g)"
                : "\(s.beta2)*\(vPrev)+(1-\(s.beta2))*(\(g)*\(g))"
            // AMSGrad keeps the running maximum: what the cell holds and the step uses.
            let square: String
            if case .amsgrad = optimizer { square = "MAX(\(vPrev),\(decayed))" } else { square = decayed }
            let weight = debias
                ? "\(p)-(\(s.lr)/(1-POWER(\(s.beta1),\(t))))*\(m!)/(SQRT(\(v!)/(1-POWER(\(s.beta2),\(t))))+\(s.eps))"
                : "\(p)-\(s.lr)*\(m!)/(SQRT(\(v!))+\(s.eps))"
            return (average, square, weight)
        case .eve, .adagrad:
            preconditionFailure("RunSheet.valuesReason keeps \(optimizer.typeName) out of the formulas")
        }
    }

    /// The value `update(…).weight` computes, in the same order of operations as
    /// `Optimizer.step`: `average` and `square` are the moments after the update, `previousSquare`
    /// the second moment before it (the spreadsheet RMSProp divides by it), `t` the update's number.
    static func newWeight(
        _ optimizer: Optimizer, weight p: Double, gradient g: Double, average m: Double, square v: Double,
        previousSquare vPrev: Double, t: Int
    ) -> Double {
        switch optimizer {
        case .sgd(let lr):
            return p - lr * g
        case .momentum(let lr, _, _):
            return p - lr * m
        case .rmsprop(let lr, _, let eps, let variant):
            switch variant {
            case .fastai: return p - lr * g / (v.squareRoot() + eps)
            case .spreadsheet: return p - lr * g / vPrev.squareRoot()
            }
        case .adam(let lr, let beta1, let beta2, let eps, let debias),
             .amsgrad(let lr, let beta1, let beta2, let eps, let debias):
            guard debias else { return p - lr * m / (v.squareRoot() + eps) }
            let debias1 = Optimizer.debias(beta1, step: Double(t)), debias2 = Optimizer.debias(beta2, step: Double(t))
            return p - (lr / debias1) * m / ((v / debias2).squareRoot() + eps)
        case .eve, .adagrad:
            preconditionFailure("RunSheet.valuesReason keeps \(optimizer.typeName) out of the formulas")
        }
    }

    /// Where the optimizer's settings are (absolute references; unused ones empty).
    struct OptimizerCells {
        var lr = ""
        var beta = ""
        var beta1 = ""
        var beta2 = ""
        var eps = ""
    }
}
