import Dispatch
import Foundation
import Synchronization

/// Runs `body(index)` for every index in `0..<count` on at most `parallelism` threads, each
/// taking the next index in order, so the first items start first and `--jobs 1` really
/// means one core.
func forEachInParallel(_ count: Int, parallelism: Int, _ body: @Sendable (Int) -> Void) {
    let next = Atomic<Int>(0)
    let workers = max(1, min(parallelism, count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            body(index)
        }
    }
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
    let workers = max(1, min(parallelism, order.count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let item = left.withLock { left -> Int? in
                guard let first = left.first else { return nil }
                guard !mayStart(first), let position = left.firstIndex(where: mayStart) else { return left.removeFirst() }
                return left.remove(at: position)
            }
            guard let item else { return }
            body(item)
        }
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
