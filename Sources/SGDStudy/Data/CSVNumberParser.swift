/// Numbers as spreadsheets write them into CSV: an optional sign, digits with one decimal point
/// (`.`, or `,` where allowed), an optional exponent (`1.5E-05`), spaces around ignored. Nothing
/// else: no `inf`, `nan`, hexadecimal, thousands separators or percent signs. A number beyond the
/// range of a double (`1e400`) is not read either (`readingInfinity()` reads it as ±infinity,
/// for the reader to say why); one below it (`1e-400`) reads as 0, as the same number written in a
/// study does.
struct CSVNumberParser: Sendable {
    let allowsPoint: Bool
    let allowsComma: Bool
    /// Whether the study gave `decimal` (the hints then name it).
    let decimalIsGiven: Bool
    /// Whether a number beyond the range of a double reads as ±infinity rather than nil.
    private(set) var readsInfinity = false

    /// `decimal` as the study gives it; nil accepts `.` always and `,` when `delimiter` is not a comma.
    init(decimal: CSVDecimal?, delimiter: Character) {
        decimalIsGiven = decimal != nil
        switch decimal {
        case .point?: (allowsPoint, allowsComma) = (true, false)
        case .comma?: (allowsPoint, allowsComma) = (false, true)
        case nil: (allowsPoint, allowsComma) = (true, delimiter != ",")
        }
    }

    private init(allowsPoint: Bool, allowsComma: Bool) {
        (self.allowsPoint, self.allowsComma, decimalIsGiven) = (allowsPoint, allowsComma, false)
    }

    /// Accepts either decimal separator, to tell what a refused field was meant to be.
    static let lenient = CSVNumberParser(allowsPoint: true, allowsComma: true).readingInfinity()

    /// This parser, reading a number beyond the range of a double as ±infinity.
    func readingInfinity() -> CSVNumberParser {
        var parser = self
        parser.readsInfinity = true
        return parser
    }

    /// The value of `field`, or nil when it is not a number as described above.
    func parse(_ field: Substring) -> Double? {
        var field = field
        return field.withUTF8 { parse($0) }
    }

    /// The value of the UTF-8 bytes `field`, or nil when they are not a number as described above.
    func parse(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var decimals: UInt8 = 0
        return parse(field, decimals: &decimals)
    }

    /// `decimals` flags a number written with a decimal comma.
    static let commaFlag: UInt8 = 1
    /// `decimals` flags a number written with a decimal point.
    static let pointFlag: UInt8 = 2

    /// The value of the UTF-8 bytes `field`, or nil; the number's decimal separator, when it has
    /// one, adds its flag (`commaFlag` or `pointFlag`) to `decimals`.
    func parse(_ field: UnsafeBufferPointer<UInt8>, decimals: inout UInt8) -> Double? {
        var start = 0
        var end = field.count
        while start < end && (field[start] == 32 || field[start] == 9) { start += 1 }
        while end > start && (field[end - 1] == 32 || field[end - 1] == 9) { end -= 1 }
        guard end > start else { return nil }
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
            decimals |= field[index] == 44 ? Self.commaFlag : Self.pointFlag
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
            guard let value = Double(String(decoding: UnsafeBufferPointer(copy), as: UTF8.self)) else { return nil }
            if value.isFinite { return value }
            return readsInfinity ? (negative ? -.infinity : .infinity) : nil
        }
    }

    /// 10^0 … 10^22, each exactly a double.
    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The fix for a field that `parse` refused: each hint only for a field it would mend.
    func hint(for field: Substring) -> String {
        let value = Self.trimmed(field)
        if value.isEmpty { return "fill the cell in, or delete the row" }
        if let lookalike = lookalikeHint(value) { return lookalike }
        let lenient = Self.lenient
        if value.hasSuffix("%"), lenient.parse(value.dropLast()) != nil {
            return "write the fraction without a percent sign, e.g. 0.5 for 50%"
        }
        let separators = value.filter { $0 == "," || $0 == "." }
        if separators.count > 1, let last = value.lastIndex(where: { $0 == "," || $0 == "." }),
           lenient.parse(Substring(value[..<last].filter { $0 != "," && $0 != "." } + "." + value[value.index(after: last)...])) != nil {
            // The number itself, in the decimal style its last separator shows when the file takes
            // that style (1.234,5 → 1234,5 in a file of decimal commas), else in the file's.
            let written: Character = value[last]
            let mark: Character = written == "," ? (allowsComma ? "," : ".") : (allowsPoint ? "." : ",")
            let fixed = value[..<last].filter { $0 != "," && $0 != "." } + String(mark) + value[value.index(after: last)...]
            return "remove the thousands separators: write \(fixed), not \(value)"
        }
        let asPoint = Substring(value.map { $0 == "," ? "." : $0 })
        if separators == "," && !allowsComma && lenient.parse(asPoint) != nil {
            if decimalIsGiven {
                return "the study says \"decimal\": \".\", but this is written with a decimal comma: write \(asPoint), or give \"decimal\": \",\" if the file uses decimal commas throughout"
            }
            return allowsPoint
                ? "this looks like a decimal comma; add \"decimal\": \",\" to data (with a delimiter other than a comma, or quotes), or export with decimal points"
                : "use a decimal comma here (the study says \"decimal\": \",\")"
        }
        if separators == "." && !allowsPoint && lenient.parse(value) != nil {
            return "this file uses decimal commas (\"decimal\": \",\"); write 1,5, not 1.5 (or 1234, not 1.234, when the point separates thousands)"
        }
        if value.contains(where: { $0.isLetter }) {
            return "write a number such as 12.5; if this row is text, delete it, or check that x and y name the right columns"
        }
        return "write a number such as 12.5 or -3e-4"
    }

    /// Characters that look like part of a number but are not ASCII: spaces and apostrophes that
    /// spreadsheets put between thousands (`1 234,5`, Swiss `1'234.5`), and dashes that stand for
    /// a minus.
    static let lookalikes: [Unicode.Scalar: String] = NumberText.groupingSpaces.merging(NumberText.apostrophes) { $1 }.merging([
        "\u{2212}": "a minus sign", "\u{2013}": "an en dash", "\u{2012}": "a figure dash",
        "\u{2010}": "a hyphen", "\u{2011}": "a non-breaking hyphen", "\u{FE63}": "a small hyphen-minus",
        "\u{FF0D}": "a fullwidth hyphen-minus",
    ]) { $1 }

    /// `U+00A0`, as a hint names a character.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The fix for a number written with a space or an apostrophe between its digits or a dash
    /// for its minus.
    private func lookalikeHint(_ value: Substring) -> String? {
        var found: [Unicode.Scalar] = []
        let scalars = Array(value.unicodeScalars)
        func isDigit(_ at: Int) -> Bool { scalars.indices.contains(at) && scalars[at].isASCII && scalars[at].properties.numericType != nil }
        for (at, scalar) in scalars.enumerated() where Self.lookalikes[scalar] != nil {
            // An apostrophe elsewhere than between digits is not a thousands separator.
            if NumberText.apostrophes[scalar] != nil && !(isDigit(at - 1) && isDigit(at + 1)) { return nil }
            if !found.contains(scalar) { found.append(scalar) }
        }
        guard !found.isEmpty else { return nil }
        let isSeparator: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace || NumberText.apostrophes[$0] != nil }
        let mended = String(String.UnicodeScalarView(value.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
            if isSeparator(scalar) && found.contains(scalar) { return nil }
            return found.contains(scalar) ? "-" : scalar
        }))
        guard Self.lenient.parse(Substring(mended)) != nil else { return nil }
        var spaces: [String] = []
        var dashes: [String] = []
        for scalar in found {
            let name = "\(Self.lookalikes[scalar]!) (\(Self.codePoint(scalar)))"
            if isSeparator(scalar) { spaces.append(name) } else { dashes.append(name) }
        }
        var what: [String] = []
        if !spaces.isEmpty { what.append("\(spaces.joined(separator: " and ")) between its digits") }
        if !dashes.isEmpty { what.append("\(dashes.joined(separator: " and ")) for its minus, which must be the ASCII hyphen-minus -") }
        // The same number with the separator this file takes, when it took the other one.
        let written = String(mended.map { character -> Character in
            if character == "," && !allowsComma { return "." }
            if character == "." && !allowsPoint { return "," }
            return character
        })
        let fix = parse(Substring(written)) != nil ? "write \(written)" : "write the number without \(found.count == 1 ? "it" : "them")"
        let spreadsheet = spaces.isEmpty
            ? "the cell is probably text: type the number again with the - key"
            : "in the spreadsheet, format the column as a number without thousands separators before exporting"
        return "the number has \(what.joined(separator: ", and ")); \(fix) (\(spreadsheet))"
    }

    /// `field` without spaces and tabs around it.
    static func trimmed(_ field: Substring) -> Substring {
        var utf8 = field.utf8
        while let first = utf8.first, first == 32 || first == 9 { utf8.removeFirst() }
        while let last = utf8.last, last == 32 || last == 9 { utf8.removeLast() }
        return Substring(utf8)
    }
}
