/// What a layer applies to each unit's weighted sum.
package enum Activation: String, Sendable, CaseIterable, Codable {
    case none
    case relu
    /// PyTorch's `nn.LeakyReLU`: z for z > 0, otherwise negativeSlope·z (the layer's `negativeSlope`).
    case leakyRelu = "leaky-relu"
    case sigmoid
    case tanh

    /// The default `negativeSlope` of a leaky ReLU, as PyTorch's `nn.LeakyReLU(negative_slope=0.01)`.
    package static let defaultNegativeSlope = 0.01

    /// act(z). `negativeSlope` is used by `.leakyRelu` only.
    @inlinable
    package func apply(_ z: Double, negativeSlope: Double) -> Double {
        switch self {
        case .none: return z
        case .relu: return z > 0 ? z : 0
        case .leakyRelu: return z > 0 ? z : negativeSlope * z
        case .sigmoid: return 1 / (1 + _exp(-z))
        case .tanh: return _tanh(z)
        }
    }

    /// dL/dz from dL/dh. ReLU's derivative at 0 is 0, as in the spreadsheets and PyTorch; a leaky
    /// ReLU's at 0 is `negativeSlope`, as PyTorch's `leaky_relu_backward` (`z > 0 ? g : g·slope`).
    /// `.none` passes `upstream` through untouched (not multiplied by 1) so that the
    /// spreadsheet's `2*(pred-y)*x` is reproduced operation for operation.
    @inlinable
    package func backward(_ upstream: Double, preActivation z: Double, output h: Double, negativeSlope: Double) -> Double {
        switch self {
        case .none: return upstream
        case .relu: return z > 0 ? upstream : 0
        case .leakyRelu: return z > 0 ? upstream : upstream * negativeSlope
        case .sigmoid: return upstream * (h * (1 - h))
        case .tanh: return upstream * (1 - h * h)
        }
    }
}
