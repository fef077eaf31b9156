// Numbers as RFC 8259 writes them, finite as a double.
extension JSONParser {
    mutating func parseNumber() throws(SyntaxError) -> JSONNode {
        let start = here
        let first = index
        if peek == UInt8(ascii: "-") {
            advance()
            if identifierAhead() == "Infinity" {
                throw SyntaxError(location: start, message: "-Infinity is not a JSON number", hint: "use a finite number")
            }
        }
        guard let lead = peek, isDigit(lead) else {
            throw SyntaxError(location: start, message: "'-' must be followed by a digit", hint: "write the number after the sign, e.g. -0.5")
        }
        if lead == UInt8(ascii: "0") {
            advance()
            if let next = peek, isDigit(next) {
                throw SyntaxError(location: start, message: "a number cannot start with 0 followed by digits", hint: "remove the leading zero")
            }
        } else {
            while let c = peek, isDigit(c) { advance() }
        }
        if peek == UInt8(ascii: ".") {
            advance()
            guard let c = peek, isDigit(c) else {
                throw SyntaxError(location: start, message: "a decimal point must be followed by a digit", hint: "write 1.0 rather than 1.")
            }
            while let c = peek, isDigit(c) { advance() }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            advance()
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { advance() }
            guard let c = peek, isDigit(c) else {
                throw SyntaxError(location: start, message: "an exponent must have digits", hint: "write 1e-5 rather than 1e-")
            }
            while let c = peek, isDigit(c) { advance() }
        }
        let text = String(decoding: bytes[first..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw SyntaxError(location: start, message: "the number \(text) is beyond the range of a double (about ±1.8e308)", hint: "use a smaller number")
        }
        return JSONNode(.number(value, text: text), at: start)
    }
}
