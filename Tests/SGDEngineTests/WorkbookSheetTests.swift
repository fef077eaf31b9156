import Testing
@testable import SGDEngine
import TestSupport

/// The workbook's `adam_ann`, `adagrad`, `adagrad_ann`, `amsgrad` and `eve` sheets, reproduced
/// cell for cell by the engine, and their "run" macros' epoch-level rules.
@Suite struct WorkbookSheetTests {
    /// Sheet column → trace column, for the columns every sheet has.
    static let rowColumns = [("A:x", "x"), ("B:y", "y"), ("C:b", "b"), ("D:a", "a"), ("E:pred", "prediction")]

    /// Checks every stored cell of `sheet`'s rows 4–32 against `epoch` of `result`; the last
    /// row's new weights against `lastUpdate` (the weights after the epoch's real last update).
    func expectSheet(
        _ sheet: String, _ result: TrainingResult, epoch: Int = 1, columns: [(String, String)],
        newA: String, newB: String, lastUpdate: [Double]
    ) throws {
        let reference = try Repository.fixtureRows("graddesc-\(sheet)-epoch1.csv")
        let rows = Array(reference.dropFirst())
        #expect(rows.count == 29)
        let trace = result.steps
        let epochColumn = try #require(trace.column("epoch"))
        let first = try #require(epochColumn.firstIndex(of: Double(epoch)))
        #expect(epochColumn[first..<(first + 29)].allSatisfy { $0 == Double(epoch) })
        var compared = 0
        for (sheetColumn, traceColumn) in Self.rowColumns + columns {
            let ours = try #require(trace.column(traceColumn), "no column \(traceColumn)")
            for (index, row) in rows.enumerated() {
                let text = try #require(row[sheetColumn], "\(sheet) has no \(sheetColumn)")
                let expected = try #require(Double(text))
                #expect(ours[first + index] == expected, "\(sheet) row \(row["row"]!) \(sheetColumn): \(ours[first + index]) != \(expected)")
                compared += 1
            }
        }
        let a = try #require(trace.column("a")), b = try #require(trace.column("b"))
        for index in 0..<28 {
            #expect(a[first + index + 1] == Double(rows[index][newA]!)!, "\(sheet) row \(index + 4) \(newA)")
            #expect(b[first + index + 1] == Double(rows[index][newB]!)!, "\(sheet) row \(index + 4) \(newB)")
        }
        #expect(lastUpdate == [Double(rows[28][newA]!)!, Double(rows[28][newB]!)!], "\(sheet) row 32 new weights")
        compared += 58
        // Every stored number of rows 4–32 (row 3's state is the input).
        let stored = rows.reduce(0) { $0 + $1.values.filter { Double($0) != nil }.count } - 29
        #expect(compared == stored, "\(sheet): compared \(compared) of \(stored) stored cells")
    }

    /// One epoch from the same start with the last update kept: the sheet's row 32 "new" cells.
    func lastUpdate(_ setup: TrainingSetup) -> [Double] {
        var once = setup
        once.epochs = 1
        once.epochRestart = .continue
        return Trainer(once).run().finalParameters
    }

    static let adamAnn = TrainingSetup(
        network: .linear, data: .graddesc, initialParameters: [2.0041632844175137, 29.990939773126538], epochs: 8,
        optimizer: .adam(lr: 0.00390625, beta1: 0.9, beta2: 0.95, eps: 0, debias: false),
        initialState: OptimizerState(
            parameterCount: 2, average: [-4.064202550984445, -0.04844194314192592],
            squareAverage: [161.89615404770484, 0.02527589588662521]),
        epochRestart: .spreadsheet,
        lrAnneal: LearningRateAnneal(measure: .gradientSize, factor: 2, divisor: 4, reference: 10.326280808548518))

    @Test func adamAnnSheet() throws {
        let result = Trainer(Self.adamAnn).run()
        try expectSheet(
            "adam-ann", result,
            columns: [("F:de/db", "grad_b"), ("G:de/da", "grad_a"), ("J:[m b]", "avg_b"), ("K:[m a]", "avg_a"),
                      ("L:[v b]", "sqr_b"), ("M:[v a]", "sqr_a")],
            newA: "I:new a", newB: "H:new b", lastUpdate: lastUpdate(Self.adamAnn))
        // √v_b + √v_a at each epoch's start against the smallest so far: quartered once, after epoch 4.
        #expect(result.epochs.column("lr") == [0.00390625, 0.00390625, 0.00390625, 0.00390625, 0.0009765625, 0.0009765625, 0.0009765625, 0.0009765625])
        #expect(result.epochs.columns.last == "lr")
    }

    static let adagrad = TrainingSetup(
        network: .linear, data: .graddesc, initialParameters: [1, 1], epochs: 5,
        optimizer: .adagrad(lr: 0.001, eps: 0, variant: .spreadsheet),
        initialState: OptimizerState(parameterCount: 2, squareAverage: [10000, 10000]), warmupEpochs: 1)

    @Test func adagradSheetIsTheStateRightAfterReset() throws {
        let result = Trainer(Self.adagrad).run()
        // The reset pass's sizes √(Σ g²)/29 are the sheet's F1 and G1.
        #expect(result.steps.column("sqr_b")?.first == 28.092710228958623)
        #expect(result.steps.column("sqr_a")?.first == 1918.710769527765)
        #expect(result.epochs.column("lr_a")?.first == 0.001 / 1918.710769527765)
        #expect(result.epochs.column("lr_b")?.first == 0.001 / 28.092710228958623)
        // This sheet keeps the real last update: the epoch's result is row 32's new weights.
        let rows = try Repository.fixtureRows("graddesc-adagrad-epoch1.csv")
        let second = try #require(result.steps.column("a")?[29])
        #expect(second == Double(rows[29]["I:new a"]!)!)
        try expectSheet(
            "adagrad", result, columns: [("F:de/db", "grad_b"), ("G:de/da", "grad_a")],
            newA: "I:new a", newB: "H:new b", lastUpdate: Array(result.epochs.rows[0].parameters))
    }

    static let adagradAnnReset = TrainingSetup(
        network: .linear, data: .graddesc, initialParameters: [1, 1], epochs: 15,
        optimizer: .adagrad(lr: 0.5, eps: 0, variant: .spreadsheet),
        initialState: OptimizerState(parameterCount: 2, squareAverage: [1e6, 1e6]),
        epochRestart: .spreadsheet, lrAnneal: LearningRateAnneal(measure: .stepSize, factor: 2, divisor: 2, reference: 100))

    @Test func adagradAnnFromResetReachesTheSheetInItsEleventhEpoch() throws {
        let result = Trainer(Self.adagradAnnReset).run()
        let rates = try #require(result.epochs.column("lr"))
        // Epoch 1 is the reset; then the ten presses of "run" of the reference README.
        #expect(Array(rates.prefix(11)) == [0.5, 0.5, 0.25, 0.25, 0.0625, 0.0625, 0.015625, 0.015625, 0.0078125, 0.00390625, 0.00390625])
        #expect(result.epochs.rows[10].extras == [0.00390625, 0.00390625 / 16.186122587302258, 0.00390625 / 0.2758546608505688])
        let stored = TrainingSetup(
            network: .linear, data: .graddesc, initialParameters: [2.0217110111321754, 29.406245790980623],
            optimizer: .adagrad(lr: 0.00390625, eps: 0, variant: .spreadsheet),
            initialState: OptimizerState(parameterCount: 2, squareAverage: [16.186122587302258, 0.2758546608505688]))
        try expectSheet(
            "adagrad-ann", result, epoch: 11, columns: [("F:de/db", "grad_b"), ("G:de/da", "grad_a")],
            newA: "H:new a", newB: "I:new b", lastUpdate: lastUpdate(stored))
    }

    @Test func theStepSizeRuleRecomputesTheEpochAndKeepsOnlyTheAcceptedOne() {
        let result = Trainer(Self.adagradAnnReset).run()
        #expect(result.steps.rowCount == 15 * 29)
        #expect(result.stepCount == 15 * 29)
        #expect(result.steps.column("epoch") == (1...15).flatMap { Array(repeating: Double($0), count: 29) })
        // Without the rule the rate stays and the weights differ from epoch 3 on.
        var plain = Self.adagradAnnReset
        plain.lrAnneal = nil
        let unannealed = Trainer(plain).run()
        #expect(unannealed.epochs.column("lr") == nil)
        #expect(unannealed.epochs.rows[1].parameters == result.epochs.rows[1].parameters)
        #expect(unannealed.epochs.rows[2].parameters != result.epochs.rows[2].parameters)
    }

    static let amsgrad = TrainingSetup(
        network: .linear, data: .graddesc, initialParameters: [1, 1], epochs: 5,
        optimizer: .amsgrad(lr: 1, beta1: 0.9, beta2: 0.999, eps: 0, debias: false),
        initialState: OptimizerState(
            parameterCount: 2, average: [17.571566394347315, -19.149654668776034],
            squareAverage: [22555196.403672516, 13186.822749376992]),
        epochRestart: .spreadsheet)

    @Test func amsgradSheet() throws {
        let result = Trainer(Self.amsgrad).run()
        try expectSheet(
            "amsgrad", result,
            columns: [("F:de/db", "grad_b"), ("G:de/da", "grad_a"), ("J:[m b]", "avg_b"), ("K:[m a]", "avg_a"),
                      ("L:[vmax b]", "sqr_b"), ("M:[vmax a]", "sqr_a")],
            newA: "I:new a", newB: "H:new b", lastUpdate: lastUpdate(Self.amsgrad))
        let sqr = try #require(result.steps.column("sqr_a"))
        #expect(zip(sqr, sqr.dropFirst()).allSatisfy { $0.0 <= $0.1 }, "the maximum never shrinks")
    }

    static let eve = TrainingSetup(
        network: .linear, data: .graddesc, initialParameters: [1, 1], epochs: 6,
        optimizer: .eve(lr: 1, beta1: 0.7, beta2: 0.9, beta3: 0.9, eps: 0, debias: false),
        initialState: OptimizerState(
            parameterCount: 2, average: [-15.966661111217437, 4.223800054218521],
            squareAverage: [2666772.931402197, 672.901089046245], feedback: 1,
            losses: [239.79849927509557, 119.89924963754778]),
        epochRestart: .spreadsheet)

    @Test func eveSheet() throws {
        let result = Trainer(Self.eve).run()
        try expectSheet(
            "eve", result,
            columns: [("F:err^2", "loss"), ("G:de/db", "grad_b"), ("H:de/da", "grad_a"), ("K:[m b]", "avg_b"),
                      ("L:[m a]", "avg_a"), ("M:[v b]", "sqr_b"), ("N:[v a]", "sqr_a")],
            newA: "J:new a", newB: "I:new b", lastUpdate: lastUpdate(Self.eve))
        // d = 0.9·d₁ + (1 − 0.9)·|f₁ − f₂|/min(f₁, f₂), once per epoch, from the epochs' √SSE.
        let d = try #require(result.epochs.column("feedback"))
        let f = try #require(result.epochs.column("sqrt_sse"))
        #expect(d[0] == 0.9 * 1 + (1 - 0.9) * (abs(239.79849927509557 - 119.89924963754778) / 119.89924963754778))
        #expect(d[1] == 0.9 * d[0] + (1 - 0.9) * (abs(f[0] - 239.79849927509557) / min(f[0], 239.79849927509557)))
        for k in 2..<d.count {
            #expect(d[k] == 0.9 * d[k - 1] + (1 - 0.9) * (abs(f[k - 1] - f[k - 2]) / min(f[k - 1], f[k - 2])))
        }
    }

    @Test func textbookAdagradAccumulatesSquaredDerivatives() {
        var state = OptimizerState(parameterCount: 1)
        var p = [1.0]
        let optimizer = Optimizer.adagrad(lr: 0.1, eps: 1e-10, variant: .pytorch)
        for g in [2.0, -1.0] {
            p.withUnsafeMutableBufferPointer { p in [g].withUnsafeBufferPointer { optimizer.step(parameters: p, gradient: $0, state: &state) } }
        }
        // torch.optim.Adagrad: sum = 4, then 5; p = 1 − 0.1·2/(2 + 1e-10) − 0.1·(−1)/(√5 + 1e-10).
        #expect(state.squareAverage == [5])
        #expect(p[0] == (1 - 0.1 * (2 / (2 + 1e-10))) - 0.1 * (-1 / (5.0.squareRoot() + 1e-10)))
    }

    @Test func theGradientSizeRuleComparesAQuotientAndKeepsTheSmallestReference() {
        let rule = LearningRateAnneal(measure: .gradientSize, factor: 2, divisor: 4, reference: 10)
        #expect(rule.exceeds(20.000000001, reference: 10))
        #expect(!rule.exceeds(20, reference: 10))
        #expect(rule.nextReference(5, reference: 10) == 5)
        #expect(rule.nextReference(15, reference: 10) == 10)
        #expect(!rule.exceeds(1e300, reference: nil))
        let step = LearningRateAnneal(measure: .stepSize, reference: 1)
        #expect(step.nextReference(15, reference: 10) == 15)
    }
}
