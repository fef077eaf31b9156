#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A few image-sized buffers kept between charts, so that drawing the next chart reuses
/// memory the process already touched instead of faulting in megabytes of fresh pages: each
/// PNG takes two at once (its pixels, and their filtered rows for the encoder).
final class PixelBufferPool: Sendable {
    static let shared = PixelBufferPool()

    /// Enough for every core drawing and encoding at once; more are allocated and freed as needed.
    private let keep = 2 * max(2, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    private let free = Mutex<[Buffer]>([])

    /// Memory owned by the pool or by exactly one drawing at a time.
    private struct Buffer: @unchecked Sendable {
        var memory: UnsafeMutableRawBufferPointer
    }

    /// A buffer of at least `bytes` bytes (a new one: a whole number of 2 MB pages, 2 MB-aligned,
    /// see `allocate`), contents undefined: the smallest
    /// free one that is large enough, so that a chart's filtered rows leave its pixels' buffer.
    func take(bytes: Int) -> UnsafeMutableRawBufferPointer {
        let reused = free.withLock { free -> Buffer? in
            let fitting = free.indices.filter { free[$0].memory.count >= bytes }
            guard let index = fitting.min(by: { free[$0].memory.count < free[$1].memory.count }) else { return nil }
            return free.remove(at: index)
        }
        return reused?.memory ?? Self.allocate(bytes: bytes)
    }

    /// Huge pages: a 5 MB image in 2 MB pages takes 3 page faults instead of 1,280 (the kernel
    /// gives them with `madvise(MADV_HUGEPAGE)` when transparent huge pages are set to `madvise`
    /// or `always`, Debian's default being `madvise`; elsewhere the advice is ignored).
    static let hugePage = 2 << 20

    /// `bytes` rounded up to whole huge pages, aligned to one, with the kernel asked to back it
    /// with huge pages; 16-byte aligned memory of `bytes` if that allocation fails.
    static func allocate(bytes: Int) -> UnsafeMutableRawBufferPointer {
        let size = (max(bytes, 1) + hugePage - 1) / hugePage * hugePage
        var pointer: UnsafeMutableRawPointer?
        guard posix_memalign(&pointer, hugePage, size) == 0, let pointer else {
            return .allocate(byteCount: max(bytes, 1), alignment: 16)
        }
        _ = madvise(pointer, size, MADV_HUGEPAGE)
        return UnsafeMutableRawBufferPointer(start: pointer, count: size)
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
