import Foundation

/// A small chart-like PNG, written without any library, so page tests have real images to
/// show before (and independently of) the Cairo charts: a white plate, a frame, grid lines
/// and a falling curve.
enum PageTestImage {
    static func png(width: Int, height: Int) -> Data {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)  // no filter
            for x in 0..<width {
                var pixel: (UInt8, UInt8, UInt8) = (255, 255, 255)
                let inFrame = x >= 40 && x < width - 16 && y >= 16 && y < height - 40
                if inFrame && (x - 40) % 80 == 0 || inFrame && (y - 16) % 60 == 0 { pixel = (232, 234, 238) }
                if (x == 40 || y == height - 40) && (16..<(height - 39)).contains(y) && (40..<(width - 15)).contains(x) { pixel = (60, 64, 72) }
                let t = Double(x - 40) / Double(max(width - 56, 1))
                let curve = 16 + Int(Double(height - 56) * (1 - exp(-4 * t)) * 0.9)
                if inFrame && abs(y - (height - 40 - (curve - 16))) <= 2 { pixel = (31, 91, 209) }
                raw += [pixel.0, pixel.1, pixel.2]
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8-bit RGB
        png += chunk("IHDR", header)
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return Data(png)
    }

    static func svg(width: Int, height: Int) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)"><rect width="100%" height="100%" fill="#fff"/><path d="M40 \(height - 40) L\(width - 16) 16" stroke="#1f5bd1" fill="none"/></svg>
        """
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
    }

    /// Deflate with stored (uncompressed) blocks: valid zlib, no compressor needed.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65535, data.count - offset)
            let final: UInt8 = offset + length >= data.count ? 1 : 0
            out.append(final)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return out + bigEndian((b << 16) | a)
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
