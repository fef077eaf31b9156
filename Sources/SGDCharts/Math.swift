#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The chart layer needs a handful of libm functions; these wrappers keep Foundation out of it.

@usableFromInline func _log10(_ x: Double) -> Double { log10(x) }
@usableFromInline func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@usableFromInline func _cos(_ x: Double) -> Double { cos(x) }
@usableFromInline func _sin(_ x: Double) -> Double { sin(x) }

/// `(t − lower) / (upper − lower)` computed on halves, so that a range near ±1.8·10³⁰⁸ does not
/// overflow; halving is exact, so for every other range this is bit for bit the plain quotient.
@usableFromInline func fraction(_ t: Double, _ lower: Double, _ upper: Double) -> Double {
    (t / 2 - lower / 2) / (upper / 2 - lower / 2)
}

/// `upper − lower` halved (exact), never infinite for finite bounds.
@usableFromInline func halfSpan(_ lower: Double, _ upper: Double) -> Double {
    upper / 2 - lower / 2
}

/// 10ᵉ, exact for the powers a tick ever needs (correctly rounded beyond 10²²).
@usableFromInline func powerOfTen(_ exponent: Int) -> Double {
    if exponent >= 0 && exponent <= 22 { return exactPowersOfTen[exponent] }
    return pow(10, Double(exponent))
}

/// `x · 10ᵉ`: bit for bit `x * powerOfTen(e)` when 10ᵉ is a finite nonzero double, else in two
/// steps, so that 1e−301 · 10⁶⁰⁶ is 1e305 rather than ∞ (10⁶⁰⁶ alone overflows).
@usableFromInline func timesPowerOfTen(_ x: Double, _ e: Int) -> Double {
    let p = powerOfTen(e)
    if p.isFinite && p != 0 { return x * p }
    let half = e / 2
    return x * powerOfTen(half) * powerOfTen(e - half)
}

private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// `k · 10ᵉ` rounded once: for a negative exponent it divides by an exact power of ten, so that
/// `3 · 10⁻¹` is the double nearest 0.3 and not 0.30000000000000004.
@usableFromInline func scaledByPowerOfTen(_ k: Double, _ exponent: Int) -> Double {
    if exponent >= 0 { return k * powerOfTen(exponent) }
    if exponent >= -22 { return k / powerOfTen(-exponent) }
    return k * pow(10, Double(exponent))
}
