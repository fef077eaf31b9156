import Testing
@testable import SGDEngine
import TestSupport

/// The `basic` sheet of the fast.ai gradient-descent workbook, reproduced cell for cell.
@Suite struct SpreadsheetBasicSheetTests {
    let setup = TrainingSetup(
        network: .linear, data: .graddesc, initialParameters: [1, 1],
        derivatives: Derivatives(method: .analytic, epsilon: 0.01, check: true),
        optimizer: .sgd(lr: 0.0001))

    @Test func everyCellOfEpochOneIsReproducedExactly() throws {
        let reference = try Repository.fixtureRows("graddesc-basic-epoch1.csv")
        #expect(reference.count == 29)
        let result = Trainer(setup).run()
        let steps = result.steps
        #expect(steps.rowCount == 29)
        let column = { (name: String) in try #require(steps.column(name)) }
        let expectations: [(String, String)] = [
            ("A:x", "x"), ("B:y", "y"), ("C:intercept", "b"), ("D:slope", "a"),
            ("E:y_pred", "prediction"), ("F:err^2", "loss"), ("H:est de/db", "est_b"),
            ("J:est de/da", "est_a"), ("K:de/db", "grad_b"), ("L:de/da", "grad_a"),
        ]
        for (sheetColumn, traceColumn) in expectations {
            let ours = try column(traceColumn)
            for (index, row) in reference.enumerated() {
                let expected = try #require(Double(row[sheetColumn]!))
                #expect(
                    ours[index] == expected,
                    "row \(row["row"]!) \(sheetColumn): \(ours[index]) != \(expected)")
            }
        }
        // new a / new b are the next row's weights; the last row's are the epoch's result.
        let a = try column("a"), b = try column("b")
        for index in 0..<28 {
            #expect(a[index + 1] == Double(reference[index]["M:new a"]!)!)
            #expect(b[index + 1] == Double(reference[index]["N:new b"]!)!)
        }
        #expect(result.finalParameters == [Double(reference[28]["M:new a"]!)!, Double(reference[28]["N:new b"]!)!])
    }

    @Test func theEpochSummaryIsTheSheetsRMSE() {
        let result = Trainer(setup).run()
        let epoch = result.epochs.rows[0]
        #expect(epoch.sqrtSSE == 150.75521153771854)
        #expect(epoch.mse == epoch.sse / 29)
        #expect(epoch.rmse == (epoch.sse / 29).squareRoot())
        #expect(result.divergence == nil)
    }

    @Test func forwardDifferencesDriveTheUpdateWhenAsked() throws {
        var forward = setup
        forward.derivatives = Derivatives(method: .forward, epsilon: 0.01)
        let result = Trainer(forward).run()
        let reference = try Repository.fixtureRows("graddesc-basic-epoch1.csv")
        // The first row's estimate drives the first update: a ← 1 − 0.0001·est.
        let firstEstimate = Double(reference[0]["J:est de/da"]!)!
        #expect(result.steps.column("a")![1] == 1 - 0.0001 * firstEstimate)
        #expect(result.steps.column("grad_a")![0] == firstEstimate)
    }
}
