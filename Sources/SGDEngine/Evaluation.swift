/// The model's function and its error at given weights, outside training: what the `fit` and
/// `landscape` charts draw (SPEC §4.6). The arithmetic is the training loop's (`CompiledNetwork`).
extension Network {
    /// The predictions at each of `inputs` with `parameters` (model order, `parameterCount` of them).
    package func predictions(at inputs: [Double], parameters: [Double]) -> [Double] {
        precondition(parameters.count == parameterCount, "one value per parameter")
        let compiled = CompiledNetwork(self)
        return parameters.withUnsafeBufferPointer { p in
            inputs.map { compiled.predict($0, p.baseAddress!) }
        }
    }

    /// Σ (prediction − y)² over `data` with fixed `parameters`: the SSE of SPEC §2 when the
    /// weights do not change during the epoch.
    package func sumOfSquaredErrors(on data: Dataset, parameters: [Double]) -> Double {
        zip(predictions(at: data.x, parameters: parameters), data.y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    /// The SSE over `data` on a grid of two parameters, the others held at `parameters`.
    ///
    /// - Parameters:
    ///   - x, y: indices (model order) of the two parameters that vary.
    ///   - xValues, yValues: the grid's coordinates.
    /// - Returns: `yValues.count × xValues.count` values, row-major (row `j` is `yValues[j]`).
    ///   A value is +∞ or NaN where the arithmetic overflows.
    package func sumOfSquaredErrorsGrid(
        on data: Dataset, parameters: [Double], x: Int, values xValues: [Double], y: Int, values yValues: [Double]
    ) -> [Double] {
        precondition(parameters.count == parameterCount && x < parameterCount && y < parameterCount && x != y)
        let compiled = CompiledNetwork(self)
        var weights = parameters
        var result = [Double](repeating: 0, count: xValues.count * yValues.count)
        let rows = data.count
        data.x.withUnsafeBufferPointer { inputs in
            data.y.withUnsafeBufferPointer { targets in
                weights.withUnsafeMutableBufferPointer { p in
                    let base = p.baseAddress!
                    for (j, yValue) in yValues.enumerated() {
                        base[y] = yValue
                        for (i, xValue) in xValues.enumerated() {
                            base[x] = xValue
                            var sse = 0.0
                            for r in 0..<rows {
                                let error = compiled.predict(inputs[r], base) - targets[r]
                                sse += error * error
                            }
                            result[j * xValues.count + i] = sse
                        }
                    }
                }
            }
        }
        return result
    }
}
