import CDeflate
import Foundation
@testable import SGDCairo
import SGDCharts
import SGDEngine
import Testing

/// The PNG encoder and its DEFLATE encoder, checked through independent decoders: libdeflate's
/// zlib decompressor (`libdeflate_zlib_decompress`) and Cairo's PNG reader (libpng and zlib).
@Suite struct PNGEncoderTests {
    // MARK: Decoding

    /// An image as Cairo's RGB24 words (0x00RRGGBB), row by row.
    struct Image: Equatable {
        var width: Int
        var height: Int
        var pixels: [UInt32]

        func encoded() throws -> [UInt8] {
            try pixels.withUnsafeBytes { raw in
                try PNGEncoder.encode(pixels: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), width: width, height: height,
                                      stride: 4 * width)
            }
        }
    }

    /// The zlib stream decompressed by libdeflate, which must consume it whole and produce exactly `size` bytes.
    static func inflate(_ stream: [UInt8], size: Int) throws -> [UInt8] {
        let decompressor = try #require(libdeflate_alloc_decompressor())
        defer { libdeflate_free_decompressor(decompressor) }
        var output = [UInt8](repeating: 0, count: size + 1)
        var consumed = 0, produced = 0
        let result = stream.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                libdeflate_zlib_decompress_ex(decompressor, input.baseAddress, input.count, out.baseAddress, out.count,
                                              &consumed, &produced)
            }
        }
        #expect(result == LIBDEFLATE_SUCCESS, "libdeflate: \(result)")
        #expect(consumed == stream.count, "trailing bytes after the zlib stream")
        #expect(produced == size)
        return Array(output.prefix(produced))
    }

    /// Decodes our PNG with libdeflate: checks the signature, each chunk's CRC, IHDR, then undoes
    /// each row's filter (None or Up, the ones the encoder may write).
    static func decode(_ png: [UInt8]) throws -> Image {
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8, width = 0, height = 0
        var idat: [UInt8] = []
        var types: [String] = []
        func bigEndian(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        while offset < png.count {
            let length = bigEndian(offset)
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = Array(png[(offset + 8)..<(offset + 8 + length)])
            let crc = png[(offset + 4)..<(offset + 8 + length)].withContiguousStorageIfAvailable {
                libdeflate_crc32(0, $0.baseAddress, $0.count)
            }!
            #expect(UInt32(bigEndian(offset + 8 + length)) == crc, "CRC of \(type)")
            if type == "IHDR" {
                width = body[0..<4].reduce(0) { $0 << 8 | Int($1) }
                height = body[4..<8].reduce(0) { $0 << 8 | Int($1) }
                #expect(Array(body[8...]) == [8, 2, 0, 0, 0])
            }
            if type == "IDAT" { idat += body }
            types.append(type)
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        let rowBytes = 1 + 3 * width
        let raw = try inflate(idat, size: rowBytes * height)
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        var above = [UInt8](repeating: 0, count: 3 * width)
        for y in 0..<height {
            let filter = raw[y * rowBytes]
            #expect(filter == 0 || filter == 2)
            var row = Array(raw[(y * rowBytes + 1)..<((y + 1) * rowBytes)])
            if filter == 2 { for i in row.indices { row[i] &+= above[i] } }
            for x in 0..<width { pixels.append(UInt32(row[3 * x]) << 16 | UInt32(row[3 * x + 1]) << 8 | UInt32(row[3 * x + 2])) }
            above = row
        }
        return Image(width: width, height: height, pixels: pixels)
    }

    /// Encodes and decodes `image`; returns the PNG.
    @discardableResult
    static func roundTrip(_ image: Image, _ comment: String = "") throws -> [UInt8] {
        let png = try image.encoded()
        let decoded = try decode(png)
        #expect(decoded == image, "\(comment) \(image.width)×\(image.height)")
        #expect(try image.encoded() == png, "same pixels, same bytes")
        return png
    }

    // MARK: Images

    @Test func chartsOfEveryKindDecodeTheSameWithLibdeflateAndLibpng() throws {
        let renderer = try CairoRenderer()
        let epochs = (1...29).map(Double.init)
        var walk: [Double] = [0]
        for i in 0..<20_000 {
            let step: Double = sin(Double(i) * 0.37) + cos(Double(i) * 1.31)
            walk.append(walk[walk.count - 1] + step)
        }
        let xs: [Double] = (0..<40).map { -2 + 4 * Double($0) / 39 }
        var values: [Double] = []
        for y in xs {
            for x in xs {
                let valley: Double = y - x * x
                values.append((x - 0.5) * (x - 0.5) + 10 * valley * valley + 0.1)
            }
        }
        let field = GridField(xs: xs, ys: xs, values: values)
        var landscape = Chart(title: "Landscape", xLabel: "a", yLabel: "b",
                              series: [Series(name: "SGD", x: [-1.5, -0.5, 0.3, 0.5], y: [1.8, 0.4, 0.1, 0.25], style: .line)])
        landscape.contours = ContourOverlay(field: field, levels: Contours.logLevels(low: 0.1, high: 100))
        var dots = Chart(title: "Final error per run", xLabel: "√SSE", series: [Series(name: "runs", x: [87.1, 453, 60], y: [3, 2, 1], style: .markers)])
        dots.yCategories = ["line", "sandwich", "adam"]
        let charts: [(String, Chart)] = [
            ("lines, log axis", Chart(title: "Error per epoch", xLabel: "epoch", yLabel: "sqrt(SSE)",
                                      series: [Series(name: "SGD", y: epochs.map { 150 * exp(-0.1 * $0) }),
                                               Series(name: "momentum", y: epochs.map { 150 * exp(-0.2 * $0) })], yScale: .log)),
            ("markers and annotations", Chart(title: "Steps", series: [Series(name: "a", y: epochs.map { sin($0) }, style: .lineAndMarkers)],
                                               annotations: [.horizontalRule(y: 0, label: "zero"), .point(x: 10, y: sin(10), label: "here")],
                                               legend: .below)),
            ("smoothed random walk", Chart(title: "Walk 🚀 随机", series: [Series(name: "walk", y: walk)], smoothing: 0.9, legend: .right)),
            ("colour bar", Chart(title: "Sweep", series: (0..<12).map { k in Series(name: "lr \(k)", x: epochs, y: epochs.map { exp(-Double(k) * $0 / 30) }, colorValue: Double(k)) },
                                 colorScale: ColorScale(label: "lr"))),
            ("landscape", landscape),
            ("dot plot", dots),
            ("odd size and scale", Chart(title: "Odd", series: [Series(name: "a", y: [1, 3, 2])], width: 401.3, height: 250.7, scale: 1.37)),
        ]
        for (name, chart) in charts {
            let png = try renderer.png(chart)
            let byLibdeflate = try Self.decode(png)
            let byLibpng = try DecodedPNG(png)
            #expect(byLibdeflate.width == byLibpng.width && byLibdeflate.height == byLibpng.height, "\(name)")
            let same = (0..<byLibpng.height).allSatisfy { y in
                (0..<byLibpng.width).allSatisfy { x in byLibdeflate.pixels[y * byLibdeflate.width + x] == byLibpng.pixel(x, y) }
            }
            #expect(same, "\(name): the two decoders disagree")
            try Self.roundTrip(byLibdeflate, name)
        }
    }

    @Test func randomOneColourAndSmallImagesRoundTrip() throws {
        var generator = SeededGenerator(seed: 18)
        for (width, height) in [(1, 1), (1, 7), (7, 1), (2, 3), (3, 2), (5, 5), (15, 4), (16, 3), (17, 9), (33, 2), (65, 65), (301, 1), (1, 301)] {
            try Self.roundTrip(Image(width: width, height: height, pixels: (0..<(width * height)).map { _ in UInt32(truncatingIfNeeded: generator.next()) & 0xFF_FFFF }), "noise")
            for colour: UInt32 in [0x000000, 0xFFFFFF, 0x0072B2] {
                try Self.roundTrip(Image(width: width, height: height, pixels: Array(repeating: colour, count: width * height)), "one colour")
            }
            // Flat bands with a few specks: long runs, row repeats and short matches together.
            try Self.roundTrip(Image(width: width, height: height, pixels: (0..<(width * height)).map { i in
                generator.next() % 97 == 0 ? UInt32(truncatingIfNeeded: generator.next()) & 0xFF_FFFF : (i / width / 3) % 2 == 0 ? 0xFFFFFF : 0xE6E6E6
            }), "bands")
        }
    }

    @Test func theUnusedFourthByteDoesNotChangeTheBytes() throws {
        var generator = SeededGenerator(seed: 3)
        let image = Image(width: 37, height: 11, pixels: (0..<(37 * 11)).map { i in i % 5 == 0 ? 0xFF0000 : 0xFFFFFF })
        let noisy = Image(width: 37, height: 11, pixels: image.pixels.map { $0 | UInt32(truncatingIfNeeded: generator.next()) << 24 })
        #expect(try noisy.encoded() == image.encoded())
    }

    @Test func noiseCostsNoMoreThanStoredBlocks() throws {
        var generator = SeededGenerator(seed: 42)
        let (width, height) = (700, 300)  // 630 kB of filtered rows: ten stored blocks at most
        let png = try Self.roundTrip(Image(width: width, height: height, pixels: (0..<(width * height)).map { _ in UInt32(truncatingIfNeeded: generator.next()) & 0xFF_FFFF }), "noise")
        let raw = height * (1 + 3 * width)
        // Signature, IHDR, IEND and the IDAT chunk's own 12 bytes; zlib's 6; per block at most 1 + 4 bytes more
        // than its data stored, and a block holds at least 16 K tokens' worth or 64 kB.
        let overhead = 8 + 25 + 12 + 12 + 6 + 5 * (raw / 16_384 + 1)
        #expect(png.count <= raw + overhead, "\(png.count) bytes for \(raw) bytes of rows")
    }

    @Test func arbitraryBytesRoundTripThroughTheZlibStream() throws {
        var generator = SeededGenerator(seed: 7)
        let inputs: [[UInt8]] = [
            [0], [7], [1, 2], Array(repeating: 0, count: 100_000), Array(repeating: 200, count: 259), Array(repeating: 9, count: 3),
            (0..<70_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) },
            (0..<50_000).map { i in UInt8(truncatingIfNeeded: i % 251) },          // period 251: hash matches
            (0..<50_000).map { i in i % 1000 < 990 ? 0 : UInt8(truncatingIfNeeded: i) },  // zero runs across rows
            (0..<40_000).map { _ in generator.next() % 3 == 0 ? UInt8(truncatingIfNeeded: generator.next() % 4) : 0 },
        ]
        for (k, input) in inputs.enumerated() {
            for rowLength in [0, 1, 3, 1000, 40_000] {
                let padded = input + [UInt8](repeating: 0xAB, count: 32)  // whatever follows the data must not matter
                let stream = padded.withUnsafeBufferPointer { DeflateEncoder.zlibStream($0.baseAddress!, count: input.count, rowLength: rowLength) }
                #expect(try Self.inflate(stream, size: input.count) == input, "input \(k), rows of \(rowLength)")
            }
        }
    }

    // MARK: What the pooled pixel buffer held before

    /// Fills every buffer the pool would hand out for `bytes` with `byte`.
    static func pollutePool(bytes: Int, with byte: UInt8) {
        let buffers = (0..<8).map { _ in PixelBufferPool.shared.take(bytes: bytes) }
        for buffer in buffers {
            buffer.initializeMemory(as: UInt8.self, repeating: byte)
            PixelBufferPool.shared.give(buffer)
        }
    }

    @Test func earlierChartsNeverShowThroughTheBackground() throws {
        let renderer = try CairoRenderer()
        let series = [Series(name: "a", y: [1, 3, 2, 5, 4])]
        var scenes: [(String, Scene, Double)] = []
        for (width, height, scale) in [(720.0, 450.0, 2.0), (401.3, 250.7, 1.37), (333.0, 201.0, 1.5), (200.25, 180.75, 1.0), (164.0, 148.0, 3.0)] {
            let chart = Chart(title: "Background", series: series, width: width, height: height, scale: scale)
            let scene = try renderer.pngScene(chart)
            scenes.append(("\(width)×\(height) at \(scale)", scene, scale))
            // No background, or a translucent one: every pixel starts cleared, as Cairo's own surface.
            var bare = scene
            bare.items.removeFirst()
            scenes.append(("no background", bare, scale))
            var translucent = scene
            if case .rect(let rect, _, let stroke) = translucent.items[0].element {
                translucent.items[0].element = .rect(rect, fill: Color(red: 1, green: 1, blue: 1, alpha: 0.5), stroke: stroke)
            }
            scenes.append(("translucent background", translucent, scale))
            var offset = scene
            if case .rect(let rect, let fill, let stroke) = offset.items[0].element {
                offset.items[0].element = .rect(Rect(x: rect.x + 0.3, y: rect.y, width: rect.width, height: rect.height), fill: fill, stroke: stroke)
            }
            scenes.append(("background off the origin", offset, scale))
        }
        for (name, scene, scale) in scenes {
            let bytes = 4 * Int((scene.size.width * scale).rounded(.up)) * Int((scene.size.height * scale).rounded(.up))
            var decoded: [Image] = []
            for garbage: UInt8 in [0x00, 0xFF, 0x5A] {
                Self.pollutePool(bytes: bytes, with: garbage)
                decoded.append(try Self.decode(try renderer.png(scene, scale: scale)))
            }
            #expect(decoded[0] == decoded[1] && decoded[0] == decoded[2], "\(name): the buffer's old contents show")
        }
    }

    // MARK: Huffman codes

    /// Σ 2^-length over the used symbols, times 2^limit: exactly 2^limit for a complete code.
    static func kraft(_ lengths: [UInt8], limit: Int) -> Int {
        lengths.filter { $0 > 0 }.reduce(0) { $0 + 1 << (limit - Int($1)) }
    }

    static func cost(_ lengths: [UInt8], _ frequencies: [UInt32]) -> Int {
        zip(lengths, frequencies).reduce(0) { $0 + Int($1.0) * Int($1.1) }
    }

    static func lengths(_ frequencies: [UInt32], limit: Int) -> [UInt8] {
        frequencies.withUnsafeBufferPointer { HuffmanCode.lengths(frequencies: $0, limit: limit) }
    }

    @Test func fibonacciFrequenciesAreLimitedToCompleteCodes() {
        var fibonacci: [UInt32] = [1, 1]
        while fibonacci.count < 30 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        for limit in [7, 9, 15] {
            let lengths = Self.lengths(fibonacci, limit: limit)
            #expect(lengths.max()! == limit, "Huffman's code would be 29 bits deep")
            #expect(Self.kraft(lengths, limit: limit) == 1 << limit)
            // The rarest symbols get the longest codes.
            #expect(zip(lengths, lengths.dropFirst()).allSatisfy { $0 >= $1 })
        }
        // Huffman's own depths (no limit needed) are 1, 2, …, 29, 29.
        let leaves = fibonacci.enumerated().map { UInt64($0.element) << 16 | UInt64($0.offset) }.sorted()
        #expect(HuffmanCode.huffmanDepths(leaves).max() == 29)
    }

    @Test func packageMergeIsOptimalAgainstEveryCodeOfASmallAlphabet() {
        var generator = SeededGenerator(seed: 11)
        for trial in 0..<40 {
            let count = 2 + trial % 6  // 2…7 symbols
            let limit = 3 + trial % 2  // 3 or 4 bits
            let frequencies: [UInt32] = trial % 3 == 0 ? (0..<count).map { UInt32(1 << (2 * $0)) }  // skewed
                : (0..<count).map { _ in UInt32(generator.next() % 1000) + 1 }
            let lengths = Self.lengths(frequencies, limit: limit)
            #expect(Self.kraft(lengths, limit: limit) == 1 << limit)
            #expect(lengths.allSatisfy { $0 >= 1 && $0 <= limit })
            // Every assignment of lengths 1…limit with Kraft sum ≤ 1: none is cheaper.
            var best = Int.max
            var assignment = [Int](repeating: 1, count: count)
            while true {
                if assignment.reduce(0, { $0 + 1 << (limit - $1) }) <= 1 << limit {
                    best = min(best, zip(assignment, frequencies).reduce(0) { $0 + $1.0 * Int($1.1) })
                }
                var i = 0
                while i < count && assignment[i] == limit { assignment[i] = 1; i += 1 }
                if i == count { break }
                assignment[i] += 1
            }
            #expect(Self.cost(lengths, frequencies) == best, "frequencies \(frequencies), limit \(limit)")
        }
    }

    @Test func packageMergeMatchesHuffmanWhenTheLimitDoesNotBind() {
        var generator = SeededGenerator(seed: 5)
        var compared = 0
        for _ in 0..<100 {
            let frequencies: [UInt32] = (0..<286).map { _ in generator.next() % 4 == 0 ? 0 : UInt32(generator.next() % 5000) + 1 }
            let leaves = frequencies.enumerated().filter { $0.element > 0 }.map { UInt64($0.element) << 16 | UInt64($0.offset) }.sorted()
            let huffman = HuffmanCode.huffmanDepths(leaves), merged = HuffmanCode.packageMergeLengths(leaves, limit: 15)
            let weights = leaves.map { Int($0 >> 16) }
            let huffmanCost = zip(huffman, weights).reduce(0) { $0 + $1.0 * $1.1 }
            let mergedCost = zip(merged, weights).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(merged.max()! <= 15)
            if huffman.max()! <= 15 {
                #expect(huffmanCost == mergedCost)
                compared += 1
            } else {
                #expect(mergedCost > huffmanCost, "a binding limit costs something")
            }
        }
        #expect(compared >= 50)
    }

    @Test func oneOrNoUsedSymbolStillMakesACompleteCode() {
        for frequencies: [UInt32] in [[0, 0, 0], [5, 0, 0], [0, 0, 9], [0, 3]] {
            let lengths = Self.lengths(frequencies, limit: 15)
            #expect(lengths.filter { $0 > 0 } == [1, 1], "\(frequencies)")
        }
    }

    @Test func aBlockOfSkewedLiteralsNeedsLimitedCodesAndDecodes() throws {
        // Literal frequencies 1, 1, 2, 3, 5, …: an unlimited Huffman code would be 19 bits deep.
        var fibonacci = [1, 1]
        while fibonacci.count < 19 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        var data: [UInt8] = []
        for (symbol, count) in fibonacci.enumerated() { data += [UInt8](repeating: UInt8(symbol * 13), count: count) }
        var generator = SeededGenerator(seed: 1)
        data.shuffle(using: &generator)
        var block = DeflateEncoder.Block()
        defer { block.deallocate() }
        for byte in data {
            block.tokens[block.count] = UInt32(byte)
            block.frequencies[Int(byte)] += 1
            block.count += 1
        }
        let leaves = (0..<256).filter { block.frequencies[$0] > 0 }.map { UInt64(block.frequencies[$0]) << 16 | UInt64($0) }.sorted()
        #expect(HuffmanCode.huffmanDepths(leaves).max()! > 15, "the limit binds")
        var writer = BitWriter(capacity: 64)
        writer.put(0x0178, 16)
        data.withUnsafeBufferPointer { BlockWriter.write(block, data: $0.baseAddress!, end: data.count, final: true, into: &writer) }
        writer.alignToByte()
        writer.put(UInt64(data.withUnsafeBufferPointer { libdeflate_adler32(1, $0.baseAddress, $0.count) }.byteSwapped), 32)
        let stream = writer.finish()
        #expect(stream[2] & 0b111 == 0b101, "a final block with dynamic codes")
        #expect(stream.count < data.count / 2)
        #expect(try Self.inflate(stream, size: data.count) == data)
    }

    @Test func symbolTablesFollowRFC1951() {
        for length in 3...258 {
            let s = DeflateEncoder.lengthSymbol(length)
            let base = Int(DeflateEncoder.lengthBase[s]), extra = Int(DeflateEncoder.lengthExtraBits[s])
            #expect(length >= base && length - base < 1 << extra && (length == 258) == (s == 28), "length \(length)")
        }
        for distance in 1...32768 {
            let s = DeflateEncoder.distanceSymbol(distance)
            let base = Int(DeflateEncoder.distanceBase[s]), extra = Int(DeflateEncoder.distanceExtraBits[s])
            #expect(distance >= base && distance - base < 1 << extra, "distance \(distance)")
        }
    }
}

