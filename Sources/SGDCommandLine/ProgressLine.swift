import Foundation
import SGDReport
import SGDStudy
import Synchronization

/// A one-line progress display on a terminal, for one study: its training
/// ("momentum: training, 2,345,000 of 10,000,000 updates (23%)"), then the writing of its
/// folder ("wide: writing files, 62% (9 of 10 files)"). Redrawn at most ten times a second; first
/// drawn only once a phase has gone on for 0.3 s (short work would only flicker), and a writing
/// phase that follows a training line replaces it at once; silent when the output is not a
/// terminal.
final class ProgressLine: Sendable {
    /// Nanoseconds on a monotonic clock.
    typealias Clock = @Sendable () -> UInt64

    private let terminal: Terminal
    private let label: String
    private let total: Int
    private let upTo: Bool
    private let interactive: Bool
    private let clock: Clock
    /// When the last line was drawn (0: never).
    private let lastDraw = Atomic<UInt64>(0)
    private let drawn = Atomic<Bool>(false)
    /// When the current phase began: training at creation, writing at its first call.
    private let phaseStart: Atomic<UInt64>
    private let writingStarted = Atomic<Bool>(false)

    /// Redraw at most this often.
    static let interval: UInt64 = 100_000_000
    /// Draw a phase's first line only after it has gone on this long.
    static let delay: UInt64 = 300_000_000
    /// Training shorter than this many updates shows nothing: it is over in a blink.
    static let shortestTraining = 1_000_000

    /// - Parameters:
    ///   - total: the updates the study plans (`Study.totalSteps`).
    ///   - upTo: whether the study may stop before `total` (a learning-rate finder that stops when
    ///     the loss diverges): the line says "of up to".
    ///   - interactive: whether to draw at all (default: whether `terminal` is a terminal).
    ///   - clock: the time in nanoseconds (default: the system's uptime), for tests.
    init(terminal: Terminal, label: String, total: Int, upTo: Bool = false, interactive: Bool? = nil,
         clock: @escaping Clock = { DispatchTime.now().uptimeNanoseconds }) {
        self.terminal = terminal
        self.label = label
        self.total = total
        self.upTo = upTo
        self.interactive = interactive ?? terminal.isInteractive
        self.clock = clock
        phaseStart = Atomic(clock())
    }

    /// Whether it draws at all (a terminal): when not, the build need not measure the writing.
    var isInteractive: Bool { interactive }

    /// Called from training threads with the updates done so far.
    @Sendable func update(_ done: Int) {
        guard interactive, total >= Self.shortestTraining, !writingStarted.load(ordering: .relaxed), claimDraw(force: false) else { return }
        terminal.write("\r\u{1B}[2K" + Self.trainingText(label: label, done: done, total: total, upTo: upTo))
    }

    /// Called from writing threads with how far the writing of the study folder is. The first
    /// call starts the writing phase: if a training line is showing it is replaced at once;
    /// otherwise the first line waits for the delay, as training's does.
    @Sendable func writing(_ progress: WritingProgress) {
        guard interactive else { return }
        var force = false
        if !writingStarted.exchange(true, ordering: .relaxed) {
            phaseStart.store(clock(), ordering: .relaxed)
            force = drawn.load(ordering: .relaxed)
        }
        guard claimDraw(force: force) else { return }
        terminal.write("\r\u{1B}[2K" + Self.writingText(label: label, progress))
    }

    /// Whether to draw now (and if so, noting that it is drawn): `force`, or `isDue`. One thread
    /// wins a tie.
    private func claimDraw(force: Bool) -> Bool {
        let now = clock()
        let previous = lastDraw.load(ordering: .relaxed)
        guard force || Self.isDue(now: now, phaseStart: phaseStart.load(ordering: .relaxed), lastDraw: previous),
            lastDraw.compareExchange(expected: previous, desired: max(now, 1), ordering: .relaxed).exchanged
        else { return false }
        drawn.store(true, ordering: .relaxed)
        return true
    }

    /// Whether a line is due at `now` (nanoseconds): with none drawn yet (`lastDraw` 0), once
    /// the phase has gone on for `delay`; after one, once it is more than `interval` old.
    static func isDue(now: UInt64, phaseStart: UInt64, lastDraw: UInt64) -> Bool {
        lastDraw == 0 ? now &- phaseStart >= delay : now &- lastDraw > interval
    }

    /// "momentum: training, 2,345,000 of 10,000,000 updates (23%)"; "of up to" with `upTo`.
    static func trainingText(label: String, done: Int, total: Int, upTo: Bool = false) -> String {
        "\(label): training, \(NumberText.grouped(done)) of \(upTo ? "up to " : "")\(NumberText.grouped(total)) updates (\(percent(done, of: total))%)"
    }

    /// "wide: writing files, 62% (9 of 10 files)": the share of the work (a long file moves it
    /// while the count of files finished stays), then the count.
    static func writingText(label: String, _ progress: WritingProgress) -> String {
        let percent = min(100, max(0, Int((progress.fractionDone * 100).rounded(.down))))
        return "\(label): writing files, \(percent)% (\(NumberText.grouped(progress.filesWritten)) of \(NumberText.grouped(progress.files)) files)"
    }

    /// `done` as a whole percentage of `total`, rounded down, at most 100 (0 of nothing: 0).
    static func percent(_ done: Int, of total: Int) -> Int {
        total > 0 ? min(100, done.multipliedReportingOverflow(by: 100).overflow ? 100 : done * 100 / total) : 0
    }

    func clear() {
        if drawn.load(ordering: .relaxed) { terminal.write("\r\u{1B}[2K") }
    }
}
