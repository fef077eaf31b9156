/// The rows a model trains on: one input `x` and one target `y` each, in spreadsheet order.
public struct Dataset: Sendable, Equatable {
    package let x: [Double]
    package let y: [Double]

    package init(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "x and y must have the same length")
        self.x = x
        self.y = y
    }

    package var count: Int { x.count }

    /// Targets from a straight line, y = slope·x + intercept, computed as a spreadsheet cell does.
    package init(x: [Double], slope: Double, intercept: Double) {
        self.init(x: x, y: x.map { slope * $0 + intercept })
    }

    /// The 29 inputs of the fast.ai gradient-descent workbook (`graddesc.xlsm`), in sheet order.
    package static let graddescInputs: [Double] = [
        14, 86, 28, 51, 28, 29, 72, 62, 84, 15, 42, 62, 47, 35, 9,
        38, 44, 99, 13, 21, 28, 20, 8, 64, 99, 70, 27, 17, 8,
    ]

    /// The workbook's data: y = 2x + 30 on its 29 inputs.
    package static let graddesc = Dataset(x: graddescInputs, slope: 2, intercept: 30)

    /// `count` integers drawn uniformly from `min...max`, like `RANDBETWEEN(min, max)`,
    /// reproducible from `seed`.
    package static func randomIntegers(count: Int, min: Int, max: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Double(generator.nextInteger(from: min, through: max)) }
    }
}
