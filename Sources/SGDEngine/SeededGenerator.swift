/// The only source of randomness in sgdreport: SplitMix64, seeded explicitly.
///
/// A study's random data, random initial weights and shuffles all come from generators
/// seeded with numbers that the resolved `study.json` records, so a build is reproducible
/// on any machine. SplitMix64 is tiny, fast, passes BigCrush, and — unlike the standard
/// library's `SystemRandomNumberGenerator` — gives the same sequence everywhere.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double uniformly distributed in [0, 1), using the top 53 bits.
    package mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A double uniformly distributed in [low, high).
    package mutating func nextDouble(from low: Double, to high: Double) -> Double {
        low + (high - low) * nextUnit()
    }

    /// An integer uniformly distributed in `low...high`, like a spreadsheet's RANDBETWEEN.
    ///
    /// Uses rejection so that no value is favoured (Lemire's method would be faster; the
    /// ranges here are tiny, and this form is easy to reproduce elsewhere).
    package mutating func nextInteger(from low: Int, through high: Int) -> Int {
        precondition(low <= high, "empty range")
        let span = UInt64(bitPattern: Int64(high) &- Int64(low)) &+ 1
        if span == 0 { return Int(Int64(bitPattern: next())) }  // the whole 64-bit range
        let limit = UInt64.max - UInt64.max % span
        var draw = next()
        while draw >= limit { draw = next() }
        return low &+ Int(draw % span)
    }

    /// A Fisher–Yates permutation of `0..<count`.
    package mutating func permutation(of count: Int) -> [Int] {
        var order = Array(0..<count)
        if count < 2 { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = nextInteger(from: 0, through: i)
            order.swapAt(i, j)
        }
        return order
    }
}
