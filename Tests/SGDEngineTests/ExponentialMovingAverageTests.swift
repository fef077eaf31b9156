import Foundation
import Testing
@testable import SGDEngine

@Suite struct ExponentialMovingAverageTests {
    let sines = (1...5).map { sin(Double($0)) }

    @Test func ewmaOnSineMatchesTheReferenceExactly() {
        let ewma = ExponentialMovingAverage(beta: 0.9, initial: 0, dampening: true, debias: true)
        let (average, debiased) = ewma.apply(to: sines)
        #expect(average == [
            0.08414709848078963, 0.16666213131527882, 0.16410791898973764,
            0.07201687755997108, -0.031077237662339857,
        ])
        #expect(debiased == [
            0.8414709848078965, 0.8771691121856783, 0.6055642767148993,
            0.20941226391384438, -0.07588883705487012,
        ])
    }

    @Test func aLiteralPointOneWouldNotMatch() {
        // The reference's own warning: 1 − 0.9 in double is not 0.1.
        var mom = 0.0
        var literal: [Double] = []
        for s in sines {
            mom = 0.9 * mom + 0.1 * s
            literal.append(mom)
        }
        #expect(literal != ExponentialMovingAverage(beta: 0.9).apply(to: sines).average)
    }

    /// The learner's puzzle: steps of 1 then 0.5. Dampened, the average never exceeds 1;
    /// undampened (fastai's `SGD(mom=0.9)`), it approaches 1/(1 − 0.9) = 10.
    @Test func dampenedStaysBelowOneUndampenedApproachesTen() {
        let values = Array(repeating: 1.0, count: 100) + Array(repeating: 0.5, count: 100)
        let dampened = ExponentialMovingAverage(beta: 0.9, dampening: true).apply(to: values).average
        let undampened = ExponentialMovingAverage(beta: 0.9, dampening: false).apply(to: values).average
        #expect(dampened.allSatisfy { $0 < 1 })
        #expect(abs(undampened[99] - 10) < 1e-3)
        #expect(abs(undampened[199] - 5) < 1e-3)
    }
}
