/// A `Network` laid out for the training loop: layer plans and per-unit scratch in raw
/// memory, so that a step is a few multiply-adds with no array bounds checks, reference
/// counting or exclusivity checks. A class only to own that memory, released in `deinit`.
///
/// The arithmetic is the spreadsheet's, operation for operation: a unit's sum is
/// w₁·h₁ + w₂·h₂ + … + bias left to right (so one neuron computes `a*x + b`), and dL/dw is
/// dz·input with dz passed through a linear unit untouched (so `2*(pred-y)*x`).
final class CompiledNetwork {
    struct LayerPlan {
        var units: Int
        var fanIn: Int
        var parameterOffset: Int
        var unitOffset: Int
        var activation: Activation
        var negativeSlope: Double
    }

    let layerCount: Int
    let parameterCount: Int
    /// Every layer has one unit: the common spreadsheet case, which takes a shorter path.
    let isChain: Bool
    private let plans: UnsafeMutableBufferPointer<LayerPlan>
    /// z (pre-activation), h (output) and dL/dh of every unit.
    private let z: UnsafeMutablePointer<Double>
    private let h: UnsafeMutablePointer<Double>
    private let dh: UnsafeMutablePointer<Double>
    private let unitCount: Int

    init(_ network: Network) {
        layerCount = network.layers.count
        parameterCount = network.parameterCount
        isChain = network.isChainOfSingleNeurons
        unitCount = max(network.unitCount, 1)
        plans = .allocate(capacity: layerCount)
        for l in 0..<layerCount {
            plans[l] = LayerPlan(
                units: network.layers[l].units, fanIn: network.fanIns[l],
                parameterOffset: network.parameterOffsets[l], unitOffset: network.unitOffsets[l],
                activation: network.layers[l].activation, negativeSlope: network.layers[l].negativeSlope)
        }
        z = .allocate(capacity: unitCount)
        h = .allocate(capacity: unitCount)
        dh = .allocate(capacity: unitCount)
        z.initialize(repeating: 0, count: unitCount)
        h.initialize(repeating: 0, count: unitCount)
        dh.initialize(repeating: 0, count: unitCount)
    }

    deinit {
        plans.deallocate()
        z.deallocate()
        h.deallocate()
        dh.deallocate()
    }

    func activation(ofLayer layer: Int) -> Activation { plans[layer].activation }

    /// The prediction for `x`; leaves every unit's z and h for `backward`.
    @inline(__always)
    func predict(_ x: Double, _ p: UnsafePointer<Double>) -> Double {
        if isChain {
            var value = x
            for l in 0..<layerCount {
                let sum = p[2 * l] * value + p[2 * l + 1]
                let output = plans[l].activation.apply(sum, negativeSlope: plans[l].negativeSlope)
                z[l] = sum
                h[l] = output
                value = output
            }
            return value
        }
        var output = 0.0
        for l in 0..<layerCount {
            let plan = plans[l]
            var o = plan.parameterOffset
            let previous = l == 0 ? 0 : plans[l - 1].unitOffset
            for u in 0..<plan.units {
                var sum: Double
                if l == 0 {
                    sum = p[o] * x
                } else {
                    sum = p[o] * h[previous]
                    var i = 1
                    while i < plan.fanIn {
                        sum += p[o + i] * h[previous + i]
                        i += 1
                    }
                }
                o += plan.fanIn
                sum += p[o]
                o += 1
                let value = plan.activation.apply(sum, negativeSlope: plan.negativeSlope)
                z[plan.unitOffset + u] = sum
                h[plan.unitOffset + u] = value
                output = value
            }
        }
        return output
    }

    /// Writes (or, with `accumulate`, adds) dL/dp for the last `predict` into `g`, given
    /// `lossGradient` = dL/dprediction.
    @inline(__always)
    func backward(_ x: Double, lossGradient: Double, _ p: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, accumulate: Bool) {
        if isChain {
            var upstream = lossGradient
            var l = layerCount - 1
            while l >= 0 {
                let dz = plans[l].activation.backward(upstream, preActivation: z[l], output: h[l], negativeSlope: plans[l].negativeSlope)
                let input = l == 0 ? x : h[l - 1]
                if accumulate {
                    g[2 * l] += dz * input
                    g[2 * l + 1] += dz
                } else {
                    g[2 * l] = dz * input
                    g[2 * l + 1] = dz
                }
                upstream = dz * p[2 * l]
                l -= 1
            }
            return
        }
        let lastPlan = plans[layerCount - 1]
        dh[lastPlan.unitOffset] = lossGradient
        var l = layerCount - 1
        while l >= 0 {
            let plan = plans[l]
            let previous = l == 0 ? 0 : plans[l - 1].unitOffset
            var o = plan.parameterOffset
            for u in 0..<plan.units {
                let unit = plan.unitOffset + u
                let dz = plan.activation.backward(dh[unit], preActivation: z[unit], output: h[unit], negativeSlope: plan.negativeSlope)
                for i in 0..<plan.fanIn {
                    let input = l == 0 ? x : h[previous + i]
                    let dw = dz * input
                    if accumulate { g[o + i] += dw } else { g[o + i] = dw }
                    if l > 0 {
                        if u == 0 {
                            dh[previous + i] = dz * p[o + i]
                        } else {
                            dh[previous + i] += dz * p[o + i]
                        }
                    }
                }
                o += plan.fanIn
                if accumulate { g[o] += dz } else { g[o] = dz }
                o += 1
            }
            l -= 1
        }
    }
}
