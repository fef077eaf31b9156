import Dispatch
import Foundation
import SGDReport

/// Turns SIGINT and SIGTERM into a cancelled build: the first signal stops training and
/// writing between steps, staging folders are removed, earlier reports stay intact. A second
/// signal exits at once (after removing the staging folders registered in `registry`).
final class InterruptHandler {
    private let sources: [DispatchSourceSignal]
    private let signals: [Int32] = [SIGINT, SIGTERM]

    init(cancellation: CancellationFlag, registry: StagingRegistry) {
        let queue = DispatchQueue(label: "sgdreport.signals")
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if cancellation.isCancelled {
                    registry.removeAll()
                    Terminal.standardError.write("\ninterrupted again; stopping now\n")
                    exit(ExitStatus.interrupted)
                }
                cancellation.cancel()
                Terminal.standardError.write("\ninterrupted; stopping (earlier reports are kept)…\n")
            }
            source.resume()
            return source
        }
    }

    func restore() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
