/// TensorBoard's scalar smoothing: a debiased exponential moving average.
///
/// last ← last·s + (1−s)·y; each output is last/(1 − sⁿ), where n counts the finite points so
/// far. Non-finite points pass through unchanged and leave the average alone; a constant series
/// comes back unchanged (no rounding drift). This matches tensorboard's line chart
/// `data_transformer` exactly.
package enum Smoothing {
    package static func tensorBoard(_ values: [Double], weight: Double) -> [Double] {
        guard let first = values.first else { return [] }
        if values.allSatisfy({ $0 == first }) { return values }
        var last = 0.0
        var finiteCount = 0.0
        // Once sⁿ < 2⁻⁶⁰, 1 − sⁿ rounds to exactly 1: later points need no `pow`.
        var debiasing = weight != 1
        var output: [Double] = []
        output.reserveCapacity(values.count)
        for value in values {
            guard value.isFinite else {
                output.append(value)
                continue
            }
            last = last * weight + (1 - weight) * value
            finiteCount += 1
            var debias = 1.0
            if debiasing {
                let power = _pow(weight, finiteCount)
                debias = 1 - power
                debiasing = power >= 0x1p-60
            }
            output.append(last / debias)
        }
        return output
    }
}
