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
}
