import SGDMarkdown

/// The links of a study's Markdown (its description and its charts' captions) that the page
/// would show as text alone — `javascript:`, `data:`, `vbscript:`, `file:` and every address
/// that is neither relative nor `http`, `https` or `mailto` (`MarkdownRenderer.refusedLinks`) —
/// are errors, each at the place the link starts in the study file, since nothing a user
/// writes is dropped without a word.
extension StudyResolver {
    /// Reports each refused link of the description and the captions, one message per link.
    mutating func checkLinks(_ spec: StudySpec) {
        for field in [spec.description].compactMap({ $0 }) + spec.charts.compactMap(\.caption) {
            let links = MarkdownRenderer.refusedLinks(field.value)
            guard !links.isEmpty else { continue }
            let map = field.location.map { JSONStringSource(source: source, start: $0) }
            let scalars = Array(field.value.unicodeScalars)
            var searchFrom = 0
            for link in links {
                var location = field.location
                if let map, let offset = Self.linkOffset(link, in: scalars, searchFrom: searchFrom), let found = map.location(ofScalar: offset) {
                    location = found
                    searchFrom = offset + 1
                }
                reader.report(
                    "the link to \(Self.shown(link.address)) would not be a link on the page: a page made to be shared links only to http, https and mailto addresses and relative paths",
                    path: field.path, at: location,
                    hint: "use an http(s) or mailto address, or a relative path (to show the address as text, put it in backticks)")
            }
        }
    }

    /// Where `link` starts in `scalars` (the Markdown): cmark's line and byte column when a `[`
    /// or `<` is there, else the first place at or after `searchFrom` where its address is
    /// written as cmark read it (a bare autolink, whose place cmark does not give).
    static func linkOffset(_ link: MarkdownRenderer.RefusedLink, in scalars: [Unicode.Scalar], searchFrom: Int) -> Int? {
        if let offset = scalarOffset(line: link.line, byteColumn: link.column, in: scalars), offset < scalars.count,
            scalars[offset] == "[" || scalars[offset] == "<"
        {
            return offset
        }
        return scalarOffset(of: Array(link.address.unicodeScalars), in: scalars, from: searchFrom)
    }

    /// The offset in `scalars` of the 1-based `line` (lines end at `\n`, `\r\n` or `\r`, as in
    /// CommonMark) and 1-based UTF-8 byte `byteColumn` of it; nil when out of range or not at
    /// the start of a scalar.
    static func scalarOffset(line: Int, byteColumn: Int, in scalars: [Unicode.Scalar]) -> Int? {
        guard line >= 1, byteColumn >= 1 else { return nil }
        var index = 0, currentLine = 1
        while currentLine < line {
            guard index < scalars.count else { return nil }
            if scalars[index] == "\n" || (scalars[index] == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n")) {
                currentLine += 1
            }
            index += 1
        }
        var bytes = 1
        while bytes < byteColumn {
            guard index < scalars.count, scalars[index] != "\n", scalars[index] != "\r" else { return nil }
            bytes += UTF8.width(scalars[index])
            index += 1
        }
        return bytes == byteColumn ? index : nil
    }

    /// An address as a message quotes it: control characters (a tab that hides a
    /// `javascript:`) written as escapes, and past 60 characters cut with "…" (a `data:` address
    /// can be long).
    static func shown(_ address: String) -> String {
        var text = ""
        for (count, scalar) in address.unicodeScalars.enumerated() {
            if count == 60 {
                text += "…"
                break
            }
            switch scalar {
            case "\t": text += "\\t"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\"": text += "\\\""
            default:
                text += scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                    ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }
        return "\"" + text + "\""
    }
}
