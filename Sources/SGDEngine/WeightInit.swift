/// PyTorch's random starting weights for a `Network`, drawn from a `SeededGenerator` in model
/// order (layer by layer, unit by unit, each unit's weights then its bias).
package enum WeightInit {
    /// PyTorch's default for `nn.Linear` (`reset_parameters`: `kaiming_uniform_(a=√5)` for the
    /// weights and the bias rule beside it): every weight and every bias uniform in
    /// [−1/√fan_in, 1/√fan_in), fan_in being the layer's number of inputs.
    package static func pytorchLinear(_ network: Network, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return network.parameterFanIns.map { fanIn in
            let bound = 1 / Double(fanIn).squareRoot()
            return generator.nextDouble(from: -bound, to: bound)
        }
    }

    /// `nn.init.kaiming_normal_(weight)` with its defaults (a = 0, mode "fan_in", nonlinearity
    /// "leaky_relu", so gain √2): every weight normal with mean 0 and std √2/√fan_in; every bias 0,
    /// as fastai's `init_default` sets it.
    package static func kaimingNormal(_ network: Network, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return zip(network.parameterFanIns, network.parameterIsBias).map { fanIn, isBias in
            isBias ? 0 : (2 / Double(fanIn)).squareRoot() * generator.nextStandardNormal()
        }
    }
}

extension Network {
    /// The fan-in (inputs of its unit) of each parameter, in model order.
    package var parameterFanIns: [Int] {
        layers.indices.flatMap { l in Array(repeating: fanIns[l], count: layers[l].units * (fanIns[l] + 1)) }
    }

    /// Whether each parameter, in model order, is a bias (the last of its unit's fan_in + 1).
    package var parameterIsBias: [Bool] {
        layers.indices.flatMap { l in
            (0..<layers[l].units).flatMap { _ in Array(repeating: false, count: fanIns[l]) + [true] }
        }
    }
}

extension SeededGenerator {
    /// A standard normal draw by the Box–Muller transform: √(−2·ln u₁)·cos(2π·u₂), with
    /// u₁ = 1 − `nextUnit()` in (0, 1] (so the logarithm is finite) and u₂ = `nextUnit()`.
    /// Two uniforms per draw; the sine half is not kept, so a draw depends on nothing but its own pair.
    package mutating func nextStandardNormal() -> Double {
        let u1 = 1 - nextUnit()
        let u2 = nextUnit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }
}
