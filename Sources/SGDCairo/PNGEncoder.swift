import CDeflate

/// Encodes an opaque RGB24 Cairo image as PNG, faster than `cairo_surface_write_to_png_stream`.
///
/// Cairo's encoder uses libpng's defaults: every row tries all five PNG filters and zlib
/// compresses at level 6 — most of a study's time on its charts. Charts are flat colour with
/// thin lines, so the "Up" filter (each row minus the one above) turns about 96% of the bytes
/// into zeros; `DeflateEncoder` then takes the zero runs without reading them and codes the rest
/// with dynamic Huffman codes per block. Against libdeflate's level 1 on the bundled studies'
/// charts: files 4% smaller to 8% larger (0.3% larger in all), in a fifth of the instructions
/// for filter and compression together (callgrind), and a fifth fewer since (BENCHMARKS.md). The filter compares 32, then 16 and 8 pixels
/// at a time with the row above and writes zeros where they agree, and notes where its rows may
/// differ from zero (`NonZeroSpans`), so that the encoder need not read the zeros again. 8-bit RGB
/// drops the image's unused fourth byte. Same pixels, same bytes.
enum PNGEncoder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `pixels` is Cairo's RGB24 layout: one native-endian 32-bit word per pixel, 0xXXRRGGBB.
    /// (Not inlined: one symbol in profiles for the whole encoding.)
    @inline(never)
    static func encode(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) throws(Failure) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits, RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", try compressedRows(pixels: pixels, width: width, height: height, stride: stride), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// The zlib stream of the image's Up-filtered rows.
    static func compressedRows(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) throws(Failure) -> [UInt8] {
        let rowBytes = 1 + 3 * width
        let count = rowBytes * height
        // The filtered image (plus the padding the filter's and the matcher's whole-word accesses
        // need) in pooled memory, like the pixels.
        let buffer = PixelBufferPool.shared.take(bytes: count + 32)
        defer { PixelBufferPool.shared.give(buffer) }
        let filtered = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var spans = NonZeroSpans(expected: 16 * height)
        upFilter(pixels: pixels, width: width, height: height, stride: stride, into: filtered, spans: &spans)
        (filtered + count).initialize(repeating: 0, count: 32)
        return DeflateEncoder.zlibStream(filtered, count: count, rowLength: rowBytes, spans: spans)
    }

    /// Every row with the Up filter: filter byte 2, then each RGB byte minus the one above it
    /// (the row above the first is zeros). Cairo's little-endian words are B, G, R, unused.
    /// Writes up to 4 bytes past the last row. `spans` gets (at least) every non-zero byte's
    /// place, and is closed.
    @inline(never)
    static func upFilter(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, into filtered: UnsafeMutablePointer<UInt8>,
                         spans: inout NonZeroSpans) {
        let rowBytes = 1 + 3 * width
        let zeroRow = [UInt8](repeating: 0, count: 4 * width + 16)
        zeroRow.withUnsafeBufferPointer { zeros in
            for y in 0..<height {
                filterRow(pixels + y * stride, above: y == 0 ? zeros.baseAddress! : pixels + (y - 1) * stride, width: width,
                          into: filtered, at: y * rowBytes, spans: &spans)
            }
        }
        spans.close(at: rowBytes * height)
    }

    /// Sixteen, then eight pixels at a time where they equal the ones above (their unused bytes
    /// aside): 48 or 24 zero bytes; else four at a time, each pixel's difference byte-swapped from
    /// B, G, R, unused to R, G, B. (SIMD `==` is element by element in Swift 6: whole 8-byte words
    /// compare in one instruction.)
    @inline(__always)
    private static func filterRow(_ source: UnsafePointer<UInt8>, above: UnsafePointer<UInt8>, width: Int, into filtered: UnsafeMutablePointer<UInt8>,
                                  at start: Int, spans: inout NonZeroSpans) {
        let row = filtered + start
        row[0] = 2
        var out = UnsafeMutableRawPointer(row + 1)
        /// Where `out` is in `filtered`.
        @inline(__always) func offset() -> Int { UnsafeMutableRawPointer(filtered).distance(to: out) }
        // The spans are what the stretches of unchanged groups leave: from the filter byte to
        // the first stretch, between stretches, from the last to the row's end.
        var inkStart = start
        var x = 0
        /// Whether 8 pixels from `a` and `b` have the same colours: the differing bits of
        /// 16-byte vectors OR-ed together, tested as two 8-byte words.
        @inline(__always) func same(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer) -> Bool {
            let low = a.loadUnaligned(as: SIMD16<UInt8>.self) ^ b.loadUnaligned(as: SIMD16<UInt8>.self)
            let high = a.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self) ^ b.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
            let changed = low | high
            let words = unsafeBitCast(changed, to: SIMD2<UInt64>.self)
            return (words[0] | words[1]) & 0x00FF_FFFF_00FF_FFFF == 0
        }
        while x &+ 16 <= width {
            // The groups of 16 that equal the ones above, in a loop of its own (few live
            // variables), which also writes their zeros and those of the group after them.
            let unchanged = unchangedPixels(source + 4 &* x, above + 4 &* x, groups: (width &- x) &>> 4, zeroing: out)
            if unchanged > 0 {
                let stretch = offset()
                if stretch > inkStart { spans.add(inkStart, stretch) }
                out += 3 &* unchanged
                x &+= unchanged
                inkStart = offset()
                if x &+ 16 > width { break }
            }
            // A group that differs: its halves that do not are zeros already.
            let a = UnsafeRawPointer(source + 4 &* x), b = UnsafeRawPointer(above + 4 &* x)
            for half in 0..<2 {
                let a8 = a + 32 &* half, b8 = b + 32 &* half
                if !same(a8, b8) {
                    filterFour(a8, b8, into: out)
                    filterFour(a8 + 16, b8 + 16, into: out + 12)
                }
                out += 24
            }
            x &+= 16
        }
        let end = start &+ 1 &+ 3 &* width
        if end > inkStart { spans.add(inkStart, end) }
        while x &+ 4 <= width {
            filterFour(UnsafeRawPointer(source + 4 &* x), UnsafeRawPointer(above + 4 &* x), into: out)
            out += 12
            x &+= 4
        }
        while x < width {
            let p = source + 4 &* x, q = above + 4 &* x
            let o = out.assumingMemoryBound(to: UInt8.self)
            o[0] = p[2] &- q[2]
            o[1] = p[1] &- q[1]
            o[2] = p[0] &- q[0]
            out += 3
            x &+= 1
        }
    }

    /// How many pixels from `source` equal those from `above` (unused bytes aside), counted in
    /// whole groups of 16, at most `groups` groups; writes their 48 zeros per group at `out`, and
    /// those of the one or two groups after them too (overwritten later). The zeros are stored as
    /// the pixels are compared, in the same pass over the rows (a separate zero fill measured no
    /// faster).
    @inline(__always)
    private static func unchangedPixels(_ source: UnsafePointer<UInt8>, _ above: UnsafePointer<UInt8>, groups: Int,
                                        zeroing out: UnsafeMutableRawPointer) -> Int {
        let a = UnsafeRawPointer(source), b = UnsafeRawPointer(above)
        /// The differing bits of 16 pixels from `offset` (bytes), OR-ed into one vector.
        @inline(__always) func changed(_ offset: Int) -> SIMD16<UInt8> {
            var changed = a.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self) ^ b.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
            for k in Swift.stride(from: 16, to: 64, by: 16) {
                changed |= a.loadUnaligned(fromByteOffset: offset &+ k, as: SIMD16<UInt8>.self) ^ b.loadUnaligned(fromByteOffset: offset &+ k, as: SIMD16<UInt8>.self)
            }
            return changed
        }
        @inline(__always) func same(_ changed: SIMD16<UInt8>) -> Bool {
            let words = unsafeBitCast(changed, to: SIMD2<UInt64>.self)
            return (words[0] | words[1]) & 0x00FF_FFFF_00FF_FFFF == 0
        }
        var zeros = out
        var offset = 0
        let end = 64 &* groups
        // Two groups at a time; when they differ, the first is tested again alone.
        while offset &+ 128 <= end {
            let first = changed(offset)
            for k in Swift.stride(from: 0, to: 96, by: 16) { zeros.storeBytes(of: SIMD16<UInt8>.zero, toByteOffset: k, as: SIMD16<UInt8>.self) }
            if !same(first | changed(offset &+ 64)) { return (same(first) ? offset &+ 64 : offset) &>> 2 }
            offset &+= 128
            zeros += 96
        }
        if offset < end {
            for k in Swift.stride(from: 0, to: 48, by: 16) { zeros.storeBytes(of: SIMD16<UInt8>.zero, toByteOffset: k, as: SIMD16<UInt8>.self) }
            if same(changed(offset)) { offset &+= 64 }
        }
        return offset &>> 2
    }

    /// Four pixels' 12 filtered bytes (and a zero after them, overwritten later).
    @inline(__always)
    private static func filterFour(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, into out: UnsafeMutableRawPointer) {
        let difference = a.loadUnaligned(as: SIMD16<UInt8>.self) &- b.loadUnaligned(as: SIMD16<UInt8>.self)
        let words = unsafeBitCast(difference, to: SIMD4<UInt32>.self)
        for i in 0..<4 { (out + 3 &* i).storeBytes(of: (UInt32(littleEndian: words[i]).byteSwapped >> 8).littleEndian, as: UInt32.self) }
    }

    static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        var crc = typeBytes.withUnsafeBufferPointer { libdeflate_crc32(0, $0.baseAddress, $0.count) }
        crc = data.withUnsafeBufferPointer { libdeflate_crc32(crc, $0.baseAddress, $0.count) }
        png += typeBytes
        png += data
        png.appendBigEndian(crc)
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF))
        append(UInt8(value & 0xFF))
    }
}
