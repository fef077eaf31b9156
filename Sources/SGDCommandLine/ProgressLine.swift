import Foundation
import SGDStudy
import Synchronization

/// A one-line progress display on a terminal ("momentum: 2,345,000 of 10,000,000 updates, 23%"),
/// redrawn at most ten times a second; silent when the output is not a terminal.
final class ProgressLine: Sendable {
    private let terminal: Terminal
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let lastDraw = Atomic<UInt64>(0)
    private let drawn = Atomic<Bool>(false)
    private let start = DispatchTime.now().uptimeNanoseconds

    init(terminal: Terminal, label: String, total: Int) {
        self.terminal = terminal
        self.label = label
        self.total = total
        // Short work needs no progress; it would only flicker.
        enabled = terminal.isInteractive && total >= 1_000_000
    }

    /// Called from training threads with the updates done so far.
    @Sendable func update(_ done: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let previous = lastDraw.load(ordering: .relaxed)
        guard now - previous > 100_000_000, now - start > 300_000_000,
            lastDraw.compareExchange(expected: previous, desired: now, ordering: .relaxed).exchanged
        else { return }
        let percent = total > 0 ? min(100, done * 100 / total) : 0
        drawn.store(true, ordering: .relaxed)
        terminal.write("\r\u{1B}[2K\(label): training, \(NumberText.grouped(done)) of \(NumberText.grouped(total)) updates (\(percent)%)")
    }

    func clear() {
        if drawn.load(ordering: .relaxed) { terminal.write("\r\u{1B}[2K") }
    }

}
