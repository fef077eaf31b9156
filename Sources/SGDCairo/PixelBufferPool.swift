import Foundation

/// A few image-sized buffers kept between charts, so that drawing the next chart reuses
/// memory the process already touched instead of faulting in megabytes of fresh pages.
final class PixelBufferPool: @unchecked Sendable {
    static let shared = PixelBufferPool()

    /// Enough for every core drawing at once; more are allocated and freed as needed.
    private let keep = max(2, ProcessInfo.processInfo.activeProcessorCount)
    private let lock = NSLock()
    private var free: [UnsafeMutableRawBufferPointer] = []

    /// A buffer of at least `bytes` bytes, 16-byte aligned, contents undefined.
    func take(bytes: Int) -> UnsafeMutableRawBufferPointer {
        lock.lock()
        defer { lock.unlock() }
        if let index = free.firstIndex(where: { $0.count >= bytes }) {
            return free.remove(at: index)
        }
        return .allocate(byteCount: max(bytes, 1), alignment: 16)
    }

    func give(_ buffer: UnsafeMutableRawBufferPointer) {
        lock.lock()
        defer { lock.unlock() }
        if free.count < keep {
            free.append(buffer)
        } else {
            buffer.deallocate()
        }
    }
}
