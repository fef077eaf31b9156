import Dispatch
import Foundation
import Synchronization

/// Runs `body(index)` for every index in `0..<count` on at most `parallelism` threads, each
/// taking the next index in order, so the first items start first and `--jobs 1` really
/// means one core.
func forEachInParallel(_ count: Int, parallelism: Int, _ body: @Sendable (Int) -> Void) {
    let next = Atomic<Int>(0)
    onThreads(count, parallelism: parallelism) { body(next.add(1, ordering: .relaxed).oldValue) }
}

/// Runs `body(item)` for every item of `order` on at most `parallelism` threads, each taking
/// the first item left that `mayStart` allows now, or the first left when it allows none (that
/// thread then waits inside `body` for what the item needs). So an item waiting for something
/// being prepared on another thread (the fonts) does not hold a thread while others could go;
/// with `mayStart` always true it is `order`, in order. With one thread, the calling thread
/// runs them all.
func forEachInParallel(
    _ order: [Int], parallelism: Int, mayStart: @Sendable (Int) -> Bool, _ body: @Sendable (Int) -> Void
) {
    let left = Mutex(order[...])
    onThreads(order.count, parallelism: parallelism) {
        let item = left.withLock { left -> Int in
            guard !mayStart(left.first!), let position = left.firstIndex(where: mayStart) else { return left.removeFirst() }
            return left.remove(at: position)
        }
        body(item)
    }
}

/// Calls `step` `count` times in all, on the calling thread and up to `parallelism - 1` more,
/// and returns when every call has returned. The caller works too and waits only for the
/// calls taken: a helper thread that starts late (libdispatch can take milliseconds to start
/// one) finds nothing left and ends without being waited for — `concurrentPerform` would wait
/// for it to start. With `parallelism` 1 (`--jobs 1`) no other thread is used.
private func onThreads(_ count: Int, parallelism: Int, _ step: @Sendable () -> Void) {
    let helpers = max(1, min(parallelism, count)) - 1
    guard helpers > 0 else {
        for _ in 0..<count { step() }
        return
    }
    withoutActuallyEscaping(step) { step in
        let shared = SharedSteps(count: count, step: step)
        for _ in 0..<helpers {
            // A queue of its own gets a thread at once (the global queues have one per core).
            DispatchQueue(label: "sgdreport.worker").async { shared.work() }
        }
        shared.work()
        shared.finish()
    }
}

/// The state `onThreads` shares with its helpers: calls claimed, calls done, and `step`, which
/// a thread reaches only after claiming a call, so none holds it once every call is done.
private final class SharedSteps: Sendable {
    let count: Int
    private let claimed = Atomic<Int>(0)
    private let done = Atomic<Int>(0)
    private let step: Mutex<(@Sendable () -> Void)?>
    private let allDone = DispatchSemaphore(value: 0)

    init(count: Int, step: @escaping @Sendable () -> Void) {
        self.count = count
        self.step = Mutex(step)
    }

    func work() {
        while claimed.add(1, ordering: .relaxed).oldValue < count {
            call()
            if done.add(1, ordering: .acquiringAndReleasing).newValue == count { allDone.signal() }
        }
    }

    private func call() {
        let step = self.step.withLock { $0 }!
        step()
    }

    /// Waits for every call to return, then lets `step` go (it must not outlive the caller's frame).
    func finish() {
        allDone.wait()
        step.withLock { $0 = nil }
    }
}

/// The indices of `costs`, largest cost first (equal costs in index order): the order in which
/// `forEachInParallel` should take tasks of those estimated costs so that its threads finish
/// together (list scheduling, longest first: the small tasks fill the end).
func longestFirst(_ costs: [Double]) -> [Int] {
    costs.indices.sorted { costs[$0] > costs[$1] || (costs[$0] == costs[$1] && $0 < $1) }
}

/// Where concurrent workers leave results, by index.
final class Slots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func set(_ index: Int, _ value: Value) {
        slots.withLock { $0[index] = value }
    }

    var values: [Value?] {
        slots.withLock { $0 }
    }
}
