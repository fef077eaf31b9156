/// Length-limited canonical Huffman codes for DEFLATE (RFC 1951 §3.2.2), and the bit writer
/// that emits them least significant bit first (§3.1.1).
///
/// Code lengths come from Huffman's algorithm (the two-queue construction over the symbols
/// sorted by frequency); when the longest code exceeds the limit — 15 bits for literal/length
/// and distance codes, 7 for the code-length code (§3.2.7) — they come from package-merge
/// instead (Larmore & Hirschberg, "A fast algorithm for optimal length-limited Huffman codes",
/// JACM 1990), which gives the optimal code among those within the limit. Either way every
/// code is complete (Kraft sum exactly 1): a single used symbol is paired with an unused one,
/// so that no decoder has to accept an incomplete code.
struct HuffmanCode {
    /// The code length of each symbol, 0 for a symbol not in the code.
    var lengths: [UInt8]
    /// Each symbol's code, bit-reversed so that it can be written least significant bit first.
    var codes: [UInt16]

    /// The optimal code for `frequencies` (one count per symbol) with no code longer than `limit` bits.
    /// At most `1 << limit` symbols may be used.
    init(frequencies: UnsafeBufferPointer<UInt32>, limit: Int) {
        lengths = Self.lengths(frequencies: frequencies, limit: limit)
        codes = Self.canonicalCodes(lengths: lengths)
    }

    /// Σ frequency × code length: the bits the symbols take, without extra bits.
    func cost(_ frequencies: UnsafeBufferPointer<UInt32>) -> Int {
        var bits = 0
        for i in 0..<frequencies.count { bits &+= Int(frequencies[i]) &* Int(lengths[i]) }
        return bits
    }

    static func lengths(frequencies: UnsafeBufferPointer<UInt32>, limit: Int) -> [UInt8] {
        // Used symbols as (frequency << 16 | symbol), sorted: ties break by symbol, deterministically.
        var leaves: [UInt64] = []
        leaves.reserveCapacity(frequencies.count)
        for (symbol, count) in frequencies.enumerated() where count > 0 {
            leaves.append(UInt64(count) << 16 | UInt64(symbol))
        }
        // A complete code needs two symbols: pair a lone one (or none) with unused ones.
        var filler = 0
        while leaves.count < 2 {
            if frequencies[filler] == 0 { leaves.append(UInt64(filler)) }
            filler += 1
        }
        leaves.sort()
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        let depths = huffmanDepths(leaves)
        if depths.max()! <= limit {
            for (i, leaf) in leaves.enumerated() { lengths[Int(leaf & 0xFFFF)] = UInt8(depths[i]) }
        } else {
            for (i, length) in packageMergeLengths(leaves, limit: limit).enumerated() {
                lengths[Int(leaves[i] & 0xFFFF)] = UInt8(length)
            }
        }
        return lengths
    }

    /// Huffman's algorithm with two queues (leaves sorted ascending; internal nodes are made in
    /// ascending order of weight): the depth of each leaf, in the order of `leaves`.
    static func huffmanDepths(_ leaves: [UInt64]) -> [Int] {
        let m = leaves.count
        var weight = [UInt64](repeating: 0, count: 2 * m - 1)
        var parent = [Int](repeating: 0, count: 2 * m - 1)
        for i in 0..<m { weight[i] = leaves[i] >> 16 }
        var nextLeaf = 0, nextNode = m
        for node in m..<(2 * m - 1) {
            for _ in 0..<2 {
                // The lighter of the next leaf and the next internal node; a leaf on ties.
                let child: Int
                if nextLeaf < m && (nextNode == node || weight[nextLeaf] <= weight[nextNode]) {
                    child = nextLeaf
                    nextLeaf += 1
                } else {
                    child = nextNode
                    nextNode += 1
                }
                weight[node] += weight[child]
                parent[child] = node
            }
        }
        var depth = [Int](repeating: 0, count: 2 * m - 1)
        for node in stride(from: 2 * m - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        return Array(depth[0..<m])
    }

    /// Package-merge: the code lengths (in the order of `leaves`, sorted ascending) minimising
    /// Σ weight × length subject to length ≤ `limit`. List 1 is the leaves; list k merges the
    /// leaves with the pairs ("packages") of list k − 1. The first 2m − 2 items of list `limit`
    /// are chosen; a chosen package chooses its two items one list down, and each leaf's length
    /// is the number of lists in which it is chosen.
    static func packageMergeLengths(_ leaves: [UInt64], limit: Int) -> [Int] {
        let m = leaves.count
        precondition(m <= 1 << limit, "too many symbols for a \(limit)-bit code")
        // An item is (weight, leaf index or -1 for a package of the previous list's next two items).
        var lists: [[(weight: UInt64, leaf: Int)]] = [leaves.enumerated().map { ($0.element >> 16, $0.offset) }]
        for _ in 1..<limit {
            let previous = lists[lists.count - 1]
            var merged: [(weight: UInt64, leaf: Int)] = []
            merged.reserveCapacity(2 * m)
            var leaf = 0, pair = 0
            while leaf < m || pair + 1 < previous.count {
                let packageWeight = pair + 1 < previous.count ? previous[pair].weight + previous[pair + 1].weight : UInt64.max
                if leaf < m && leaves[leaf] >> 16 <= packageWeight {
                    merged.append((leaves[leaf] >> 16, leaf))
                    leaf += 1
                } else {
                    merged.append((packageWeight, -1))
                    pair += 2
                }
            }
            lists.append(merged)
        }
        var lengths = [Int](repeating: 0, count: m)
        var chosen = 2 * m - 2
        for list in lists.reversed() {
            // Packages come in order of their pairs, so the chosen ones are the first `packages`.
            var packages = 0
            for item in list[0..<chosen] {
                if item.leaf >= 0 { lengths[item.leaf] += 1 } else { packages += 1 }
            }
            chosen = 2 * packages
        }
        return lengths
    }

    /// RFC 1951 §3.2.2: codes of one length are consecutive integers in symbol order, shorter
    /// codes before longer ones; returned bit-reversed.
    static func canonicalCodes(lengths: [UInt8]) -> [UInt16] {
        var countOfLength = [Int](repeating: 0, count: 17)
        for length in lengths { countOfLength[Int(length)] += 1 }
        countOfLength[0] = 0
        var next = [Int](repeating: 0, count: 17)
        var code = 0
        for bits in 1...16 {
            code = (code + countOfLength[bits - 1]) << 1
            next[bits] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let value = next[Int(length)]
            next[Int(length)] += 1
            codes[symbol] = UInt16(truncatingIfNeeded: reversed(value, bits: Int(length)))
        }
        return codes
    }

    /// The low `bits` bits of `value` in reverse order (`bits` ≤ 16).
    static func reversed(_ value: Int, bits: Int) -> Int {
        var v = UInt16(truncatingIfNeeded: value)
        v = (v >> 1) & 0x5555 | (v & 0x5555) << 1
        v = (v >> 2) & 0x3333 | (v & 0x3333) << 2
        v = (v >> 4) & 0x0F0F | (v & 0x0F0F) << 4
        v = v.byteSwapped
        return Int(v >> (16 - bits))
    }
}

/// Bits written least significant first (RFC 1951 §3.1.1) at a cursor in memory reserved
/// beforehand. At most 7 bits are pending after `flush`, and at most 56 may be put before the
/// next flush: one token (≤ 48 bits) fits. A hot loop copies the sink into a local variable and
/// back (`BitWriter.sink`), so that its fields stay in registers: the compiler cannot tell that
/// the 8-byte stores at the cursor do not overwrite them.
struct BitSink {
    var pending: UInt64 = 0
    var pendingBits = 0
    var cursor: UnsafeMutablePointer<UInt8>

    @inline(__always) mutating func put(_ value: UInt64, _ bits: Int) {
        pending |= value &<< UInt64(pendingBits)
        pendingBits &+= bits
    }

    /// Moves the whole bytes of the pending bits to memory (one 8-byte store).
    @inline(__always) mutating func flush() {
        UnsafeMutableRawPointer(cursor).storeBytes(of: pending.littleEndian, as: UInt64.self)
        let whole = pendingBits &>> 3
        cursor += whole
        pending &>>= UInt64(whole &<< 3)  // whole ≤ 7: at most 63 bits are pending
        pendingBits &= 7
    }
}

/// A `BitSink` into a growing buffer: `reserve` room before putting bits.
struct BitWriter: ~Copyable {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var sink: BitSink

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        bytes = .allocate(capacity: self.capacity)
        sink = BitSink(cursor: bytes)
    }

    deinit { bytes.deallocate() }

    /// The whole bytes written.
    var count: Int { sink.cursor - bytes }

    /// Room for `more` bytes, plus the 8 that `flush` stores at once.
    mutating func reserve(_ more: Int) {
        let used = count
        let needed = used + more + 16
        guard needed > capacity else { return }
        let grown = max(needed, 2 * capacity)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        new.update(from: bytes, count: used)
        bytes.deallocate()
        bytes = new
        capacity = grown
        sink.cursor = new + used
    }

    @inline(__always) mutating func put(_ value: UInt64, _ bits: Int) { sink.put(value, bits) }

    @inline(__always) mutating func flush() { sink.flush() }

    /// Pads the pending bits with zeros to a whole byte.
    mutating func alignToByte() {
        flush()
        if sink.pendingBits > 0 {
            sink.pendingBits = 8
            flush()
        }
    }

    /// Bytes appended as they are; the writer must be byte-aligned.
    mutating func append(_ source: UnsafePointer<UInt8>, count length: Int) {
        precondition(sink.pendingBits == 0)
        reserve(length)
        sink.cursor.update(from: source, count: length)
        sink.cursor += length
    }

    /// The bytes written, the last one padded with zeros.
    consuming func finish() -> [UInt8] {
        alignToByte()
        return [UInt8](UnsafeBufferPointer(start: bytes, count: count))
    }
}
