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

    /// Issue 10: undampened, the terms add up to (1 − βᵗ)/(1 − β), not 1 − βᵗ, so a constant
    /// series must debias to itself (it was 40, 40, 40 for [4, 4, 4] with β = 0.9).
    @Test(arguments: [
        (4.0, 0.9, false), (4.0, 0.9, true), (-2.5, 0.5, false), (0.1, 0.99, false), (7, 0, false), (3, 0.999, true),
    ])
    func aConstantDebiasesToItself(value: Double, beta: Double, dampening: Bool) {
        let ewma = ExponentialMovingAverage(beta: beta, initial: 0, dampening: dampening, debias: true)
        let debiased = ewma.apply(to: Array(repeating: value, count: 50)).debiased ?? []
        #expect(debiased.count == 50)
        for (t, d) in debiased.enumerated() {
            #expect(abs(d - value) <= 1e-12 * abs(value), "t = \(t + 1): \(d)")
        }
    }

    @Test func undampenedDebiasIsFastaisFormulaBitForBit() {
        let (average, debiased) = ExponentialMovingAverage(beta: 0.9, dampening: false, debias: true).apply(to: [4, 4, 4])
        #expect(average == [4, 7.6, 10.84])
        // fastai: debias(0.9, 1, t) = 1·(1 − 0.9ᵗ)/(1 − 0.9).
        let expected = average.enumerated().map { t, m in m / ((1 - _pow(0.9, Double(t + 1))) / (1 - 0.9)) }
        #expect(debiased == expected)
        #expect(debiased?.map { ($0 * 1e12).rounded() / 1e12 } == [4, 4, 4])
    }
}
