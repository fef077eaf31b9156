/// One layer of a chain of fully connected layers.
public struct Layer: Sendable, Equatable {
    public var units: Int
    public var activation: Activation

    public init(units: Int, activation: Activation = .none) {
        self.units = units
        self.activation = activation
    }
}

/// A network from one input `x` to one output: the spreadsheet's single neuron y = a·x + b,
/// chains of single neurons such as y = c·relu(a·x + b) + d, or wider layers.
///
/// Parameters live in one flat array in *model order*: layer by layer from the input side,
/// and within a layer unit by unit, each unit's weights (one per input) then its bias. When
/// every layer has one unit the names are `a, b, c, d, …` (weight then bias of each neuron),
/// otherwise `w<layer>_<unit>_<input>` and `b<layer>_<unit>`, counted from 1.
public struct Network: Sendable, Equatable {
    public let layers: [Layer]
    public let parameterNames: [String]
    /// Inputs of each layer's units (1 for the first layer).
    @usableFromInline let fanIns: [Int]
    /// Index of each layer's first parameter.
    @usableFromInline let parameterOffsets: [Int]
    /// Index of each layer's first unit in the flat per-unit scratch arrays.
    @usableFromInline let unitOffsets: [Int]
    public let parameterCount: Int
    public let unitCount: Int

    /// y = a·x + b.
    public static let linear = Network(layers: [Layer(units: 1)])

    public init(layers: [Layer]) {
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
    public var isChainOfSingleNeurons: Bool { layers.allSatisfy { $0.units == 1 } }

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
    public var formula: String {
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

/// Per-unit scratch space for one forward and backward pass, allocated once per run so that
/// the training loop does not allocate.
public struct NetworkWorkspace: Sendable {
    @usableFromInline var preActivations: [Double]
    @usableFromInline var outputs: [Double]
    @usableFromInline var outputGradients: [Double]

    public init(for network: Network) {
        preActivations = Array(repeating: 0, count: network.unitCount)
        outputs = Array(repeating: 0, count: network.unitCount)
        outputGradients = Array(repeating: 0, count: network.unitCount)
    }
}

extension Network {
    /// The prediction for input `x`; leaves every unit's z and h in `workspace` for `backward`.
    ///
    /// A unit's sum is w₁·h₁ + w₂·h₂ + … + bias, left to right, so a single neuron computes
    /// exactly the spreadsheet's `a*x + b`.
    @inlinable
    public func predict(
        _ x: Double, parameters p: UnsafeBufferPointer<Double>, workspace: inout NetworkWorkspace
    ) -> Double {
        var output = 0.0
        for l in 0..<layers.count {
            let units = layers[l].units
            let activation = layers[l].activation
            let fanIn = fanIns[l]
            var o = parameterOffsets[l]
            let first = unitOffsets[l]
            let previous = l == 0 ? 0 : unitOffsets[l - 1]
            for u in 0..<units {
                var sum: Double
                if l == 0 {
                    sum = p[o] * x
                } else {
                    sum = p[o] * workspace.outputs[previous]
                    var i = 1
                    while i < fanIn {
                        sum += p[o + i] * workspace.outputs[previous + i]
                        i += 1
                    }
                }
                o += fanIn
                sum += p[o]
                o += 1
                let h = activation.apply(sum)
                workspace.preActivations[first + u] = sum
                workspace.outputs[first + u] = h
                output = h
            }
        }
        return output
    }

    /// Adds dL/dp for the squared error of the last `predict` to `gradient`.
    ///
    /// `lossGradient` is dL/dprediction (2·(prediction − y) for one row). With `accumulate`
    /// false the gradient is written instead of added, so that a single row reproduces the
    /// spreadsheet's `2*(pred-y)*x` without an extra `0 +`.
    @inlinable
    public func backward(
        x: Double, lossGradient: Double, parameters p: UnsafeBufferPointer<Double>,
        workspace: inout NetworkWorkspace, gradient g: UnsafeMutableBufferPointer<Double>,
        accumulate: Bool
    ) {
        let last = unitOffsets[layers.count - 1]
        workspace.outputGradients[last] = lossGradient
        var l = layers.count - 1
        while l >= 0 {
            let units = layers[l].units
            let activation = layers[l].activation
            let fanIn = fanIns[l]
            let first = unitOffsets[l]
            let previous = l == 0 ? 0 : unitOffsets[l - 1]
            var o = parameterOffsets[l]
            for u in 0..<units {
                let dz = activation.backward(
                    workspace.outputGradients[first + u],
                    preActivation: workspace.preActivations[first + u],
                    output: workspace.outputs[first + u])
                for i in 0..<fanIn {
                    let input = l == 0 ? x : workspace.outputs[previous + i]
                    let dw = dz * input
                    if accumulate { g[o + i] += dw } else { g[o + i] = dw }
                    if l > 0 {
                        if u == 0 {
                            workspace.outputGradients[previous + i] = dz * p[o + i]
                        } else {
                            workspace.outputGradients[previous + i] += dz * p[o + i]
                        }
                    }
                }
                o += fanIn
                if accumulate { g[o] += dz } else { g[o] = dz }
                o += 1
            }
            l -= 1
        }
    }
}
