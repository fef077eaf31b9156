#if canImport(Glibc)
import Glibc
#endif
import CCairo
import SGDCharts

/// Renders charts to PNG and SVG bytes in memory through Cairo. Writing files is the caller's job.
///
/// ```swift
/// let renderer = try CairoRenderer()
/// let png = try renderer.png(chart)          // 2× device pixels by default (the chart's `scale`)
/// let svg = try renderer.svg(chart)
/// ```
/// The same chart gives byte-identical PNG and SVG on the same machine.
package struct CairoRenderer: Sendable {
    /// The measurer layout uses: the font the renderer draws with.
    package let measurer: CairoTextMeasurer

    /// The most polyline points an SVG holds, whatever the data (about 16 bytes each; markers
    /// are limited to a 24th of it), so that a chart of a million points stays well under 300 kB.
    package static let svgPointBudget = 9_000

    /// A renderer with the process's measurer (`CairoTextMeasurer.shared`), set up on first use.
    package init() throws {
        measurer = try CairoTextMeasurer.shared.get()
    }

    package init(measurer: CairoTextMeasurer) {
        self.measurer = measurer
    }

    /// The chart as a PNG at `scale` device pixels per CSS pixel (the chart's own `scale` when nil).
    package func png(_ chart: Chart, scale: Double? = nil) throws -> [UInt8] {
        let scale = scale ?? chart.scale
        return try png(try pngScene(chart, scale: scale), scale: scale)
    }

    /// The chart as an SVG document (CSS pixel units, SVG 1.1).
    package func svg(_ chart: Chart) throws -> [UInt8] {
        try svg(try svgScene(chart))
    }

    /// The chart laid out as `png(_:scale:)` draws it.
    package func pngScene(_ chart: Chart, scale: Double? = nil) throws -> Scene {
        try chart.layout(measurer: measurer, resolution: scale ?? chart.scale)
    }

    /// The chart laid out as `svg(_:)` draws it.
    package func svgScene(_ chart: Chart) throws -> Scene {
        try chart.layout(measurer: measurer, resolution: 1, pointBudget: Self.svgPointBudget)
    }

    /// Each text of `scene` (title, labels, ticks, legend, notes, colour bar) that has characters
    /// no installed font has — drawn as boxes showing their code — each text once: the title's
    /// first, then the others in drawing order.
    package func missingCharacters(in scene: Scene) -> [MissingCharacters] {
        var found: [MissingCharacters] = []
        var seen: Set<String> = []
        for item in scene.items {
            guard case .text(let run) = item.element, seen.insert(run.text).inserted else { continue }
            let missing = measurer.missingCharacters(in: run.text, font: run.font)
            if !missing.isEmpty { found.append(MissingCharacters(text: run.text, role: item.role, characters: missing)) }
        }
        return found.filter { $0.role == .title } + found.filter { $0.role != .title }
    }

    /// A laid-out scene as a PNG; `scale` should be the resolution it was laid out for.
    package func png(_ scene: Scene, scale: Double) throws -> [UInt8] {
        let width = Int((scene.size.width * scale).rounded(.up)), height = Int((scene.size.height * scale).rounded(.up))
        guard width > 0, height > 0, Double(width) <= ChartLimits.maximumSide, Double(height) <= ChartLimits.maximumSide,
              Double(width) * Double(height) <= ChartLimits.maximumPixels else {
            throw ChartError.tooLarge(chart: scene.texts(.title).first?.text ?? "", width: scene.size.width,
                                      height: scene.size.height, scale: scale,
                                      limit: ChartLimits.description)
        }
        // Pixels come from a small pool: a fresh 5 MB image per chart costs more in page faults
        // than drawing it. Cairo draws over what the memory holds, so each pixel must start as
        // cairo_image_surface_create's (zero) — unless it is sure to be painted opaque first: a
        // scene that starts with an opaque fill from the origin (every chart's background) covers
        // every pixel left of its right edge and above its bottom edge, in device pixels rounded
        // down (Cairo rounds coordinates to 1/256 px, never below that). Only the pixels beyond
        // (a partly covered last column or row, which the fill blends with zero) are cleared.
        let stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, Int32(width)))
        let buffer = PixelBufferPool.shared.take(bytes: stride * height)
        defer { PixelBufferPool.shared.give(buffer) }
        var covered = (columns: 0, rows: 0)
        if case .rect(let rect, let fill?, _)? = scene.items.first?.element, fill.alpha >= 1, rect.x <= 0, rect.y <= 0 {
            let right = (rect.x + rect.width) * scale, bottom = (rect.y + rect.height) * scale
            if right >= 1, bottom >= 1, right.isFinite, bottom.isFinite {
                covered = (min(width, Int(right.rounded(.down))), min(height, Int(bottom.rounded(.down))))
            }
        }
        let pixelBytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        for y in 0..<height {
            let from = y < covered.rows ? 4 * covered.columns : 0
            if from < stride { (pixelBytes + y * stride + from).update(repeating: 0, count: stride - from) }
        }
        guard let surface = cairo_image_surface_create_for_data(
            buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_RGB24, Int32(width), Int32(height), Int32(stride))
        else {
            throw CairoError(operation: "creating the \(width)×\(height) image", message: "out of memory", status: 1)
        }
        var canvas = try CairoCanvas(surface: surface, measurer: measurer, scale: scale, chunked: true, quantize: false,
                                     operation: "creating the \(width)×\(height) image")
        scene.render(into: &canvas)
        try canvas.checkStatus("drawing the PNG")
        cairo_surface_flush(surface)
        guard let pixels = cairo_image_surface_get_data(surface) else {
            throw CairoError(operation: "reading the drawn image", message: "no pixel data", status: 1)
        }
        // The canvas (and with it the surface) must outlive the pixels' use, and the buffer the canvas.
        let encoded: Result<[UInt8], PNGEncoder.Failure> = withExtendedLifetime(canvas) {
            Result { () throws(PNGEncoder.Failure) -> [UInt8] in
                try PNGEncoder.encode(
                    pixels: pixels, width: width, height: height, stride: Int(cairo_image_surface_get_stride(surface)))
            }
        }
        switch encoded {
        case .success(let png): return png
        case .failure(let error): throw CairoError(operation: "encoding the PNG", message: error.description, status: 1)
        }
    }

    /// A laid-out scene as an SVG document.
    package func svg(_ scene: Scene) throws -> [UInt8] {
        let sink = ByteSink()
        // Cairo writes into `sink` until the surface is destroyed, on every path out of here.
        try withExtendedLifetime(sink) {
            let closure = Unmanaged.passUnretained(sink).toOpaque()
            guard let surface = cairo_svg_surface_create_for_stream(ByteSink.write, closure,
                                                                    scene.size.width, scene.size.height) else {
                throw CairoError(operation: "creating the SVG surface", message: "out of memory", status: 1)
            }
            cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1)
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX)
            var canvas = try CairoCanvas(surface: surface, measurer: measurer, scale: 1, chunked: false, quantize: true,
                                         streamTarget: sink, operation: "creating the SVG surface")
            scene.render(into: &canvas)
            try canvas.checkStatus("drawing the SVG")
            cairo_surface_finish(surface)
            try CairoError.check(cairo_surface_status(surface), "writing the SVG")
        }
        return Self.renumberingSurfaceIDs(sink.bytes)
    }

    /// Cairo numbers some SVG ids with process-wide counters — in cairo 1.16 (cairo-svg-surface.c)
    /// `surface375` (a group, after the surface's `unique_id`) and `image178` (an emoji's bitmap,
    /// after its source surface's `unique_id`); its clip, pattern, mask, filter, gradient and
    /// glyph ids count per document — so the same chart would differ from one call to the next.
    /// Each id the document defines (`id="…"`) of a globally numbered kind (`globalKinds`: the
    /// letters before the number) is renumbered per kind in order of first appearance, and so is
    /// each reference to it (`#image178"`, `url(#surface3)`): the bytes then depend only on the
    /// chart.
    ///
    /// A name runs from after `id="` or `#` to the next `"` or `)`, of printable ASCII, at most 64
    /// bytes. Two passes, each jumping from one `=` or `#` to the next with `memchr` (an SVG has
    /// about one `=` per 90 bytes) and copying the bytes between in bulk.
    static let globalKinds: [[UInt8]] = ["surface", "image", "source-", "surface-", "image-"].map { Array($0.utf8) }

    package static func renumberingSurfaceIDs(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer -> [UInt8] in
            guard let base = buffer.baseAddress else { return bytes }
            let scan = IDScan(base: base, count: buffer.count)
            // Pass 1: the numbered ids of a global kind the document defines.
            var defined: Set<ArraySlice<UInt8>> = []
            var i = scan.nextID(from: 0)
            while i < scan.count {
                if let end = scan.nameEnd(from: i + 4) {
                    let name = bytes[(i + 4)..<end]
                    if scan.isGloballyNumbered(i + 4, end) { defined.insert(name) }
                    i = scan.nextID(from: end)
                } else {
                    i = scan.nextID(from: i + 1)
                }
            }
            guard !defined.isEmpty else { return bytes }
            // Pass 2: each definition and reference renamed, kind by kind, in order of appearance.
            var renamed: [ArraySlice<UInt8>: [UInt8]] = [:]
            var counts: [ArraySlice<UInt8>: Int] = [:]
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 64)
            var copied = 0
            var nextHash = scan.nextHash(from: 0), nextID = scan.nextID(from: 0)
            while nextHash < scan.count || nextID < scan.count {
                let at = min(nextHash, nextID)
                let nameStart = at == nextHash ? at + 1 : at + 4
                if let end = scan.nameEnd(from: nameStart), defined.contains(bytes[nameStart..<end]) {
                    let name = bytes[nameStart..<end]
                    let new: [UInt8]
                    if let known = renamed[name] {
                        new = known
                    } else {
                        let kind = name.prefix { !IDScan.isDigit($0) }
                        let number = (counts[kind] ?? 0) + 1
                        counts[kind] = number
                        new = Array(kind) + Array(String(number).utf8)
                        renamed[name] = new
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<nameStart]))
                    output += new
                    copied = end
                    nextHash = scan.nextHash(from: end)
                    nextID = scan.nextID(from: end)
                } else if at == nextHash {
                    nextHash = scan.nextHash(from: at + 1)
                } else {
                    nextID = scan.nextID(from: at + 1)
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied...]))
            return output
        }
    }
}

/// Finds `id="` and `#` in an SVG document and the names after them (`renumberingSurfaceIDs`).
private struct IDScan {
    let base: UnsafePointer<UInt8>
    let count: Int

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The offset of the next `id="` at or after `from`, or `count`: from one `=` to the next.
    func nextID(from: Int) -> Int {
        var equals = from + 2
        while equals + 1 < count, let found = memchr(base + equals, 0x3D, count - 1 - equals) {
            equals = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            if base[equals - 2] == 0x69, base[equals - 1] == 0x64, base[equals + 1] == 0x22 { return equals - 2 }  // id="
            equals += 1
        }
        return count
    }

    /// The offset of the next `#` at or after `from`, or `count`.
    func nextHash(from: Int) -> Int {
        guard from < count, let found = memchr(base + from, 0x23, count - from) else { return count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// The end of the name starting at `start`: up to a quote or parenthesis, or nil.
    func nameEnd(from start: Int) -> Int? {
        var end = start
        while end < count, end - start < 64 {
            let b = base[end]
            if b == 0x22 || b == 0x29 { return end > start ? end : nil }
            if b < 0x21 || b > 0x7E { return nil }
            end += 1
        }
        return nil
    }

    /// Whether the name `start..<end` ends in a digit and its letters before the first digit are a global kind.
    func isGloballyNumbered(_ start: Int, _ end: Int) -> Bool {
        guard Self.isDigit(base[end - 1]) else { return false }
        var digit = start
        while !Self.isDigit(base[digit]) { digit += 1 }
        let kind = UnsafeBufferPointer(start: base + start, count: digit - start)
        return CairoRenderer.globalKinds.contains { $0.elementsEqual(kind) }
    }
}

/// A text of a chart with the characters in it that no installed font has.
package struct MissingCharacters: Sendable, Hashable {
    /// The text as drawn.
    package var text: String
    /// What the text is in the chart.
    package var role: SceneRole
    /// In order of first appearance, each once.
    package var characters: [Unicode.Scalar]

    package init(text: String, role: SceneRole, characters: [Unicode.Scalar]) {
        self.text = text
        self.role = role
        self.characters = characters
    }
}

/// Collects what Cairo writes to a stream.
final class ByteSink {
    var bytes: [UInt8] = []

    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
