import Testing
@testable import SGDEngine

/// The model's function and its SSE at fixed weights, as the `fit` and `landscape` charts use them.
@Suite struct EvaluationTests {
    @Test func predictionsAreTheSpreadsheetsFormulas() {
        let line: [Double] = Network.linear.predictions(at: [8, 99], parameters: [2, 30])
        #expect(line == [46, 228])
        // y = c·relu(a·x + b) + d: a dead unit (a·x + b < 0 everywhere) leaves the constant d.
        let sandwich = Network(layers: [Layer(units: 1, activation: .relu), Layer(units: 1)])
        let dead: [Double] = sandwich.predictions(at: [8, 50, 99], parameters: [-1, 2, 3, 7])
        #expect(dead == [7, 7, 7])
        let kinked: [Double] = sandwich.predictions(at: [1, 2], parameters: [1, -1.5, 2, 1])
        #expect(kinked == [1, 2])
    }

    @Test func theGridIsTheSSEAtEachPointWithTheOtherWeightsHeld() {
        let data = Dataset.graddesc
        // The workbook's data is y = 2x + 30 exactly: the SSE is 0 there.
        #expect(Network.linear.sumOfSquaredErrors(on: data, parameters: [2, 30]) == 0)
        let twoNeurons = Network(layers: [Layer(units: 1), Layer(units: 1)])
        let held = [1.5, 1.2, 0.9, 1.1]
        let xs = [0.5, 1.0, 2.0], ys = [-1.0, 0.0, 3.0, 4.0]
        // Over a (index 0) and c (index 2).
        let grid = twoNeurons.sumOfSquaredErrorsGrid(on: data, parameters: held, x: 0, values: xs, y: 2, values: ys)
        #expect(grid.count == 12)
        for (j, c) in ys.enumerated() {
            for (i, a) in xs.enumerated() {
                var expected = 0.0
                for (x, y) in zip(data.x, data.y) {
                    let e = c * (a * x + held[1]) + held[3] - y
                    expected += e * e
                }
                #expect(Swift.abs(grid[j * xs.count + i] - expected) <= 1e-12 * expected)
            }
        }
    }
}
