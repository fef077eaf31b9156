/// Thrown by `Trainer.run(shouldContinue:)` when its caller asks it to stop.
package struct TrainingInterrupted: Error, Sendable, Equatable {
    package init() {}
}

/// Trains one run the way the spreadsheets do.
///
/// Online training takes one row a step in data order; each row's prediction and derivatives
/// use the weights *before* that row's update, and all parameters update together. The first
/// step whose loss, derivatives or updated weights are not finite ends the run: the trace
/// keeps that step and the result says where it diverged.
package struct Trainer: Sendable {
    package let setup: TrainingSetup
    /// Whether an eligible run takes a `ChainKernel` (false: always the general loops, which
    /// the tests compare the kernels with).
    package let usesKernels: Bool

    package init(_ setup: TrainingSetup, usesKernels: Bool = true) {
        self.setup = setup
        self.usesKernels = usesKernels
    }

    /// Runs to the end.
    package func run() -> TrainingResult {
        // A closure that always continues cannot interrupt.
        (try? run(shouldContinue: { _ in true }))!
    }

    /// Runs, asking `shouldContinue` every few thousand steps (with the steps done so far) so
    /// that a long run can report progress or be interrupted.
    package func run(shouldContinue: (Int) -> Bool) throws(TrainingInterrupted) -> TrainingResult {
        let loop = TrainingLoop(setup, usesKernels: usesKernels)
        // The step trace is written in place into its final array, sized for every step the
        // run can record: no growing, no copying, one pass over the memory.
        var result: TrainingResult?
        var interrupted = false
        let values = [Double](unsafeUninitializedCapacity: loop.traceCapacity) { buffer, count in
            loop.trace = buffer.baseAddress
            do {
                result = try loop.run(shouldContinue: shouldContinue)
            } catch {
                interrupted = true
            }
            count = loop.traceCount
            loop.trace = nil
        }
        guard var result, !interrupted else { throw TrainingInterrupted() }
        result.steps.values = values
        return result
    }
}
