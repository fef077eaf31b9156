/// How sgdreport writes numbers.
package enum NumberText {
    /// The shortest text that reads back as exactly the same double (SPEC §2): integers
    /// without a decimal point (`1`, `-30`), everything else as Swift's shortest round-trip
    /// form (`0.0001`, `1e-05`, `150.75521153771854`). Non-finite values are `nan`, `inf`, `-inf`.
    package static func shortest(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(.towardZero) && Swift.abs(value) < 1e15 {
            if value == 0 { return value.sign == .minus ? "-0" : "0" }
            return String(Int64(value))
        }
        return value.description
    }

    /// A short, human form for names and labels: `1e-5`, `0.001`, `2.5`, `1000`.
    /// Uses the shortest round-trip digits, so two different values never print alike.
    package static func compact(_ value: Double) -> String {
        var text = shortest(value)
        if let e = text.firstIndex(of: "e") {
            var mantissa = String(text[..<e])
            var exponent = String(text[text.index(after: e)...])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            let negative = exponent.hasPrefix("-")
            if exponent.hasPrefix("+") || exponent.hasPrefix("-") { exponent.removeFirst() }
            while exponent.count > 1 && exponent.hasPrefix("0") { exponent.removeFirst() }
            text = mantissa + "e" + (negative ? "-" : "") + exponent
        }
        return text
    }

    /// 1000000 → "1,000,000", for counts in messages.
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Apostrophes written between thousands (Swiss style `1'234.5`; `’` and `ʼ` where a
    /// keyboard or autocorrect replaces the ASCII one), with the name a message gives each.
    package static let apostrophes: [Unicode.Scalar: String] = [
        "'": "an apostrophe", "\u{2019}": "a right single quotation mark", "\u{2BC}": "a modifier letter apostrophe",
    ]

    /// Spaces written between thousands, with the name a message gives each.
    package static let groupingSpaces: [Unicode.Scalar: String] = [
        " ": "a space", "\u{A0}": "a no-break space", "\u{202F}": "a narrow no-break space", "\u{2009}": "a thin space",
        "\u{2007}": "a figure space",
    ]

    /// A number written with thousands separators, as JSON writes it without them, and the
    /// separator: `1'234.5`, `1’234’567`, `1 234,5` (a no-break space), `1,234.5`, `1.234,5` →
    /// `1234.5`, … An optional `-`, one to three digits, then groups of three digits each after
    /// the same separator, then an optional decimal part after the mark the separator leaves
    /// (`.` or `,`; either after an apostrophe or a space) and an exponent; nil for anything else.
    package static func ungrouped(_ text: Substring) -> (number: String, separator: Unicode.Scalar)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var number = ""
        if index < scalars.count && scalars[index] == "-" { number = "-"; index = 1 }
        func digits() -> String {
            var run = ""
            while index < scalars.count, scalars[index].isASCII, ("0"..."9").contains(scalars[index]) {
                run.unicodeScalars.append(scalars[index])
                index += 1
            }
            return run
        }
        let lead = digits()
        guard (1...3).contains(lead.count), index < scalars.count else { return nil }
        let separator = scalars[index]
        guard separator == "," || separator == "." || apostrophes[separator] != nil || groupingSpaces[separator] != nil else { return nil }
        number += lead
        var groups = 0
        while index < scalars.count && scalars[index] == separator {
            index += 1
            let group = digits()
            guard group.count == 3 else { return nil }
            number += group
            groups += 1
        }
        // `1,234` and `1.234` alone may be decimals: a thousands separator only with a second
        // group or the other mark after it.
        var ambiguous = (separator == "," || separator == ".") && groups == 1
        if index < scalars.count && (scalars[index] == "." || scalars[index] == ",") {
            let marks: [Unicode.Scalar] = separator == "," ? ["."] : separator == "." ? [","] : [".", ","]
            guard marks.contains(scalars[index]) else { return nil }
            ambiguous = false
            index += 1
            let fraction = digits()
            guard !fraction.isEmpty else { return nil }
            number += "." + fraction
        }
        if index < scalars.count && (scalars[index] == "e" || scalars[index] == "E") {
            number += "e"
            index += 1
            if index < scalars.count && (scalars[index] == "-" || scalars[index] == "+") {
                number.unicodeScalars.append(scalars[index])
                index += 1
            }
            let exponent = digits()
            guard !exponent.isEmpty else { return nil }
            number += exponent
        }
        guard !ambiguous, index == scalars.count, Double(number)?.isFinite == true else { return nil }
        return (number, separator)
    }

    /// `text` as a message shows it: spaces other than ASCII's, and characters that show as
    /// nothing, as `\u{A0}` (as CSV messages show a cell), so that `1\u{A0}234.5` is not read as
    /// `1 234.5`.
    package static func visible(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar != " " && (scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .control) {
                shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// `an apostrophe (U+0027)`, as a message names a thousands separator.
    package static func separatorName(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let name = apostrophes[scalar] ?? groupingSpaces[scalar] ?? (scalar == "," ? "a comma" : scalar == "." ? "a point" : "a character")
        return "\(name) (\(code))"
    }
}
