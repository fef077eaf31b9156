import SGDEngine
import SGDStudy

/// `results.json`: what each run ended with — steps, final error and weights, and where it
/// diverged — so that a `nan` or `inf` in a CSV is always explained next to it.
enum ResultsEncoder {
    static func encode(_ results: StudyResults) -> JSONValue {
        .object([
            .init("generator", .string(SGDReportVersion.generator)),
            .init("runs", .array(results.runs.map(encode))),
        ])
    }

    static func encode(_ result: RunResult) -> JSONValue {
        let training = result.training
        var members: [JSONValue.Member] = [
            .init("name", .string(result.run.name)),
            .init("slug", .string(result.run.slug)),
            .init("steps", .integer(training.stepCount)),
            .init("recordedSteps", .integer(training.steps.rowCount)),
            .init("epochs", .integer(training.epochs.rows.last?.epoch ?? 0)),
        ]
        if result.run.recordEpochs != 1 { members.append(.init("recordedEpochs", .integer(training.epochs.count))) }
        if let divergence = training.divergence {
            members.append(.init("diverged", .object([
                .init("step", .integer(divergence.step)),
                .init("epoch", .integer(divergence.epoch)),
                .init("duringWarmup", .bool(divergence.duringWarmup)),
                .init("cause", .string(divergence.cause.rawValue)),
            ])))
        } else {
            members.append(.init("diverged", .null))
        }
        if let last = result.finalEpoch {
            // Non-finite numbers become null: JSON has no inf; "diverged" says why.
            members.append(.init("final", .object([
                .init(TraceColumn.sse.name, .number(last.sse)), .init(TraceColumn.mse.name, .number(last.mse)),
                .init(TraceColumn.rmse.name, .number(last.rmse)), .init(TraceColumn.sqrtSSE.name, .number(last.sqrtSSE)),
            ])))
        }
        members.append(.init("weights", .object(zip(result.run.parameterNames, training.finalParameters).map {
            .init($0, .number($1))
        })))
        if let suggestions = training.lrFind {
            // fastai's four suggestions; null where the finder stopped too early for one.
            members.append(.init("lrFind", .object(LRFinder.Suggestions.names.map { name in
                .init(name, suggestions.value(name).map(JSONValue.number) ?? .null)
            })))
        }
        return .object(members)
    }
}
