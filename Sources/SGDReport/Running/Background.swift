import Dispatch
import Synchronization

/// A value computed on another thread; `value` waits for it.
final class Background<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        // A queue of its own, not the global one: libdispatch gives the global queues only one
        // thread per core, so a background set-up there would delay `forEachInParallel`'s
        // second thread (DispatchQueue.concurrentPerform) until it finished — ~2–7 ms of an
        // idle core at the start of the momentum study's files. A queue of one's own gets a
        // thread at once.
        DispatchQueue(label: "sgdreport.background").async {
            let value = work()
            self.result.withLock { $0 = value }
            self.done.leave()
        }
    }

    /// Whether the value is computed (without waiting for it).
    var isDone: Bool {
        done.wait(timeout: .now()) == .success
    }

    var value: Value {
        done.wait()
        return result.withLock { $0! }
    }
}
