import SGDStudy

/// Number formatting for the trace CSVs: the shortest text that reads back as the same
/// double (SPEC §2), with a fast path for the integers that fill most cells (step, epoch,
/// row, x, y).
enum CSVFormat {
    /// Appends `value` to `buffer`.
    @inline(__always)
    static func append(_ value: Double, to buffer: inout [UInt8]) {
        if value == value.rounded(.towardZero), Swift.abs(value) < 1e15, value != 0 || value.sign == .plus {
            appendInteger(Int64(value), to: &buffer)
        } else {
            var text = NumberText.shortest(value)
            text.withUTF8 { buffer.append(contentsOf: $0) }
        }
    }

    @inline(__always)
    static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                raw[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[i]) }
        }
    }

    /// A header line.
    static func header(_ columns: [String]) -> String {
        columns.joined(separator: ",") + "\n"
    }
}
