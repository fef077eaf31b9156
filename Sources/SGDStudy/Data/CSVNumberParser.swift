/// Numbers as spreadsheets write them into CSV: an optional sign, digits with one decimal point
/// (`.`, or `,` where allowed), an optional exponent (`1.5E-05`), spaces around ignored. Nothing
/// else: no `inf`, `nan`, hexadecimal, thousands separators or percent signs.
struct CSVNumberParser: Sendable {
    let allowsPoint: Bool
    let allowsComma: Bool

    /// `decimal` as the study gives it; nil accepts `.` always and `,` when `delimiter` is not a comma.
    init(decimal: CSVDecimal?, delimiter: Character) {
        switch decimal {
        case .point?: (allowsPoint, allowsComma) = (true, false)
        case .comma?: (allowsPoint, allowsComma) = (false, true)
        case nil: (allowsPoint, allowsComma) = (true, delimiter != ",")
        }
    }

    /// The value of `field`, or nil when it is not a number as described above.
    func parse(_ field: Substring) -> Double? {
        var field = field
        return field.withUTF8 { parse($0) }
    }

    /// The value of the UTF-8 bytes `field`, or nil when they are not a number as described above.
    func parse(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0
        var end = field.count
        while start < end && (field[start] == 32 || field[start] == 9) { start += 1 }
        while end > start && (field[end - 1] == 32 || field[end - 1] == 9) { end -= 1 }
        guard end > start, end - start <= 64 else { return nil }
        var index = start
        var digits = 0
        var commaAt = -1
        var mantissa: UInt64 = 0
        var fractionDigits = 0
        let negative = field[index] == 45
        if field[index] == 43 || field[index] == 45 { index += 1 }
        while index < end, field[index] &- 48 < 10 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(field[index] &- 48) }
            digits += 1
            index += 1
        }
        if index < end && ((field[index] == 46 && allowsPoint) || (field[index] == 44 && allowsComma)) {
            if field[index] == 44 { commaAt = index }
            index += 1
            while index < end, field[index] &- 48 < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(field[index] &- 48) }
                digits += 1
                fractionDigits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        // Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are exact
        // doubles, so one correctly rounded division gives the correctly rounded value, as strtod.
        if index == end && digits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / Self.powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        if index < end && (field[index] == 101 || field[index] == 69) {
            index += 1
            if index < end && (field[index] == 43 || field[index] == 45) { index += 1 }
            var exponentDigits = 0
            while index < end, field[index] &- 48 < 10 { exponentDigits += 1; index += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == end else { return nil }
        // ASCII only from here; a decimal comma becomes a point.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start) { copy in
            for i in start..<end { copy[i - start] = i == commaAt ? 46 : field[i] }
            return Double(String(decoding: UnsafeBufferPointer(copy), as: UTF8.self))
        }
    }

    /// 10^0 … 10^22, each exactly a double.
    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The fix for a field that `parse` refused.
    func hint(for field: Substring) -> String {
        let value = Self.trimmed(field)
        if value.isEmpty { return "fill the cell in, or delete the row" }
        if value.hasSuffix("%") { return "write the fraction without a percent sign, e.g. 0.5 for 50%" }
        let hasComma = value.contains(",")
        let hasPoint = value.contains(".")
        if hasComma && hasPoint { return "remove the thousands separators: write 1234.5, not 1,234.5 or 1.234,5" }
        if hasComma && !allowsComma {
            return allowsPoint
                ? "this looks like a decimal comma; add \"decimal\": \",\" to data (with a delimiter other than a comma, or quotes), or export with decimal points"
                : "use a decimal comma here (the study says \"decimal\": \",\")"
        }
        if hasPoint && !allowsPoint { return "this file uses decimal commas (\"decimal\": \",\"); write 1,5, not 1.5" }
        if value.contains(where: { $0.isLetter }) {
            return "write a number such as 12.5; if this row is text, delete it, or check that x and y name the right columns"
        }
        return "write a number such as 12.5 or -3e-4"
    }

    /// `field` without spaces and tabs around it.
    static func trimmed(_ field: Substring) -> Substring {
        var utf8 = field.utf8
        while let first = utf8.first, first == 32 || first == 9 { utf8.removeFirst() }
        while let last = utf8.last, last == 32 || last == 9 { utf8.removeLast() }
        return Substring(utf8)
    }
}
