import CDeflate
@testable import SGDCairo
import SGDEngine
import Testing

/// The Up filter's record of where its rows may be non-zero (`NonZeroSpans`), and the encoder's
/// paths that rely on it: zero runs taken without reading them, Adler-32 across known zeros.
@Suite struct NonZeroSpansTests {
    /// The spans as (start, end) pairs, the sentinel left out.
    static func pairs(_ spans: borrowing NonZeroSpans) -> [(Int, Int)] {
        (0..<spans.count).map { (spans.bounds[2 * $0], spans.bounds[2 * $0 + 1]) }
    }

    /// The Up filter written plainly: filter byte 2, then R, G, B minus the pixel above.
    static func referenceRows(_ pixels: [UInt32], width: Int, height: Int) -> [UInt8] {
        var rows: [UInt8] = []
        for y in 0..<height {
            rows.append(2)
            for x in 0..<width {
                let pixel = pixels[y * width + x], above = y == 0 ? 0 : pixels[(y - 1) * width + x]
                for shift: UInt32 in [16, 8, 0] { rows.append(UInt8(truncatingIfNeeded: pixel >> shift) &- UInt8(truncatingIfNeeded: above >> shift)) }
            }
        }
        return rows
    }

    /// Filters `pixels` with the encoder's filter; checks its rows against the plain one, and that
    /// the spans are sorted, apart, closed by the sentinel and cover every non-zero byte.
    static func checkFilter(_ pixels: [UInt32], width: Int, height: Int, _ comment: String) {
        let count = (1 + 3 * width) * height
        var filtered = [UInt8](repeating: 0xA5, count: count + 32)  // what a pooled buffer held before
        var spans = NonZeroSpans(expected: 1)
        pixels.withUnsafeBytes { raw in
            filtered.withUnsafeMutableBufferPointer { out in
                PNGEncoder.upFilter(pixels: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), width: width, height: height,
                                    stride: 4 * width, into: out.baseAddress!, spans: &spans)
            }
        }
        #expect(Array(filtered.prefix(count)) == referenceRows(pixels, width: width, height: height), "\(comment) \(width)×\(height)")
        let pairs = Self.pairs(spans)
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0.0 < $0.1 && $0.1 < $1.0 }, "\(comment): sorted, apart")
        #expect(pairs.allSatisfy { $0.0 < $0.1 && $0.1 <= count }, "\(comment): within the rows")
        #expect(spans.bounds[2 * spans.count] == count && spans.bounds[2 * spans.count + 1] == Int.max, "\(comment): closed")
        var inside = [Bool](repeating: false, count: count)
        for (start, end) in pairs { for i in start..<end { inside[i] = true } }
        #expect((0..<count).allSatisfy { filtered[$0] == 0 || inside[$0] }, "\(comment) \(width)×\(height): a non-zero byte outside the spans")
    }

    @Test func filteredRowsAndTheirSpansForEveryWidthAndKindOfRow() {
        var generator = SeededGenerator(seed: 52)
        for width in [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 100, 129, 250] {
            for height in [1, 2, 5] {
                let n = width * height
                let white = [UInt32](repeating: 0xFFFFFF, count: n)
                Self.checkFilter(white, width: width, height: height, "one colour: rows of zeros")
                Self.checkFilter((0..<n).map { _ in UInt32(truncatingIfNeeded: generator.next()) & 0xFF_FFFF }, width: width, height: height,
                                 "noise: no zeros")
                // A speck in one pixel of each row, moving: changes in every group position, the tail included.
                for column in Set([0, width / 2, width - 1]) {
                    var specks = white
                    for y in 0..<height { specks[y * width + (column + y) % width] = 0x0072B2 }
                    Self.checkFilter(specks, width: width, height: height, "specks from column \(column)")
                }
                // Only the unused fourth byte changes: no ink at all after the first row.
                Self.checkFilter(white.map { $0 | UInt32(truncatingIfNeeded: generator.next()) << 24 }, width: width, height: height,
                                 "noisy unused byte")
            }
        }
    }

    @Test func addingCoalescesTouchingAndOverlappingSpans() {
        var spans = NonZeroSpans(expected: 1)  // grows past its first capacity
        spans.add(0, 1)
        spans.add(1, 5)     // touches: extends
        spans.add(3, 4)     // inside: nothing
        spans.add(9, 12)
        spans.add(10, 20)   // overlaps: extends
        for k in 0..<40 { spans.add(30 + 3 * k, 31 + 3 * k) }
        spans.close(at: 200)
        let pairs = Self.pairs(spans)
        #expect(pairs.prefix(3).map { [$0.0, $0.1] } == [[0, 5], [9, 20], [30, 31]])
        #expect(pairs.count == 42 && pairs.last! == (147, 148))
        #expect(spans.bounds[2 * 42] == 200 && spans.bounds[2 * 42 + 1] == Int.max)
    }

    @Test func adler32AcrossKnownZerosEqualsLibdeflates() {
        var generator = SeededGenerator(seed: 8)
        // Gaps of every size around the summed/skipped threshold and past 65521 and 5552 (zlib's NMAX).
        for gap in [0, 1, 31, 1023, 1024, 1025, 5552, 65521, 65522, 200_000] {
            var data: [UInt8] = []
            var spans = NonZeroSpans(expected: 4)
            for k in 0..<6 {
                let start = data.count
                let length = k == 0 ? 1 : Int(generator.next() % 3000) + 1
                data += (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next() | 1) }
                spans.add(start, data.count)
                data += [UInt8](repeating: 0, count: gap)
            }
            spans.close(at: data.count)
            let expected = data.withUnsafeBufferPointer { libdeflate_adler32(1, $0.baseAddress, $0.count) }
            #expect(data.withUnsafeBufferPointer { spans.adler32(of: $0.baseAddress!, count: $0.count) } == expected, "gaps of \(gap)")
        }
        // All zeros: no span at all.
        var none = NonZeroSpans(expected: 1)
        none.close(at: 1_000_000)
        let zeros = [UInt8](repeating: 0, count: 1_000_000)
        #expect(zeros.withUnsafeBufferPointer { none.adler32(of: $0.baseAddress!, count: $0.count) }
                == zeros.withUnsafeBufferPointer { libdeflate_adler32(1, $0.baseAddress, $0.count) })
    }

    /// With the spans, zero runs are taken without reading them and whole 258-byte matches of zeros
    /// become one token; the parse is the same, so a stream of one block (fewer than 32 K tokens)
    /// is the same bytes. Longer ones may split into blocks elsewhere: they must decode alike.
    @Test func knownZerosParseTheSameAndRoundTrip() throws {
        var generator = SeededGenerator(seed: 30)
        // Rows of ink and zeros: runs that cross rows, end at and inside spans, reach the data's end.
        for (width, height) in [(1, 1), (1, 900), (5, 3), (17, 40), (200, 120), (700, 60), (1500, 400)] {
            let specks: UInt64 = width >= 1500 ? 23 : 211  // the largest: several blocks
            let pixels = (0..<(width * height)).map { i -> UInt32 in
                let (x, y) = (i % width, i / width)
                return x == (3 * y) % width || generator.next() % specks == 0 ? 0x0072B2 : y % 37 < 3 ? 0xE6E6E6 : 0xFFFFFF
            }
            let count = (1 + 3 * width) * height
            var filtered = [UInt8](repeating: 0, count: count + 32)
            var spans = NonZeroSpans(expected: 1)
            pixels.withUnsafeBytes { raw in
                filtered.withUnsafeMutableBufferPointer { out in
                    PNGEncoder.upFilter(pixels: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), width: width, height: height,
                                        stride: 4 * width, into: out.baseAddress!, spans: &spans)
                }
            }
            let (withSpans, without) = filtered.withUnsafeBufferPointer { data in
                (DeflateEncoder.zlibStream(data.baseAddress!, count: count, rowLength: 1 + 3 * width, spans: spans),
                 DeflateEncoder.zlibStream(data.baseAddress!, count: count, rowLength: 1 + 3 * width))
            }
            if count < 200_000 { #expect(withSpans == without, "\(width)×\(height)") }
            #expect(try PNGEncoderTests.inflate(withSpans, size: count) == Array(filtered.prefix(count)), "\(width)×\(height)")
            #expect(try PNGEncoderTests.inflate(without, size: count) == Array(filtered.prefix(count)), "\(width)×\(height)")
        }
    }

    @Test func farMatchesWithLongCodesRoundTrip() throws {
        // A random stretch repeated 30,000 bytes later (distance codes with 13 extra bits), between
        // skewed literals (codes up to 15 bits) and zero runs: the bit buffer's longest puts.
        var generator = SeededGenerator(seed: 77)
        let stretch = (0..<3000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var data = stretch
        var fibonacci = [1, 1]
        while fibonacci.count < 24 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        var skewed: [UInt8] = []
        for (symbol, count) in fibonacci.enumerated() { skewed += [UInt8](repeating: UInt8(symbol * 7 + 1), count: min(count, 9000)) }
        skewed.shuffle(using: &generator)
        data += skewed.prefix(27_000) + [UInt8](repeating: 0, count: 700) + stretch + skewed.suffix(20_000)
        let padded = data + [UInt8](repeating: 0x5A, count: 32)
        let stream = padded.withUnsafeBufferPointer { DeflateEncoder.zlibStream($0.baseAddress!, count: data.count, rowLength: 0) }
        #expect(try PNGEncoderTests.inflate(stream, size: data.count) == data)
        #expect(stream.count < data.count, "the repeat and the skew compress")
    }
}
