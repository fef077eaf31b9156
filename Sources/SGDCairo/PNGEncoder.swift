import CZlib

/// Encodes an opaque RGB24 Cairo image as PNG, faster than `cairo_surface_write_to_png_stream`.
///
/// Cairo's encoder uses libpng's defaults: every row tries all five PNG filters and zlib
/// compresses at level 6 — most of the time a study spends on its charts. Charts are flat
/// colour with thin lines, so the "Up" filter (each row minus the one above) turns most of a
/// row into zeros, and zlib's run-length strategy compresses that nearly as well as full
/// matching in a fraction of the time. Rows are filtered one at a time into a small buffer and
/// streamed through zlib, so no second copy of the image is ever made. 8-bit RGB drops the
/// image's unused fourth byte. Same input, same bytes: zlib is deterministic for a given
/// version and settings.
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

    /// The zlib stream of the image's filtered rows.
    static func compressedRows(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        var status = deflateInit2_(&stream, 6, Z_DEFLATED, 15, 9, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(description: "zlib could not start (status \(status))") }
        defer { deflateEnd(&stream) }

        let rowBytes = 1 + 3 * width
        let row = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes)
        defer { row.deallocate() }
        let chunkSize = 1 << 16
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var output: [UInt8] = []
        output.reserveCapacity(chunkSize)

        /// Feeds `count` bytes (or finishes the stream), collecting what zlib writes.
        func pump(_ input: UnsafeMutablePointer<UInt8>?, _ count: Int, finish: Bool) -> Int32 {
            stream.next_in = input
            stream.avail_in = uInt(count)
            var result = Z_OK
            repeat {
                stream.next_out = chunk
                stream.avail_out = uInt(chunkSize)
                result = CZlib.deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                let produced = chunkSize - Int(stream.avail_out)
                output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: produced))
            } while result == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0 || (finish && result != Z_STREAM_END))
            return result
        }

        row[0] = 2  // Up: each byte minus the one above it (the row above the first is zeros)
        for y in 0..<height {
            let source = pixels + y * stride
            var o = 1
            if y == 0 {
                for x in 0..<width {
                    // Little-endian words: B, G, R, unused.
                    row[o] = source[4 &* x &+ 2]
                    row[o &+ 1] = source[4 &* x &+ 1]
                    row[o &+ 2] = source[4 &* x]
                    o &+= 3
                }
            } else {
                let above = source - stride
                for x in 0..<width {
                    let p = 4 &* x
                    row[o] = source[p &+ 2] &- above[p &+ 2]
                    row[o &+ 1] = source[p &+ 1] &- above[p &+ 1]
                    row[o &+ 2] = source[p] &- above[p]
                    o &+= 3
                }
            }
            status = pump(row, rowBytes, finish: false)
            guard status == Z_OK else { throw Failure(description: "zlib could not compress the image (status \(status))") }
        }
        status = pump(nil, 0, finish: true)
        guard status == Z_STREAM_END else { throw Failure(description: "zlib could not finish the image (status \(status))") }
        return output
    }

    static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        var crc = crc32(0, typeBytes, uInt(typeBytes.count))
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        png += typeBytes
        png += data
        png.appendBigEndian(UInt32(crc))
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
