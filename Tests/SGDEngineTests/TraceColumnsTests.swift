import Testing
@testable import SGDEngine

/// The trace columns' one home: names both ways, and the lists the traces' headers are made of.
@Suite struct TraceColumnsTests {
    @Test func everyColumnReadsBackFromItsName() {
        let fixed: [TraceColumn] = [
            .step, .epoch, .row, .x, .y, .prediction, .loss, .sse, .mse, .rmse, .sqrtSSE, .learningRate, .feedback,
            .slope, .intercept,
        ]
        let perParameter = TraceColumn.ParameterGroup.allCases.flatMap { $0.columns(["a", "w1_2_1"]) }
        for column in fixed + perParameter {
            #expect(TraceColumn(column.name) == column, "\(column.name)")
        }
        #expect(TraceColumn("grad_b") == .perParameter(.gradient, "b"))
        #expect(TraceColumn("lr_a") == .perParameter(.learningRate, "a"))
        #expect(TraceColumn("lr") == .learningRate)
        #expect(TraceColumn("sqrt_sse") == .sqrtSSE)
        #expect(TraceColumn("b1_1") == .perParameter(.weight, "b1_1"))
        #expect(TraceColumn("") == nil)
        #expect(Set(fixed.map(\.name)).count == fixed.count)
    }

    @Test func theStepsHeaderIsSpecSection2s() {
        let layout = StepTrace.Layout(parameterNames: ["a", "b"], hasEstimates: true, hasAverage: true, hasSquareAverage: true, isBatched: true)
        #expect(layout.columns.joined(separator: ",")
            == "step,epoch,row,x,y,prediction,loss,a,b,grad_a,grad_b,est_a,est_b,avg_a,avg_b,sqr_a,sqr_b")
        #expect(StepTrace.Layout(parameterNames: ["a", "b"]).columns.joined(separator: ",")
            == "step,epoch,row,x,y,prediction,loss,a,b,grad_a,grad_b")
        #expect(layout.emptyColumns == ["row", "x", "y", "prediction"])
        #expect(StepTrace.Layout(parameterNames: ["a"]).emptyColumns.isEmpty)
        #expect(layout.columns[StepTrace.Layout.parameterOffset] == "a")
    }

    @Test func theEpochsHeaderHasItsExtrasAfterTheWeights() {
        let extras = TraceColumns.epochExtras(parameterNames: ["a", "b"], annealed: true, perParameterRates: true, feedback: true)
        let trace = EpochTrace(parameterNames: ["a", "b"], extraColumns: TraceColumns.names(extras))
        #expect(trace.columns.joined(separator: ",") == "epoch,sse,mse,rmse,sqrt_sse,a,b,lr,lr_a,lr_b,feedback")
        #expect(trace.width == 11)
        #expect(trace.columns[EpochTrace.parameterOffset] == "a")
        #expect(TraceColumns.names(TraceColumns.epochs(parameterNames: ["a"])) == ["epoch", "sse", "mse", "rmse", "sqrt_sse", "a"])
        #expect(TraceColumns.epochExtras(parameterNames: ["a"], annealed: false, perParameterRates: false, feedback: false).isEmpty)
    }
}
