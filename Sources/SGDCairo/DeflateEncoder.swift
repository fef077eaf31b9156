import CDeflate

/// A zlib stream (RFC 1950) of DEFLATE blocks (RFC 1951), made for PNG rows after the Up filter:
/// long runs of zeros with a little ink in between.
///
/// Matches (RFC 1951 §3.2.5, LZ77 pairs of length 3–258 and distance 1–32768) are found greedily,
/// from three candidates tried at each position that no earlier match covers:
/// * distance 1 — a run of one byte, zeros above all: known without reading up to the next span of
///   `NonZeroSpans` (the filter's record of where its rows may be non-zero), measured 32 bytes at a
///   time (four 8-byte words) beyond; a run of `niceLength` or more is taken without trying the others,
///   and the whole 258-byte matches of zeros before the next span are one token (`Block.zeroRuns`);
/// * distance `rowLength` — the filtered row above, repeated (a flat band, a vertical edge);
/// * the last position whose next 4 bytes hashed alike (a one-entry hash table, as in zlib's and
///   libdeflate's fastest levels), for what repeats elsewhere: glyphs, markers, a slanted line.
/// Only positions not inside a match enter the hash table, so a long zero run costs a few instructions
/// and nothing else. Everything else is a literal. The parsing loop (`Parser`) is a value in
/// registers, in a function without calls, with the limit a constant away from the end.
///
/// Blocks (§3.2.3) hold up to `blockTokens` literals and matches each, with dynamic Huffman codes
/// (§3.2.7) made for the block; a block that would be larger than its bytes stored is stored
/// instead (§3.2.4), so noise grows by at most the stored-block overhead. The last block has BFINAL.
/// The stream ends with the Adler-32 of the data (RFC 1950 §2.2; libdeflate's over the spans,
/// computed across the zeros between them). Same data, same bytes.
struct DeflateEncoder {
    /// Literals and matches per block: a chart of 1440×900 takes 2–3 blocks. Smaller blocks follow
    /// the image from text to plot a little better, but each costs a code to make and send
    /// (16 K tokens: 0.45% smaller files for the momentum study, 3.5% more instructions).
    static var blockTokens: Int { 32768 }
    /// log₂ of the hash table's entries (16 K positions, 64 kB).
    static var hashBits: Int { 14 }
    /// A run at least this long is taken without trying the other candidates (zlib's `nice_length`).
    static let niceLength = 32
    static let maximumDistance = 32768
    static let maximumLength = 258

    /// The zlib stream of `count` bytes at `data`, whose rows are `rowLength` bytes apart (0: no
    /// rows). `data` must be readable for 32 bytes past `count` (matching reads whole words).
    static func zlibStream(_ data: UnsafePointer<UInt8>, count: Int, rowLength: Int) -> [UInt8] {
        zlibStream(data, count: count, rowLength: rowLength, spans: NonZeroSpans(wholeOf: count))
    }

    /// The same, for data that is zero outside `spans` (closed at `count`): the zero runs
    /// between spans are taken without reading them, and their Adler-32 is computed, not summed.
    static func zlibStream(_ data: UnsafePointer<UInt8>, count: Int, rowLength: Int, spans: borrowing NonZeroSpans) -> [UInt8] {
        var writer = BitWriter(capacity: count / 16 + 1024)
        // CMF 0x78: deflate with a 32 K window; FLG 0x01: fastest level, no dictionary, check bits (RFC 1950 §2.2).
        writer.put(0x0178, 16)
        writer.flush()
        var block = Block()
        defer { block.deallocate() }
        tokenize(data, count: count, rowLength: rowLength, spans: spans.bounds, block: &block, writer: &writer)
        writer.alignToByte()
        let adler = spans.adler32(of: data, count: count)
        writer.put(UInt64(adler.byteSwapped), 32)
        writer.flush()
        return writer.finish()
    }

    /// The literals and matches of one block, with their symbol frequencies (memory the
    /// encoder allocates once and frees with `deallocate`). One allocation holds the frequencies,
    /// then the tokenizer's hash table and symbol tables, then the tokens, so that one register
    /// addresses them all in `tokenize`'s loop.
    struct Block {
        /// Literal/length symbols 0–285 (§3.2.5), then distance symbols 0–29 at `distanceOffset`;
        /// the rest of the allocation at the offsets below (in 4-byte words).
        let frequencies = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.words)
        static var distanceOffset: Int { 286 }
        /// `tokenize`'s hash table: position + 1 of the last position whose 4 bytes hashed to each entry.
        static var tableOffset: Int { 320 }
        /// `tokenize`'s length code of each length 3–258, then the distance codes (`distanceCode`)
        /// and the distance codes' bases.
        static var lengthCodeOffset: Int { tableOffset + 1 << DeflateEncoder.hashBits }
        static var distanceCodeOffset: Int { lengthCodeOffset + 259 }
        static var distanceBaseOffset: Int { distanceCodeOffset + 512 }
        static var tokensOffset: Int { (distanceBaseOffset + 30 + 15) & ~15 }
        static var words: Int { tokensOffset + DeflateEncoder.blockTokens }
        /// A literal byte, or a match (`match(length:distanceCode:extra:)`).
        var tokens: UnsafeMutablePointer<UInt32> { frequencies + Self.tokensOffset }
        var count = 0
        /// Where the block's data starts (for storing it).
        var start = 0

        /// Frequencies and hash table zero; the symbol tables filled.
        init() {
            frequencies.initialize(repeating: 0, count: Self.tokensOffset)
            for length in 3...258 { frequencies[Self.lengthCodeOffset + length] = UInt32(DeflateEncoder.lengthSymbol(length)) }
            for d in 1...256 { frequencies[Self.distanceCodeOffset + d - 1] = UInt32(DeflateEncoder.distanceSymbol(d)) }
            for k in 2..<256 { frequencies[Self.distanceCodeOffset + 256 + k] = UInt32(DeflateEncoder.distanceSymbol((k << 7) + 1)) }
            for code in 0..<30 { frequencies[Self.distanceBaseOffset + code] = UInt32(DeflateEncoder.distanceBase[code]) }
        }

        /// The code (0–29) of a distance 1–32768, looked up as zlib's `_dist_code` does: at d − 1
        /// below 257, else at 256 + (d − 1) >> 7.
        @inline(__always)
        static func distanceCode(_ distance: Int, in base: UnsafeMutablePointer<UInt32>) -> Int {
            let d = distance &- 1
            return Int(base[distanceCodeOffset &+ (d < 256 ? d : 256 &+ d &>> 7)])
        }

        /// A match's token: 1 << 31 | the distance's extra bits' value (13 bits) << 14 | its
        /// code (0–29) << 9 | length (3–258). Below 3 << 30.
        @inline(__always)
        static func match(length: Int, distanceCode: Int, extra: Int) -> UInt32 {
            1 << 31 | UInt32(truncatingIfNeeded: extra &<< 14 | distanceCode &<< 9 | length)
        }

        /// `runs` matches of length 258 at distance 1 (a long run of zeros) as one token:
        /// 3 << 30 | runs. The block's token limit counts it as one.
        @inline(__always)
        static func zeroRuns(_ runs: Int) -> UInt32 { 3 << 30 | UInt32(truncatingIfNeeded: runs) }
        static var maximumRuns: Int { 1 << 20 }

        func deallocate() { frequencies.deallocate() }

        var literalFrequencies: UnsafeMutableBufferPointer<UInt32> { .init(start: frequencies, count: 286) }
        var distanceFrequencies: UnsafeMutableBufferPointer<UInt32> { .init(start: frequencies + Self.distanceOffset, count: 30) }

        mutating func reset(start: Int) {
            count = 0
            self.start = start
            frequencies.update(repeating: 0, count: 286 + 30)
        }
    }

    /// Greedy parsing of the whole data into blocks, each written as soon as it is full.
    @inline(never)
    static func tokenize(_ data: UnsafePointer<UInt8>, count n: Int, rowLength: Int, spans: UnsafePointer<Int>, block: inout Block,
                         writer: inout BitWriter) {
        guard n > 0 else { return BlockWriter.write(block, data: data, end: 0, final: true, into: &writer) }
        var parser = Parser(data: data, base: block.frequencies, row: rowLength > 0 && rowLength <= maximumDistance ? rowLength : .max,
                            spans: spans)
        // The first byte: a literal, entered in the hash table.
        parser.tokens[0] = UInt32(data[0])
        parser.base[Int(data[0])] = 1
        parser.count = 1
        if n >= 4 { parser.table[hash(UnsafeRawPointer(data).loadUnaligned(as: UInt32.self))] = 1 }
        var p = 1
        while p < n {
            if parser.count == blockTokens {
                block.count = parser.count
                BlockWriter.write(block, data: data, end: p, final: false, into: &writer)
                block.reset(start: p)
                parser.count = 0
            }
            // Far from the end, in a loop without calls (its variables stay in registers) and
            // with a constant limit (its tests vanish).
            p = parser.tokens(from: p, before: n &- maximumLength &+ 1)
            if p < n && parser.count < blockTokens { p &+= parser.token(at: p, limit: min(maximumLength, n &- p)) }
        }
        block.count = parser.count
        BlockWriter.write(block, data: data, end: n, final: true, into: &writer)
    }

    /// The hash table's entry for 4 bytes (a multiplicative hash, as in LZ4 and libdeflate).
    @inline(__always)
    static func hash(_ word: UInt32) -> Int { Int((word &* 0x1E35_A7BD) >> UInt32(32 &- hashBits)) }

    /// `tokenize`'s state, as a value whose fields the compiler keeps in registers.
    struct Parser {
        let data: UnsafePointer<UInt8>
        /// Everything else through one pointer (see `Block`).
        let base: UnsafeMutablePointer<UInt32>
        var tokens: UnsafeMutablePointer<UInt32> { base + Block.tokensOffset }
        var table: UnsafeMutablePointer<UInt32> { base + Block.tableOffset }
        /// The row length, or `Int.max` when there are no rows or they are too far apart to match.
        let row: Int
        /// The next span that ends after the position (the sentinel ends at Int.max), and where it starts.
        var span: UnsafePointer<Int>
        var nextInk: Int
        /// Tokens in the block.
        var count = 0

        init(data: UnsafePointer<UInt8>, base: UnsafeMutablePointer<UInt32>, row: Int, spans: UnsafePointer<Int>) {
            self.data = data
            self.base = base
            self.row = row
            span = spans
            nextInk = spans[0]
        }

        /// The tokens from `p` on, while they start before `end` (≤ the data's count − 257) and the
        /// block has room; returns where the next one starts.
        @inline(never)
        mutating func tokens(from p: Int, before end: Int) -> Int {
            var parser = self
            var p = p
            while p < end && parser.count < blockTokens { p &+= parser.token(at: p, limit: maximumLength) }
            self = parser
            return p
        }

        /// The token at `p` (> 0), which may not reach past `p + limit`; returns its length.
        @inline(__always)
        mutating func token(at p: Int, limit: Int) -> Int {
            while span[1] <= p {
                span += 2
                nextInk = span[0]
            }
            var length = 0, distance = 0
            if p < nextInk && data[p &- 1] == 0 {
                // A run of zeros, known without reading them up to the next span.
                let known = nextInk &- p
                if limit == maximumLength && known >= 2 &* maximumLength {
                    // As many whole matches of 258 zeros as fit before the span, in one token.
                    let runs = min(known / maximumLength, Block.maximumRuns)
                    tokens[count] = Block.zeroRuns(runs)
                    base[257 &+ 28] &+= UInt32(truncatingIfNeeded: runs)  // length 258: code 28
                    base[Block.distanceOffset] &+= UInt32(truncatingIfNeeded: runs)  // distance 1: code 0
                    count &+= 1
                    return runs &* maximumLength
                }
                length = known >= limit ? limit : known &+ zeroRunLength(data + nextInk, limit &- known)
                distance = 1
            } else if data[p] == data[p &- 1] {
                length = data[p] == 0 ? zeroRunLength(data + p, limit) : matchLength(data + p, data + (p &- 1), limit)
                distance = 1
            }
            if length < min(limit, niceLength) {
                // Candidates whose first bytes differ are rejected with one compare.
                let word = limit >= 4 ? UnsafeRawPointer(data + p).loadUnaligned(as: UInt32.self) : 0
                if p >= row && (UnsafeRawPointer(data + (p &- row)).loadUnaligned(as: UInt32.self) ^ word) & 0xFF_FFFF == 0 {
                    let l = matchLength(data + p, data + (p &- row), limit)
                    if l > length { length = l; distance = row }
                }
                if limit >= 4 {
                    let h = hash(word)
                    let candidate = Int(table[h]) &- 1
                    table[h] = UInt32(truncatingIfNeeded: p &+ 1)
                    if candidate >= 0 && p &- candidate <= maximumDistance && p &- candidate != distance
                        && UnsafeRawPointer(data + candidate).loadUnaligned(as: UInt32.self) == word {
                        let l = matchLength(data + p, data + candidate, limit)
                        if l > length { length = l; distance = p &- candidate }
                    }
                }
            }
            if length >= 3 {
                let distanceCode = Block.distanceCode(distance, in: base)
                tokens[count] = Block.match(length: length, distanceCode: distanceCode,
                                            extra: distance &- Int(base[Block.distanceBaseOffset &+ distanceCode]))
                base[257 &+ Int(base[Block.lengthCodeOffset &+ length])] &+= 1
                base[Block.distanceOffset &+ distanceCode] &+= 1
            } else {
                tokens[count] = UInt32(data[p])
                base[Int(data[p])] &+= 1
                length = 1
            }
            count &+= 1
            return length
        }
    }

    /// How many bytes from `a` equal those from `b`, up to `limit`: 32 bytes at a time, then the
    /// first differing word. Reads whole words past the end.
    @inline(__always)
    static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ limit: Int) -> Int {
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        @inline(__always) func differing(_ i: Int) -> UInt64 {
            x.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ y.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        }
        var i = 0
        while i < limit {
            if differing(i) | differing(i &+ 8) | differing(i &+ 16) | differing(i &+ 24) != 0 {
                while true {
                    let d = differing(i)
                    if d != 0 { return min(i &+ UInt64(littleEndian: d).trailingZeroBitCount >> 3, limit) }
                    i &+= 8
                }
            }
            i &+= 32
        }
        return limit
    }

    /// How many zero bytes start at `a`, up to `limit`: 32 bytes at a time.
    @inline(__always)
    static func zeroRunLength(_ a: UnsafePointer<UInt8>, _ limit: Int) -> Int {
        let raw = UnsafeRawPointer(a)
        var i = 0
        while i < limit {
            var any: UInt64 = 0
            for offset in stride(from: 0, to: 32, by: 8) { any |= raw.loadUnaligned(fromByteOffset: i &+ offset, as: UInt64.self) }
            if any != 0 {
                while true {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    if word != 0 { return min(i &+ word.trailingZeroBitCount >> 3, limit) }
                    i &+= 8
                }
            }
            i &+= 32
        }
        return limit
    }

    // MARK: Symbols and extra bits (RFC 1951 §3.2.5)

    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                       67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                         1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                                             11, 11, 12, 12, 13, 13]

    /// The length code (0–28, symbol 257 + it) of a match length 3–258: codes come in fours per
    /// number of extra bits, except 258, which has its own code.
    @inline(__always) static func lengthSymbol(_ length: Int) -> Int {
        let x = length &- 3
        if x < 8 { return x }
        if length == 258 { return 28 }
        let b = Int.bitWidth &- 1 &- x.leadingZeroBitCount  // ⌊log₂ x⌋, 3…7
        return 4 &* (b &- 1) &+ ((x &>> (b &- 2)) & 3)
    }

    /// The distance code (0–29) of a distance 1–32768: codes come in pairs per number of extra bits.
    @inline(__always) static func distanceSymbol(_ distance: Int) -> Int {
        let x = distance &- 1
        if x < 4 { return x }
        let b = Int.bitWidth &- 1 &- x.leadingZeroBitCount  // ⌊log₂ x⌋, 2…14
        return 2 &* b &+ ((x &>> (b &- 1)) & 1)
    }
}
