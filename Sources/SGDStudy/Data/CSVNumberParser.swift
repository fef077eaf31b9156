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
    func parse(_ field: String) -> Double? {
        var utf8 = Substring(field).utf8
        while let first = utf8.first, first == 32 || first == 9 { utf8.removeFirst() }
        while let last = utf8.last, last == 32 || last == 9 { utf8.removeLast() }
        var index = utf8.startIndex
        let end = utf8.endIndex
        var digits = 0
        var commaAt: String.Index?
        if index < end && (utf8[index] == 43 || utf8[index] == 45) { index = utf8.index(after: index) }
        while index < end, utf8[index] &- 48 < 10 { digits += 1; index = utf8.index(after: index) }
        if index < end && ((utf8[index] == 46 && allowsPoint) || (utf8[index] == 44 && allowsComma)) {
            if utf8[index] == 44 { commaAt = index }
            index = utf8.index(after: index)
            while index < end, utf8[index] &- 48 < 10 { digits += 1; index = utf8.index(after: index) }
        }
        guard digits > 0 else { return nil }
        if index < end && (utf8[index] == 101 || utf8[index] == 69) {
            index = utf8.index(after: index)
            if index < end && (utf8[index] == 43 || utf8[index] == 45) { index = utf8.index(after: index) }
            var exponentDigits = 0
            while index < end, utf8[index] &- 48 < 10 { exponentDigits += 1; index = utf8.index(after: index) }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == end else { return nil }
        let text = Substring(utf8)
        guard let commaAt else { return Double(text) }
        var replaced = String(text)
        replaced.replaceSubrange(commaAt...commaAt, with: ".")
        return Double(replaced)
    }

    /// The fix for a field that `parse` refused.
    func hint(for field: String) -> String {
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
    static func trimmed(_ field: String) -> String {
        var utf8 = Substring(field).utf8
        while let first = utf8.first, first == 32 || first == 9 { utf8.removeFirst() }
        while let last = utf8.last, last == 32 || last == 9 { utf8.removeLast() }
        return String(Substring(utf8))
    }
}
