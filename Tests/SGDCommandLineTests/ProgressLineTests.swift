import Foundation
import Synchronization
import SGDReport
import Testing
@testable import SGDCommandLine

/// The progress line's text and when it draws, on a clock the test moves (no real time).
@Suite struct ProgressLineTests {
    /// A clock that says what the test set.
    final class FakeClock: Sendable {
        let now = Atomic<UInt64>(1_000_000_000)
        func advance(milliseconds: UInt64) { now.add(milliseconds * 1_000_000, ordering: .relaxed) }
        var read: ProgressLine.Clock { { self.now.load(ordering: .relaxed) } }
    }

    /// A terminal whose output the test reads: the write end of a pipe.
    final class CapturedTerminal {
        let pipe = Pipe()
        var terminal: Terminal { Terminal(descriptor: pipe.fileHandleForWriting.fileDescriptor) }

        /// What was written so far, each line's text (the part after "\r\e[2K").
        func drawn() -> [String] {
            try? pipe.fileHandleForWriting.close()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return text.components(separatedBy: "\r\u{1B}[2K").dropFirst().map { $0 }
        }
    }

    func files(_ written: Int, of total: Int, _ fraction: Double) -> WritingProgress {
        WritingProgress(filesWritten: written, files: total, fractionDone: fraction)
    }

    @Test func theTextsSayWhatIsDoneOfWhat() {
        #expect(ProgressLine.trainingText(label: "momentum", done: 2_345_000, total: 10_000_000)
            == "momentum: training, 2,345,000 of 10,000,000 updates (23%)")
        #expect(ProgressLine.trainingText(label: "[2/3] finder", done: 600_000, total: 1_260_000, upTo: true)
            == "[2/3] finder: training, 600,000 of up to 1,260,000 updates (47%)")
        #expect(ProgressLine.writingText(label: "wide", files(9, of: 10, 0.624)) == "wide: writing files, 62% (9 of 10 files)")
        #expect(ProgressLine.writingText(label: "width", files(0, of: 41, 0)) == "width: writing files, 0% (0 of 41 files)")
        #expect(ProgressLine.writingText(label: "w", files(1_205, of: 1_205, 1)) == "w: writing files, 100% (1,205 of 1,205 files)")
        #expect(ProgressLine.writingText(label: "w", files(3, of: 4, 0.99999)) == "w: writing files, 99% (3 of 4 files)")
    }

    @Test func percentagesRoundDownAndStayWithin100() {
        #expect(ProgressLine.percent(0, of: 0) == 0)
        #expect(ProgressLine.percent(1, of: 3) == 33)
        #expect(ProgressLine.percent(2, of: 3) == 66)
        #expect(ProgressLine.percent(7, of: 5) == 100)
        #expect(ProgressLine.percent(Int.max, of: 10) == 100)
    }

    @Test func aLineIsDueAfterTheDelayThenAtMostTenTimesASecond() {
        let ms: UInt64 = 1_000_000
        #expect(!ProgressLine.isDue(now: 299 * ms, phaseStart: 0, lastDraw: 0))
        #expect(ProgressLine.isDue(now: 300 * ms, phaseStart: 0, lastDraw: 0))
        #expect(!ProgressLine.isDue(now: 400 * ms, phaseStart: 0, lastDraw: 300 * ms))
        #expect(ProgressLine.isDue(now: 401 * ms, phaseStart: 0, lastDraw: 300 * ms))
        // With nothing drawn, a phase that began later waits its own delay; once a line shows,
        // only the interval counts.
        #expect(!ProgressLine.isDue(now: 1_299 * ms, phaseStart: 1_000 * ms, lastDraw: 0))
        #expect(ProgressLine.isDue(now: 1_101 * ms, phaseStart: 1_000 * ms, lastDraw: 1_000 * ms))
    }

    @Test func trainingThenWritingDrawInTurnAndClearAtTheEnd() throws {
        let clock = FakeClock(), out = CapturedTerminal()
        let line = ProgressLine(terminal: out.terminal, label: "wide", total: 2_000_000, interactive: true, clock: clock.read)
        line.update(10)  // at once: nothing
        clock.advance(milliseconds: 350)
        line.update(400_000)  // drawn
        line.update(500_000)  // too soon after
        clock.advance(milliseconds: 150)
        line.update(2_000_000)  // drawn
        line.writing(files(0, of: 9, 0.000))  // writing begins: replaces the training line at once
        clock.advance(milliseconds: 50)
        line.writing(files(3, of: 9, 0.333))  // too soon
        clock.advance(milliseconds: 60)
        line.writing(files(5, of: 9, 0.556))  // drawn
        line.update(1)  // training is over: a late update draws nothing
        clock.advance(milliseconds: 200)
        line.writing(files(9, of: 9, 1.000))
        line.clear()
        #expect(out.drawn() == [
            "wide: training, 400,000 of 2,000,000 updates (20%)", "wide: training, 2,000,000 of 2,000,000 updates (100%)",
            "wide: writing files, 0% (0 of 9 files)", "wide: writing files, 55% (5 of 9 files)", "wide: writing files, 100% (9 of 9 files)", "",
        ])
    }

    @Test func shortTrainingShowsNothingButLongWritingDoes() {
        let clock = FakeClock(), out = CapturedTerminal()
        let line = ProgressLine(terminal: out.terminal, label: "wide", total: 87, interactive: true, clock: clock.read)
        clock.advance(milliseconds: 500)
        line.update(50)  // 87 updates: no training line
        line.writing(files(0, of: 4, 0.000))  // nothing drawn yet: the writing waits its delay
        clock.advance(milliseconds: 100)
        line.writing(files(1, of: 4, 0.250))
        clock.advance(milliseconds: 250)
        line.writing(files(2, of: 4, 0.500))
        line.clear()
        #expect(out.drawn() == ["wide: writing files, 50% (2 of 4 files)", ""])
    }

    @Test func quickWorkAndPipesShowNothing() {
        let clock = FakeClock(), quick = CapturedTerminal()
        let line = ProgressLine(terminal: quick.terminal, label: "s", total: 5_000_000, interactive: true, clock: clock.read)
        line.update(5_000_000)
        line.writing(files(3, of: 3, 1.000))
        line.clear()
        #expect(quick.drawn().isEmpty)
        let piped = CapturedTerminal()
        let silent = ProgressLine(terminal: piped.terminal, label: "s", total: 5_000_000, clock: clock.read)
        clock.advance(milliseconds: 1_000)
        silent.update(1_000_000)
        silent.writing(files(1, of: 3, 0.333))
        silent.clear()
        #expect(piped.drawn().isEmpty)
    }
}
