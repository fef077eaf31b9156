/// What a layer applies to each unit's weighted sum.
package enum Activation: String, Sendable, CaseIterable, Codable {
    case none
    case relu
    case sigmoid
    case tanh

    @inlinable
    package func apply(_ z: Double) -> Double {
        switch self {
        case .none: return z
        case .relu: return z > 0 ? z : 0
        case .sigmoid: return 1 / (1 + _exp(-z))
        case .tanh: return _tanh(z)
        }
    }

    /// dL/dz from dL/dh. ReLU's derivative at 0 is 0, as in the spreadsheets and PyTorch.
    /// `.none` passes `upstream` through untouched (not multiplied by 1) so that the
    /// spreadsheet's `2*(pred-y)*x` is reproduced operation for operation.
    @inlinable
    package func backward(_ upstream: Double, preActivation z: Double, output h: Double) -> Double {
        switch self {
        case .none: return upstream
        case .relu: return z > 0 ? upstream : 0
        case .sigmoid: return upstream * (h * (1 - h))
        case .tanh: return upstream * (1 - h * h)
        }
    }
}
