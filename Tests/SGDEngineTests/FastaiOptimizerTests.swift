import Testing
@testable import SGDEngine

/// fastai's optimizer tests (nbs/12_optimizer.ipynb): the gradient is held constant between
/// steps. fastai runs them in float32 with tolerance 1e-5; we are in float64, so where the
/// reference gives a float64 figure we match it exactly and otherwise to 1e-12.
@Suite struct FastaiOptimizerTests {
    /// Steps `optimizer` `count` times with a constant gradient; returns parameters and state.
    func steps(
        _ optimizer: Optimizer, parameters: [Double], gradient: [Double], count: Int
    ) -> (parameters: [Double], state: OptimizerState, history: [[Double]]) {
        var p = parameters
        var state = OptimizerState(parameterCount: p.count)
        var history: [[Double]] = []
        for _ in 0..<count {
            p.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in
                    optimizer.step(parameters: p, gradient: g, state: &state)
                }
            }
            history.append(p)
        }
        return (p, state, history)
    }

    func averages(_ ewma: ExponentialMovingAverage, of value: Double, count: Int) -> [Double] {
        ewma.apply(to: Array(repeating: value, count: count)).average
    }

    @Test func averageGradWithoutDampening() {
        for (g, second) in zip([4.0, 5, 6], [7.6, 9.5, 11.4]) {
            let mom = averages(.init(beta: 0.9, dampening: false), of: g, count: 2)
            #expect(mom[0] == g)
            #expect(abs(mom[1] - second) < 1e-12)
            #expect(mom[1] == 0.9 * g + g)
        }
    }

    @Test func averageGradWithDampening() {
        for (g, (first, second)) in zip([4.0, 5, 6], [(0.4, 0.76), (0.5, 0.95), (0.6, 1.14)]) {
            let mom = averages(.init(beta: 0.9, dampening: true), of: g, count: 2)
            #expect(abs(mom[0] - first) < 1e-12)
            #expect(abs(mom[1] - second) < 1e-12)
        }
    }

    @Test func averageSqrGrad() {
        for (g, dampenedSecond) in zip([4.0, 5, 6], [0.3184, 0.4975, 0.7164]) {
            let square = g * g
            let plain = averages(.init(beta: 0.99, dampening: false), of: square, count: 2)
            #expect(plain[0] == square)
            #expect(abs(plain[1] - 1.99 * square) < 1e-12)
            let dampened = averages(.init(beta: 0.99, dampening: true), of: square, count: 2)
            #expect(abs(dampened[0] - 0.01 * square) < 1e-12)
            #expect(abs(dampened[1] - dampenedSecond) < 1e-12)
        }
    }

    @Test func plainSGD() {
        let p = [0.0, 1, 2, 3]
        let run = steps(.sgd(lr: 0.1), parameters: p, gradient: p.map { 0.1 * $0 }, count: 2)
        for i in 0..<4 {
            #expect(abs(run.history[0][i] - 0.99 * p[i]) < 1e-12)
            #expect(abs(run.history[1][i] - 0.98 * p[i]) < 1e-12)
        }
    }

    @Test func sgdWithUndampenedMomentum() {
        let p = [0.0, 1, 2, 3]
        let run = steps(
            .momentum(lr: 0.1, beta: 0.9, dampening: false), parameters: p,
            gradient: p.map { 0.1 * $0 }, count: 2)
        for i in 0..<4 {
            #expect(abs(run.history[0][i] - 0.99 * p[i]) < 1e-12)
            #expect(abs(run.history[1][i] - 0.971 * p[i]) < 1e-12)
            #expect(abs(run.state.average[i] - 0.19 * p[i]) < 1e-12)
        }
    }

    @Test func rmspropSecondStep() {
        let run = steps(
            .rmsprop(lr: 0.1, beta: 0.99, eps: 1e-8, variant: .fastai), parameters: [1, 2, 3],
            gradient: [0.1, 0.2, 0.3], count: 2)
        let move = run.history[1][0] - run.history[0][0]
        // The reference figure was computed with a literal 0.01 for 1 − 0.99; SPEC computes
        // 1 − beta in double (0.010000000000000009), which moves the last two digits.
        #expect(abs(move - -0.7088807024961294) < 1e-15)
        #expect(move == -0.708880702496129)
    }

    @Test func adamFirstStepsMoveByAboutLR() {
        let p = [1.0, 2, 3]
        let run = steps(
            .adam(lr: 0.1, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true), parameters: p,
            gradient: [0.1, 0.2, 0.3], count: 2)
        #expect(run.history[0] == [0.9000099990001, 1.9000049997500126, 2.900003333222226])
        for i in 0..<3 {
            #expect(abs(run.history[1][i] - run.history[0][i] - -0.1) < 1e-4)
        }
    }
}
