#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A few image-sized buffers kept between charts, so that drawing the next chart reuses
/// memory the process already touched instead of faulting in megabytes of fresh pages.
final class PixelBufferPool: Sendable {
    static let shared = PixelBufferPool()

    /// Enough for every core drawing at once; more are allocated and freed as needed.
    private let keep = max(2, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    private let free = Mutex<[Buffer]>([])

    /// Memory owned by the pool or by exactly one drawing at a time.
    private struct Buffer: @unchecked Sendable {
        var memory: UnsafeMutableRawBufferPointer
    }

    /// A buffer of at least `bytes` bytes, 16-byte aligned, contents undefined.
    func take(bytes: Int) -> UnsafeMutableRawBufferPointer {
        let reused = free.withLock { free -> Buffer? in
            guard let index = free.firstIndex(where: { $0.memory.count >= bytes }) else { return nil }
            return free.remove(at: index)
        }
        return reused?.memory ?? .allocate(byteCount: max(bytes, 1), alignment: 16)
    }

    func give(_ buffer: UnsafeMutableRawBufferPointer) {
        let returned = Buffer(memory: buffer)
        let kept = free.withLock { free -> Bool in
            guard free.count < keep else { return false }
            free.append(returned)
            return true
        }
        if !kept { buffer.deallocate() }
    }
}
