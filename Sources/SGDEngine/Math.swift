#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The engine needs a handful of libm functions; these wrappers keep Foundation out of it.

@usableFromInline func _exp(_ x: Double) -> Double { exp(x) }
@usableFromInline func _tanh(_ x: Double) -> Double { tanh(x) }
@usableFromInline func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func _sin(_ x: Double) -> Double { sin(x) }
func _cos(_ x: Double) -> Double { cos(x) }
private func _tan(_ x: Double) -> Double { tan(x) }
func _log(_ x: Double) -> Double { log(x) }

/// The elementary functions a signal may be made of (`"f": "sin"` in a study).
public enum ElementaryFunction: String, Sendable, CaseIterable, Codable {
    case sin, cos, tan, exp, log, sqrt, abs, square, identity

    package func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .sin: return _sin(x)
        case .cos: return _cos(x)
        case .tan: return _tan(x)
        case .exp: return _exp(x)
        case .log: return _log(x)
        case .sqrt: return x.squareRoot()
        case .abs: return Swift.abs(x)
        case .square: return x * x
        case .identity: return x
        }
    }
}
