/// One layer of a chain of fully connected layers.
public struct Layer: Sendable, Equatable {
    package var units: Int
    package var activation: Activation
    /// A leaky ReLU's slope for z ≤ 0 (`Activation.defaultNegativeSlope` unless given); unused by other activations.
    package var negativeSlope: Double

    package init(units: Int, activation: Activation = .none, negativeSlope: Double = Activation.defaultNegativeSlope) {
        self.units = units
        self.activation = activation
        self.negativeSlope = negativeSlope
    }

    /// The layer's activation of `z`, with its own `negativeSlope`.
    package func apply(_ z: Double) -> Double { activation.apply(z, negativeSlope: negativeSlope) }
}

/// A network from one input `x` to one output: the spreadsheet's single neuron y = a·x + b,
/// chains of single neurons such as y = c·relu(a·x + b) + d, or wider layers.
///
/// Parameters live in one flat array in *model order*: layer by layer from the input side,
/// and within a layer unit by unit, each unit's weights (one per input) then its bias. When
/// every layer has one unit the names are `a, b, c, d, …` (weight then bias of each neuron),
/// otherwise `w<layer>_<unit>_<input>` and `b<layer>_<unit>`, counted from 1.
public struct Network: Sendable, Equatable {
    package let layers: [Layer]
    package let parameterNames: [String]
    /// Inputs of each layer's units (1 for the first layer).
    let fanIns: [Int]
    /// Index of each layer's first parameter.
    let parameterOffsets: [Int]
    /// Index of each layer's first unit in the flat per-unit scratch arrays.
    let unitOffsets: [Int]
    package let parameterCount: Int
    package let unitCount: Int

    /// y = a·x + b.
    package static let linear = Network(layers: [Layer(units: 1)])

    package init(layers: [Layer]) {
        precondition(!layers.isEmpty, "a network needs at least one layer")
        precondition(layers.last?.units == 1, "the last layer must have one unit")
        precondition(layers.allSatisfy { $0.units >= 1 }, "every layer needs a unit")
        self.layers = layers
        var fanIns: [Int] = []
        var parameterOffsets: [Int] = []
        var unitOffsets: [Int] = []
        var inputs = 1
        var parameters = 0
        var units = 0
        for layer in layers {
            fanIns.append(inputs)
            parameterOffsets.append(parameters)
            unitOffsets.append(units)
            parameters += layer.units * (inputs + 1)
            units += layer.units
            inputs = layer.units
        }
        self.fanIns = fanIns
        self.parameterOffsets = parameterOffsets
        self.unitOffsets = unitOffsets
        self.parameterCount = parameters
        self.unitCount = units
        self.parameterNames = Network.names(layers: layers, fanIns: fanIns)
    }

    /// True when the network is a chain of single neurons, whose parameters are `a, b, c, …`.
    package var isChainOfSingleNeurons: Bool { layers.allSatisfy { $0.units == 1 } }

    private static func names(layers: [Layer], fanIns: [Int]) -> [String] {
        if layers.allSatisfy({ $0.units == 1 }) {
            return (0..<(2 * layers.count)).map(letterName)
        }
        var names: [String] = []
        for (l, layer) in layers.enumerated() {
            for u in 1...layer.units {
                for i in 1...fanIns[l] { names.append("w\(l + 1)_\(u)_\(i)") }
                names.append("b\(l + 1)_\(u)")
            }
        }
        return names
    }

    /// a, b, …, z, then aa, ab, … as spreadsheet columns are named.
    static func letterName(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var n = index
        var name = ""
        repeat {
            name = String(letters[n % 26]) + name
            n = n / 26 - 1
        } while n >= 0
        return name
    }

    /// A human-readable formula: `y = a·x + b`, `y = c·relu(a·x + b) + d`, or a layer summary.
    package var formula: String {
        if isChainOfSingleNeurons {
            var expression = "x"
            for (l, layer) in layers.enumerated() {
                let w = parameterNames[2 * l], b = parameterNames[2 * l + 1]
                var neuron = "\(w)·\(expression) + \(b)"
                if layer.activation != .none {
                    neuron = "\(layer.activation.rawValue)(\(neuron))"
                    expression = neuron
                } else if l < layers.count - 1 {
                    expression = "(\(neuron))"
                } else {
                    expression = neuron
                }
            }
            return "y = " + expression
        }
        let parts = layers.map { layer in
            layer.activation == .none ? "\(layer.units)" : "\(layer.units) \(layer.activation.rawValue)"
        }
        return "1 → " + parts.joined(separator: " → ")
    }
}
