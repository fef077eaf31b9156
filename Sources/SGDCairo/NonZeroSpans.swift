import CDeflate

/// Where a buffer may hold non-zero bytes: sorted, disjoint ranges `start..<end`; every byte
/// outside them is zero. The Up filter records them as it writes (whole groups of pixels that
/// equal the ones above write zeros), so that the DEFLATE encoder takes zero runs without reading
/// them and the Adler-32 of a run of zeros is one multiplication.
struct NonZeroSpans: ~Copyable {
    /// start₀, end₀, start₁, end₁, …, then the sentinel `count, Int.max` (see `closed`).
    private(set) var bounds: UnsafeMutablePointer<Int>
    /// The number of spans, the sentinel not included.
    private(set) var count = 0
    private var capacity: Int

    /// Room for `expected` spans before the storage grows.
    init(expected: Int = 256) {
        capacity = max(expected, 16)
        bounds = .allocate(capacity: 2 * capacity + 2)
    }

    /// The whole of `count` bytes as one span (nothing known to be zero), closed.
    init(wholeOf count: Int) {
        self.init(expected: 1)
        add(0, count)
        close(at: count)
    }

    deinit { bounds.deallocate() }

    /// Adds `start..<end` (`start` not before the last span's start); a span that touches or
    /// overlaps the last one extends it.
    @inline(__always)
    mutating func add(_ start: Int, _ end: Int) {
        if count > 0 && start <= bounds[2 &* count &- 1] {
            bounds[2 &* count &- 1] = max(bounds[2 &* count &- 1], end)
            return
        }
        if count == capacity { grow() }
        bounds[2 &* count] = start
        bounds[2 &* count &+ 1] = end
        count &+= 1
    }

    private mutating func grow() {
        let new = UnsafeMutablePointer<Int>.allocate(capacity: 4 * capacity + 2)
        new.update(from: bounds, count: 2 * count)
        bounds.deallocate()
        bounds = new
        capacity *= 2
    }

    /// Ends the list with a sentinel span `dataCount..<Int.max`, so that a reader looking for the
    /// next span never runs past the last one.
    mutating func close(at dataCount: Int) {
        if count == capacity { grow() }
        bounds[2 * count] = dataCount
        bounds[2 * count + 1] = Int.max
    }

    /// The Adler-32 (RFC 1950 §8) of `dataCount` bytes at `data` that are zero outside the spans:
    /// libdeflate's over the spans, and over gaps shorter than `summedGap` with them (a call costs
    /// about as much as summing 700 bytes); across a longer run of n zeros, A stays and B grows by
    /// n·A (mod 65521).
    func adler32(of data: UnsafePointer<UInt8>, count dataCount: Int) -> UInt32 {
        let summedGap = 1024
        var adler: UInt32 = 1
        var position = 0  // checksummed up to here
        var i = 0
        while i < count {
            let start = min(bounds[2 * i], dataCount)
            var end = min(bounds[2 * i + 1], dataCount)
            i += 1
            while i < count && bounds[2 * i] - end < summedGap {
                end = min(bounds[2 * i + 1], dataCount)
                i += 1
            }
            adler = Self.adler32(adler, zeros: start - position)
            adler = libdeflate_adler32(adler, data + start, end - start)
            position = end
        }
        return Self.adler32(adler, zeros: dataCount - position)
    }

    /// `adler` continued over `zeros` zero bytes.
    static func adler32(_ adler: UInt32, zeros: Int) -> UInt32 {
        guard zeros > 0 else { return adler }
        let a = UInt64(adler & 0xFFFF), b = UInt64(adler >> 16)
        return UInt32((b + a * UInt64(zeros)) % 65521) << 16 | UInt32(a)
    }
}
