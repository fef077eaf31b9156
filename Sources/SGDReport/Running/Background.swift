import Dispatch
import Synchronization

/// A value computed on another thread; `value` waits for it.
final class Background<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async {
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
