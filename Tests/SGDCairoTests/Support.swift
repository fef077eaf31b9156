import CCairo
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SGDCairo
import SGDCharts

/// A decoded PNG: its size and a way to read pixels.
struct DecodedPNG {
    let width: Int
    let height: Int
    private let pixels: [UInt32]

    /// Decodes with Cairo's own PNG reader.
    init(_ bytes: [UInt8]) throws {
        final class Source {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let source = Source(bytes)
        let read: cairo_read_func_t = { closure, data, length in
            let source = Unmanaged<Source>.fromOpaque(closure!).takeUnretainedValue()
            let count = Int(length)
            guard source.offset + count <= source.bytes.count, let data else { return CAIRO_STATUS_READ_ERROR }
            source.bytes.withUnsafeBufferPointer { buffer in
                data.update(from: buffer.baseAddress! + source.offset, count: count)
            }
            source.offset += count
            return CAIRO_STATUS_SUCCESS
        }
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque())!
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw CairoError(operation: "decoding a PNG", message: String(cString: cairo_status_to_string(cairo_surface_status(surface))),
                             status: 1)
        }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let data = cairo_image_surface_get_data(surface)!.withMemoryRebound(to: UInt32.self, capacity: stride * height) { $0 }
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        for y in 0..<height {
            for x in 0..<width { pixels.append(data[y * stride + x] & 0x00FF_FFFF) }
        }
        self.pixels = pixels
    }

    /// 0xRRGGBB at device pixel (x, y).
    func pixel(_ x: Int, _ y: Int) -> UInt32 {
        pixels[y * width + x]
    }

    func isWhite(_ x: Int, _ y: Int) -> Bool { pixel(x, y) == 0xFF_FFFF }

    /// Whether any pixel within `radius` device pixels of (x, y) is not white.
    func inkNear(_ x: Double, _ y: Double, radius: Int = 1) -> Bool {
        let cx = Int(x), cy = Int(y)
        for dy in -radius...radius {
            for dx in -radius...radius {
                let px = cx + dx, py = cy + dy
                if px >= 0, py >= 0, px < width, py < height, !isWhite(px, py) { return true }
            }
        }
        return false
    }
}

/// Parses an SVG with Foundation's XML parser; nil when it is well-formed, else the error.
func xmlError(_ bytes: [UInt8]) -> String? {
    let parser = XMLParser(data: Data(bytes))
    let ok = parser.parse()
    if ok, parser.parserError == nil { return nil }
    return parser.parserError.map { "\($0)" } ?? "not well-formed"
}

/// The numbers of every `d="…"` path and every `x`, `y`, `width`, `height`, `transform` attribute.
func svgCoordinateText(_ svg: String) -> [String] {
    var values: [String] = []
    for attribute in ["d", "x", "y", "width", "height", "transform", "viewBox"] {
        var rest = Substring(svg)
        let key = " \(attribute)=\""
        while let start = rest.range(of: key) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            values.append(String(rest[..<end]))
            rest = rest[end...]
        }
    }
    return values
}
