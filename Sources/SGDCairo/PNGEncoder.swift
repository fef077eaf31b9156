import CDeflate

/// Encodes an opaque RGB24 Cairo image as PNG, faster than `cairo_surface_write_to_png_stream`.
///
/// Cairo's encoder uses libpng's defaults: every row tries all five PNG filters and zlib
/// compresses at level 6 — most of a study's time on its charts. Charts are flat colour with
/// thin lines, so the "Up" filter (each row minus the one above) turns about 96% of the bytes
/// into zeros; `DeflateEncoder` then skips the zero runs 16 bytes at a time and codes the rest
/// with dynamic Huffman codes per block (files within a few percent of libdeflate level 1's, in
/// a seventh of the instructions for the whole encoding; `make bench` measures it). The filter
/// compares four pixels at a time with the row above and writes zeros where they agree. 8-bit
/// RGB drops the image's unused fourth byte. Same pixels, same bytes.
enum PNGEncoder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `pixels` is Cairo's RGB24 layout: one native-endian 32-bit word per pixel, 0xXXRRGGBB.
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
        upFilter(pixels: pixels, width: width, height: height, stride: stride, into: filtered)
        (filtered + count).initialize(repeating: 0, count: 32)
        return DeflateEncoder.zlibStream(filtered, count: count, rowLength: rowBytes)
    }

    /// Every row with the Up filter: filter byte 2, then each RGB byte minus the one above it
    /// (the row above the first is zeros). Cairo's little-endian words are B, G, R, unused.
    /// Writes up to 4 bytes past the last row.
    @inline(never)
    static func upFilter(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, into filtered: UnsafeMutablePointer<UInt8>) {
        let rowBytes = 1 + 3 * width
        let zeroRow = [UInt8](repeating: 0, count: 4 * width + 16)
        zeroRow.withUnsafeBufferPointer { zeros in
            for y in 0..<height {
                filterRow(pixels + y * stride, above: y == 0 ? zeros.baseAddress! : pixels + (y - 1) * stride, width: width,
                          into: filtered + y * rowBytes)
            }
        }
    }

    /// Four pixels at a time: where they equal the ones above (their unused bytes aside), 12 zero
    /// bytes; else each pixel's difference, byte-swapped from B, G, R, unused to R, G, B.
    @inline(__always)
    private static func filterRow(_ source: UnsafePointer<UInt8>, above: UnsafePointer<UInt8>, width: Int, into row: UnsafeMutablePointer<UInt8>) {
        row[0] = 2
        let colours = SIMD16<UInt8>(255, 255, 255, 0, 255, 255, 255, 0, 255, 255, 255, 0, 255, 255, 255, 0)
        var out = UnsafeMutableRawPointer(row + 1)
        var x = 0
        while x &+ 4 <= width {
            let a = UnsafeRawPointer(source + 4 &* x).loadUnaligned(as: SIMD16<UInt8>.self)
            let b = UnsafeRawPointer(above + 4 &* x).loadUnaligned(as: SIMD16<UInt8>.self)
            let difference = a &- b
            if difference & colours == .zero {
                out.storeBytes(of: SIMD16<UInt8>.zero, as: SIMD16<UInt8>.self)
            } else {
                let words = unsafeBitCast(difference, to: SIMD4<UInt32>.self)
                for i in 0..<4 { (out + 3 &* i).storeBytes(of: (UInt32(littleEndian: words[i]).byteSwapped >> 8).littleEndian, as: UInt32.self) }
            }
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
