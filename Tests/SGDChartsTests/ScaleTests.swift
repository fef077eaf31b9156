import Testing
@testable import SGDCharts
import SGDEngine

@Suite struct ScaleTests {
    @Test func logIsMonotoneAndRejectsNonPositive() {
        let log = ScaleTransform.log
        let values = [1e-300, 1e-6, 0.5, 1, 2, 1e65, 1e300]
        let mapped = values.map { log($0) }
        #expect(zip(mapped, mapped.dropFirst()).allSatisfy { $0 < $1 })
        #expect(log(0).isNaN && log(-1).isNaN && log(.nan).isNaN && log(.infinity).isNaN)
        #expect(log(1000) == 3)
    }

    @Test func symlogIsOddMonotoneAndLinearInsideTheThreshold() {
        let symlog = ScaleTransform.symlog(linthresh: 0.01)
        var generator = SeededGenerator(seed: 2)
        var values = (0..<1000).map { _ in generator.nextDouble(from: -1, to: 1) * _pow(10, generator.nextDouble(from: -6, to: 12)) }
        values.sort()
        let mapped = values.map { symlog($0) }
        #expect(zip(mapped, mapped.dropFirst()).allSatisfy { $0 <= $1 })
        for v in values {
            #expect(symlog(-v) == -symlog(v))
            if Swift.abs(v) <= 0.01 { #expect(symlog(v) == v / 0.01) }
            let back = symlog.inverse(symlog(v))
            #expect(Swift.abs(back - v) <= Swift.abs(v) * 1e-12)
        }
        #expect(symlog(0) == 0)
        #expect(symlog(0.01) == 1)
        #expect(symlog(0.1) == 2)
        #expect(symlog(-1e7) == -10)
        // Continuous at the threshold.
        #expect(Swift.abs(symlog(0.01 * (1 + 1e-12)) - 1) < 1e-9)
    }

    @Test func automaticLinthreshFollowsTheSmallMagnitudes() {
        var values: [Double] = []
        for k in 0..<400 {
            let magnitude = 0.01 * _pow(10, Double(k) / 40)  // 1e-2 … 1e8
            values.append(k % 2 == 0 ? magnitude : -magnitude)
        }
        let threshold = Autoscale.linthresh(for: values + [0, .nan, .infinity])
        #expect(threshold == 0.01)
        #expect(Autoscale.linthresh(for: [0, 0, .nan]) == 1)
        // The small magnitudes decide, however far below the largest (issue 12, item 6).
        #expect(Autoscale.linthresh(for: [1e-30, 2e-30, 3e-30, 1e10]) == 1e-31)
    }

    @Test func mappingIsInvertible() {
        let mapping = AxisMapping(transform: .log, lower: -2, upper: 3, start: 400, end: 20)
        #expect(mapping.position(of: 0.01) == 400)
        #expect(mapping.position(of: 1000) == 20)
        #expect(mapping.position(of: -5) == nil)
        #expect(Swift.abs(mapping.value(at: mapping.position(of: 3.7)!) - 3.7) < 1e-12)
        #expect(Swift.abs(mapping.domain.lowerBound - 0.01) < 1e-15)
    }
}
