/// Writes one block of `DeflateEncoder`'s literals and matches: with dynamic Huffman codes
/// (RFC 1951 §3.2.7), or stored (§3.2.4) when that is smaller.
enum BlockWriter {
    /// The order in which the code-length code's lengths are written (§3.2.7).
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Writes `block`, whose tokens cover `data[block.start..<end]`; `final` sets BFINAL (§3.2.3).
    @inline(never)
    static func write(_ block: DeflateEncoder.Block, data: UnsafePointer<UInt8>, end: Int, final: Bool, into writer: inout BitWriter) {
        block.literalFrequencies[256] = 1  // end of block
        let literalFrequencies = UnsafeBufferPointer(block.literalFrequencies)
        let distanceFrequencies = UnsafeBufferPointer(block.distanceFrequencies)
        let literals = HuffmanCode(frequencies: literalFrequencies, limit: 15)
        let distances = HuffmanCode(frequencies: distanceFrequencies, limit: 15)
        let header = CodeLengths(literals: literals.lengths, distances: distances.lengths)

        var extraBits = 0
        for i in 0..<29 { extraBits += Int(literalFrequencies[257 + i]) * Int(DeflateEncoder.lengthExtraBits[i]) }
        for i in 0..<30 { extraBits += Int(distanceFrequencies[i]) * Int(DeflateEncoder.distanceExtraBits[i]) }
        let dynamicBits = 3 + header.bits + extraBits + literals.cost(literalFrequencies) + distances.cost(distanceFrequencies)
        let length = end - block.start
        let storedBlocks = max(1, (length + 65534) / 65535)
        // Each stored block: 3 header bits padded to a byte (at most 10 bits here), LEN and NLEN.
        let storedBits = storedBlocks * (10 + 32) + 8 * length

        if storedBits < dynamicBits {
            writeStored(data + block.start, count: length, final: final, into: &writer)
            return
        }
        writer.reserve(dynamicBits / 8 + 16)
        writer.put(final ? 1 : 0, 1)
        writer.put(2, 2)  // BTYPE 10: dynamic Huffman codes
        header.write(into: &writer)
        writeTokens(block, literals: literals, distances: distances, into: &writer)
    }

    /// The tokens, then end of block. Each literal and each match length is looked up as one
    /// bit pattern (a length's code followed by its extra bits); distances by their code, their
    /// extra bits' value being in the token.
    static func writeTokens(_ block: DeflateEncoder.Block, literals: HuffmanCode, distances: HuffmanCode, into writer: inout BitWriter) {
        // Pattern << 8 | bit count, for literals 0–255 and then lengths 0–258 at 256 + length.
        let symbols = UnsafeMutablePointer<UInt64>.allocate(capacity: 256 + 259 + 30)
        defer { symbols.deallocate() }
        for byte in 0..<256 { symbols[byte] = UInt64(literals.codes[byte]) << 8 | UInt64(literals.lengths[byte]) }
        for length in 3...258 {
            let l = DeflateEncoder.lengthSymbol(length), code = 257 + l
            let pattern = UInt64(literals.codes[code]) | UInt64(length - Int(DeflateEncoder.lengthBase[l])) << literals.lengths[code]
            symbols[256 + length] = pattern << 8 | UInt64(Int(literals.lengths[code]) + Int(DeflateEncoder.lengthExtraBits[l]))
        }
        // Distance codes: code << 16 | (code length + extra bits) << 8 | code length, at 515 + code.
        let distanceCodes = symbols + 515
        for d in 0..<30 {
            distanceCodes[d] = UInt64(distances.codes[d]) << 16 | UInt64(Int(distances.lengths[d]) + Int(DeflateEncoder.distanceExtraBits[d])) << 8
                | UInt64(distances.lengths[d])
        }
        // The sink's fields as plain local variables, kept in registers; 0–63 bits pending, stored
        // 8 bytes at a time when full (libdeflate's bit buffer) instead of after every token.
        var pending = writer.sink.pending, pendingBits = UInt64(writer.sink.pendingBits)
        var cursor = UnsafeMutableRawPointer(writer.sink.cursor)
        /// Puts the low `bits` bits of `value` (`bits` ≤ 48).
        @inline(__always) func put(_ value: UInt64, _ bits: UInt64) {
            pending |= value &<< pendingBits
            let total = pendingBits &+ bits
            if total >= 64 {
                cursor.storeBytes(of: pending.littleEndian, as: UInt64.self)
                cursor += 8
                pending = value &>> (64 &- pendingBits)  // pendingBits ≥ 16 here
                pendingBits = total &- 64
            } else {
                pendingBits = total
            }
        }
        // A match of 258 zeros: length code 28 (no extra bits), distance code 0 (none either).
        let zeroRun = symbols[256 + 258], zeroRunDistance = distanceCodes[0]
        let zeroRunBits = (zeroRun & 0xFF) &+ (zeroRunDistance & 0xFF)
        let zeroRunPattern = zeroRun >> 8 | (zeroRunDistance >> 16) &<< (zeroRun & 0xFF)
        let tokens = block.tokens
        for t in 0..<block.count {
            let token = tokens[t]
            if token < 1 << 31 {
                let entry = symbols[Int(token)]
                put(entry >> 8, entry & 0xFF)
            } else if token >= 3 << 30 {
                for _ in 0..<Int(token & 0x3FFF_FFFF) { put(zeroRunPattern, zeroRunBits) }
            } else {
                let entry = symbols[256 &+ Int(token & 0x1FF)]
                let code = distanceCodes[Int(token >> 9 & 31)]
                let distance = code >> 16 | UInt64(token >> 14 & 0x1FFF) &<< (code & 0xFF)
                let lengthBits = entry & 0xFF
                put(entry >> 8 | distance &<< lengthBits, lengthBits &+ (code >> 8 & 0xFF))
            }
        }
        // Back to the sink's ≤ 7 pending bits.
        cursor.storeBytes(of: pending.littleEndian, as: UInt64.self)
        let whole = pendingBits &>> 3
        cursor += Int(whole)
        pending = whole == 0 ? pending : pending &>> (whole &<< 3)
        pendingBits &= 7
        writer.sink.pending = pending
        writer.sink.pendingBits = Int(pendingBits)
        writer.sink.cursor = cursor.assumingMemoryBound(to: UInt8.self)
        writer.put(UInt64(literals.codes[256]), Int(literals.lengths[256]))
        writer.flush()
    }

    /// `count` bytes as stored blocks of at most 65535 bytes; only the last may be final.
    static func writeStored(_ bytes: UnsafePointer<UInt8>, count: Int, final: Bool, into writer: inout BitWriter) {
        var offset = 0
        repeat {
            let length = min(65535, count - offset)
            let last = offset + length == count
            writer.reserve(length + 16)
            writer.put(final && last ? 1 : 0, 1)
            writer.put(0, 2)  // BTYPE 00: stored
            writer.alignToByte()
            writer.put(UInt64(length) | UInt64(~length & 0xFFFF) << 16, 32)  // LEN, NLEN
            writer.flush()
            writer.append(bytes + offset, count: length)
            offset += length
        } while offset < count
    }

    /// The code lengths of a block's two codes, run-length coded with symbols 16–18 and
    /// written with the code-length code (§3.2.7).
    struct CodeLengths {
        var literalCount: Int   // HLIT + 257
        var distanceCount: Int  // HDIST + 1
        /// Code-length symbols 0–18 with their extra bits' value.
        var symbols: [(symbol: Int, extra: Int)] = []
        var code: HuffmanCode
        var orderedCount: Int   // HCLEN + 4
        /// The header's size after BTYPE, in bits.
        var bits: Int

        /// The extra bits after a code-length symbol: repeats 16, 17 and 18 have 2, 3 and 7.
        static func extraBits(_ symbol: Int) -> Int { symbol < 16 ? 0 : symbol == 16 ? 2 : symbol == 17 ? 3 : 7 }

        init(literals: [UInt8], distances: [UInt8]) {
            literalCount = max(257, (literals.lastIndex { $0 != 0 } ?? 0) + 1)
            distanceCount = max(1, (distances.lastIndex { $0 != 0 } ?? 0) + 1)
            let all = Array(literals[0..<literalCount]) + Array(distances[0..<distanceCount])
            var symbols: [(symbol: Int, extra: Int)] = []
            var i = 0
            while i < all.count {
                let value = Int(all[i])
                var run = 1
                while i + run < all.count && Int(all[i + run]) == value { run += 1 }
                i += run
                if value == 0 {
                    while run >= 11 { let k = min(run, 138); symbols.append((18, k - 11)); run -= k }
                    if run >= 3 { symbols.append((17, run - 3)); run = 0 }
                } else {
                    symbols.append((value, 0))
                    run -= 1
                    while run >= 3 { let k = min(run, 6); symbols.append((16, k - 3)); run -= k }
                }
                for _ in 0..<run { symbols.append((value, 0)) }
            }
            self.symbols = symbols
            var frequencies = [UInt32](repeating: 0, count: 19)
            for s in symbols { frequencies[s.symbol] += 1 }
            code = frequencies.withUnsafeBufferPointer { HuffmanCode(frequencies: $0, limit: 7) }
            var ordered = 19
            while ordered > 4 && code.lengths[Self.codeLengthOrderLast(ordered)] == 0 { ordered -= 1 }
            orderedCount = ordered
            var bits = 5 + 5 + 4 + 3 * ordered
            for s in symbols { bits += Int(code.lengths[s.symbol]) + Self.extraBits(s.symbol) }
            self.bits = bits
        }

        private static func codeLengthOrderLast(_ count: Int) -> Int { BlockWriter.codeLengthOrder[count - 1] }

        func write(into writer: inout BitWriter) {
            writer.reserve(bits / 8 + 16)
            writer.put(UInt64(literalCount - 257), 5)
            writer.put(UInt64(distanceCount - 1), 5)
            writer.put(UInt64(orderedCount - 4), 4)
            writer.flush()
            for i in 0..<orderedCount {
                writer.put(UInt64(code.lengths[BlockWriter.codeLengthOrder[i]]), 3)
                writer.flush()
            }
            for s in symbols {
                writer.put(UInt64(code.codes[s.symbol]), Int(code.lengths[s.symbol]))
                writer.put(UInt64(s.extra), Self.extraBits(s.symbol))
                writer.flush()
            }
        }
    }
}
