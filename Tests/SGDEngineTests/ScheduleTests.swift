import Foundation
import Testing
import TestSupport
@testable import SGDEngine

/// fastai's schedules (fastai/fastai, `fastai/callback/schedule.py`): the one-cycle reference
/// table to the bit, and the other schedules against fastai's formulas written out here.
@Suite struct ScheduleTests {
    /// fastai's positions for `epochs` epochs of `batches` batches: epoch/epochs at each epoch's
    /// start, then += 1/(batches·epochs), as `TrainEvalCallback` accumulates `pct_train`.
    func positions(epochs: Int, batches: Int) -> [Double] {
        var result: [Double] = []
        for epoch in 0..<epochs {
            var pos = Double(epoch) / Double(epochs)
            for _ in 0..<batches {
                result.append(pos)
                pos += 1 / Double(batches * epochs)
            }
        }
        return result
    }

    @Test func oneCycleMatchesFastaiToTheBit() throws {
        let rows = try Repository.fixtureRows("fastai-one-cycle-10-batches.csv")
        #expect(rows.count == 10)
        let schedule = Schedule.oneCycle(lrMax: 0.01, pctStart: 0.25, div: 25, divFinal: 1e5, moms: [0.95, 0.85, 0.95])
        var position = SchedulePosition(epochs: 1, batchesPerEpoch: 10)
        position.startEpoch(1)
        for row in rows {
            let (lr, mom) = schedule.values(at: position.value)
            #expect(lr == Double(row["lr"]!)!, "batch \(row["batch"]!)")
            #expect(mom == Double(row["mom"]!)!, "batch \(row["batch"]!)")
            position.advance()
        }
    }

    @Test func positionsResetAtEachEpoch() {
        var position = SchedulePosition(epochs: 3, batchesPerEpoch: 7)
        var seen: [Double] = []
        for epoch in 1...3 {
            position.startEpoch(epoch)
            for _ in 0..<7 {
                seen.append(position.value)
                position.advance()
            }
        }
        #expect(seen == positions(epochs: 3, batches: 7))
        #expect(seen[7] == 1.0 / 3)
    }

    /// Without float32 phases, one-cycle's second batch would differ in its last bits: the
    /// reference needs the float32 position.
    @Test func combinedPhasesUseFloat32Positions() {
        let lrMax = 0.01
        let pos = 0.1
        let inDouble = Schedule.cosine(lrMax / 25, lrMax, pos / 0.25)
        let inFloat = Schedule.cosine(lrMax / 25, lrMax, Double((Float(pos) - 0) / (Float(0.25) - 0)))
        #expect(inFloat == 0.003716718512482818)
        #expect(inDouble != inFloat)
    }

    @Test func wholeRunSchedulesFollowFastaiFormulas() {
        for pos in [0.0, 0.1, 0.25, 0.5, 0.7300000000000001, 1.0] {
            #expect(Schedule.lin(from: 0.1, to: 0.001).values(at: pos).lr == 0.1 + pos * (0.001 - 0.1))
            #expect(Schedule.cos(from: 0.1, to: 0.001).values(at: pos).lr == 0.1 + (1 + cos(Double.pi * (1 - pos))) * (0.001 - 0.1) / 2)
            #expect(Schedule.exp(from: 1e-4, to: 1e-1).values(at: pos).lr == 1e-4 * pow(1e-1 / 1e-4, pos))
            #expect(Schedule.poly(from: 0.1, to: 0, power: 2).values(at: pos).lr == 0.1 + (0 - 0.1) * pow(pos, 2))
            #expect(Schedule.cos(from: 0.1, to: 0.001).values(at: pos).mom == nil)
        }
        #expect(Schedule.cos(from: 0.1, to: 0.001).values(at: 0).lr == 0.1)
        #expect(abs(Schedule.cos(from: 0.1, to: 0.001).values(at: 1).lr - 0.001) < 1e-18)
    }

    @Test func flatCosHoldsThenAnneals() {
        let schedule = Schedule.flatCos(lr: 0.01, pctStart: 0.75, divFinal: 1e5)
        for pos in [0.0, 0.3, 0.74] { #expect(schedule.values(at: pos).lr == 0.01) }
        // pos 0.875: halfway down the second phase, computed from fastai's formula in float32 phases.
        let inside = Double((Float(0.875) - Float(0.75)) / (Float(1) - Float(0.75)))
        #expect(schedule.values(at: 0.875).lr == 0.01 + (1 + cos(Double.pi * (1 - inside))) * (0.01 / 1e5 - 0.01) / 2)
    }

    @Test func sgdrRestartsEachCycle() {
        // Cycles of 1 and 3 epochs (cycleMult 3): phases 0.25 and 0.75, exact in float32.
        let schedule = Schedule.sgdr(lrMax: 0.1, cycles: 2, cycleLen: 1, cycleMult: 3)
        #expect(schedule.epochs == 4)
        for start in [0.0, 0.25] { #expect(schedule.values(at: start).lr == 0.1) }
        let inside = Double((Float(0.5) - Float(0.25)) / (Float(1) - Float(0.25)))
        #expect(schedule.values(at: 0.5).lr == 0.1 + (1 + cos(Double.pi * (1 - inside))) * (0 - 0.1) / 2)
        let firstHalf = Double((Float(0.125) - 0) / Float(0.25))
        #expect(schedule.values(at: 0.125).lr == 0.1 + (1 + cos(Double.pi * (1 - firstHalf))) * (0 - 0.1) / 2)
        #expect(Schedule.sgdr(lrMax: 0.1, cycles: 3, cycleLen: 1, cycleMult: 2).epochs == 7)
        #expect(Schedule.sgdr(lrMax: 0.1, cycles: 4, cycleLen: 2, cycleMult: 1).epochs == 8)
        #expect(Schedule.sgdr(lrMax: 0.1, cycles: 2, cycleLen: 3, cycleMult: 3).epochs == 12)
    }

    @Test func momentumScheduleSetsBetaOrBeta1() {
        #expect(Optimizer.momentum(lr: 0.1, beta: 0.9, dampening: false).withMomentum(0.85) == .momentum(lr: 0.1, beta: 0.85, dampening: false))
        #expect(Optimizer.adam(lr: 0.1, beta1: 0.9, beta2: 0.99, eps: 1e-5, debias: true).withMomentum(0.95)
            == .adam(lr: 0.1, beta1: 0.95, beta2: 0.99, eps: 1e-5, debias: true))
        #expect(!Optimizer.sgd(lr: 0.1).hasMomentum)
        #expect(Schedule.oneCycle(lrMax: 0.1, pctStart: 0.25, div: 25, divFinal: 1e5, moms: nil).values(at: 0.5).mom == nil)
    }
}
