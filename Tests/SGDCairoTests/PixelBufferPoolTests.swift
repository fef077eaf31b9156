import Foundation
@testable import SGDCairo
import Testing

/// The pool's new buffers are whole 2 MB pages on a 2 MB boundary (what `madvise(MADV_HUGEPAGE)`
/// needs to back them with huge pages), and a buffer given back is handed out again.
@Suite struct PixelBufferPoolTests {
    @Test func newBuffersAreWholeAlignedHugePages() {
        for bytes in [1, 4096, 2 << 20, (2 << 20) + 1, 1440 * 900 * 4] {
            let buffer = PixelBufferPool.allocate(bytes: bytes)
            defer { buffer.deallocate() }
            #expect(buffer.count >= bytes)
            #expect(buffer.count % PixelBufferPool.hugePage == 0, "\(bytes) bytes")
            #expect(Int(bitPattern: buffer.baseAddress!) % PixelBufferPool.hugePage == 0, "\(bytes) bytes")
            buffer.initializeMemory(as: UInt8.self, repeating: 0xA5)  // all of it is writable
        }
    }

    @Test func aBufferGivenBackIsTakenAgain() {
        let pool = PixelBufferPool()
        let first = pool.take(bytes: 3_000_000)
        pool.give(first)
        let second = pool.take(bytes: 2_500_000)
        #expect(second.baseAddress == first.baseAddress)
        pool.give(second)
    }
}
