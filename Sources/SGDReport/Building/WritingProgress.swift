import Synchronization

/// How far the writing of a study's folder is (`StudyBuilder.build`'s `writing` callback):
/// the files written of the folder's count, and the share of the work done, estimated from the
/// tasks' costs (`TaskCost`) and, inside a long file (a wide network's `steps.csv`), from the
/// rows written — so that the share moves while one big file is written.
public struct WritingProgress: Sendable, Equatable {
    /// Files finished, of `files`.
    public var filesWritten: Int
    /// The files the study folder gets.
    public var files: Int
    /// The share of the work done, from 0 to 1.
    public var fractionDone: Double

    public init(filesWritten: Int, files: Int, fractionDone: Double) {
        self.filesWritten = filesWritten
        self.files = files
        self.fractionDone = fractionDone
    }
}

/// Adds up the writing tasks' progress and tells `report`, under a lock so that what it hears
/// never goes back: each task's share of the work is its cost over all the tasks' costs.
final class WritingMeter: Sendable {
    private struct State {
        var done: [Double]
        var doneCost = 0.0
        var filesWritten = 0
    }

    private let costs: [Double]
    private let files: [Int]
    private let totalCost: Double
    private let totalFiles: Int
    private let report: @Sendable (WritingProgress) -> Void
    private let state: Mutex<State>

    /// A meter for `tasks`, telling `report` (first with nothing done).
    init(_ tasks: [BuildTask], report: @escaping @Sendable (WritingProgress) -> Void) {
        costs = tasks.map { max(0, $0.cost) }
        files = tasks.map(\.files)
        totalCost = costs.reduce(0, +)
        totalFiles = files.reduce(0, +)
        self.report = report
        state = Mutex(State(done: Array(repeating: 0, count: tasks.count)))
        report(WritingProgress(filesWritten: 0, files: totalFiles, fractionDone: 0))
    }

    /// Task `index` has done `fraction` (0…1) of its work, not yet all: its files count only
    /// when it is finished. Less than it already reported is ignored.
    func advance(task index: Int, fraction: Double) {
        record(task: index, fraction: min(fraction, 0.999))
    }

    /// Task `index` is finished (or failed: its work is over either way): its files count.
    func finish(task index: Int) {
        record(task: index, fraction: 1)
    }

    private func record(task index: Int, fraction: Double) {
        state.withLock { state in
            guard fraction > state.done[index] else { return }
            state.doneCost += (fraction - state.done[index]) * costs[index]
            state.done[index] = fraction
            if fraction == 1 { state.filesWritten += files[index] }
            // All finished is all done, whatever the sum of the costs rounds to.
            let share = state.filesWritten == totalFiles ? 1
                : totalCost > 0 ? min(1, state.doneCost / totalCost) : Double(state.filesWritten) / Double(max(1, totalFiles))
            // Told under the lock, so that no one hears the count go back.
            report(WritingProgress(filesWritten: state.filesWritten, files: totalFiles, fractionDone: share))
        }
    }
}
