import SGDEngine

extension StudyResolver {
    /// "49 kB", "3.2 MB", "1.6 GB": one decimal from 1 MB on, whole kilobytes below.
    static func memorySize(bytes: Double) -> String {
        if bytes >= 1e9 { return NumberText.compact((bytes / 1e8).rounded() / 10) + " GB" }
        if bytes >= 1e6 { return NumberText.compact((bytes / 1e5).rounded() / 10) + " MB" }
        return NumberText.compact(max(1, (bytes / 1e3).rounded())) + " kB"
    }

    /// Refuses studies whose work or memory would be absurd, with the estimate and the override.
    mutating func checkSize(_ runs: [Run], spec: StudySpec) {
        var steps = 0
        var values = 0
        var largest: (name: String, steps: Int, upTo: Bool)?
        for run in runs {
            let counts = run.counts
            let runSteps = counts.totalSteps
            steps = steps.addingReportingOverflow(runSteps).overflow ? Int.max : steps + runSteps
            for recorded in [
                counts.recordedSteps.multipliedReportingOverflow(by: run.stepColumns.count),
                counts.recordedEpochs.multipliedReportingOverflow(by: run.epochColumnCount),
            ] {
                values = recorded.overflow || values.addingReportingOverflow(recorded.partialValue).overflow ? Int.max : values + recorded.partialValue
            }
            if largest == nil || runSteps > largest!.steps { largest = (run.name, runSteps, run.lrFind?.stopDiv == true) }
        }
        if steps > limits.maximumSteps, let largest {
            reader.report(
                // A learning-rate finder stops when its loss diverges: its count is at most.
                "the study would make \(runs.contains { $0.lrFind?.stopDiv == true } ? "up to " : "")\(approximately(steps)) updates (the run \"\(largest.name)\" alone \(largest.upTo ? "up to " : "")\(approximately(largest.steps))); the limit is \(approximately(limits.maximumSteps))",
                path: "runs", at: spec.runsLocation,
                hint: "lower epochs or the data size, or raise the limit with --max-steps")
        } else if values > limits.maximumTraceValues {
            reader.report(
                "the step and epoch traces would hold \(approximately(values)) numbers (about \(Self.memorySize(bytes: Double(values) * 8))); the limit is \(approximately(limits.maximumTraceValues))",
                path: "runs", at: spec.runsLocation,
                hint: "record fewer steps and epochs with \"record\": { \"every\": 100, \"epochs\": 100 }, or raise the limit with --max-trace-values")
        }
    }

    private func approximately(_ count: Int) -> String {
        count == Int.max ? "more than 9.2e18" : NumberText.grouped(count)
    }
}
