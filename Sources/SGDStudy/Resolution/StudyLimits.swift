/// How much work a study may ask for before sgdreport refuses to start it.
///
/// The defaults allow every bundled study many times over while catching a few extra zeros
/// (10¹² steps would run for days; a trace of 10⁹ rows would not fit in memory). A user who
/// really means it raises them on the command line.
public struct StudyLimits: Sendable, Equatable {
    /// Updates across all runs, warm-up included.
    public var maximumSteps: Int
    /// Numbers kept in memory for the step traces across all runs (8 bytes each).
    public var maximumTraceValues: Int
    /// Runs after sweep expansion.
    public var maximumRuns: Int

    /// Limits on updates (10⁹), trace numbers (10⁸, 800 MB) and runs (10⁴) unless given.
    public init(maximumSteps: Int = 1_000_000_000, maximumTraceValues: Int = 100_000_000, maximumRuns: Int = 10_000) {
        self.maximumSteps = maximumSteps
        self.maximumTraceValues = maximumTraceValues
        self.maximumRuns = maximumRuns
    }

    /// The defaults, which `sgdreport` uses unless `--max-steps` or `--max-trace-values` is given.
    public static let standard = StudyLimits()
}
