import Foundation

/// The image formats a study's page may show, told by the file's first bytes (its signature)
/// rather than trusted from its name: a text file named `sheet.png` would be a broken image on
/// the page, found only when someone looks.
///
/// Signatures: PNG (ISO/IEC 15948 §5.2), JPEG (SOI marker FF D8 FF), GIF (`GIF87a`/`GIF89a`),
/// WebP (`RIFF….WEBP`), AVIF (an ISO BMFF `ftyp` box of brand `avif`/`avis`), SVG (XML text
/// whose first element is `<svg`).
enum ImageFormat: String, CaseIterable, Sendable {
    case png = "PNG", jpeg = "JPEG", gif = "GIF", webp = "WebP", avif = "AVIF", svg = "SVG"

    /// The file name extensions of each format, lower case, the usual one first.
    var extensions: [String] {
        switch self {
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        case .gif: ["gif"]
        case .webp: ["webp"]
        case .avif: ["avif"]
        case .svg: ["svg"]
        }
    }

    /// The format's name after its indefinite article as it is read aloud: "an SVG" (es-vee-gee),
    /// "an AVIF", "a PNG", "a JPEG", "a GIF", "a WebP".
    var withArticle: String {
        switch self {
        case .svg, .avif: "an \(rawValue)"
        case .png, .jpeg, .gif, .webp: "a \(rawValue)"
        }
    }

    /// The format a file name's extension names, or nil.
    static func named(by path: String) -> ImageFormat? {
        let ext = (path as NSString).pathExtension.lowercased()
        return allCases.first { $0.extensions.contains(ext) }
    }

    /// The format `head` (a file's first bytes; 512 are enough) begins with, or nil.
    static func detected(in head: [UInt8]) -> ImageFormat? {
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<offset + bytes.count]) == bytes
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("ftyp".utf8), at: 4) && (starts(Array("avif".utf8), at: 8) || starts(Array("avis".utf8), at: 8)) {
            return .avif
        }
        if firstElement(of: head).name == "svg" { return .svg }
        return nil
    }

    /// Whether `head`, the start of a file, is XML text whose prolog (byte-order mark, XML
    /// declaration, comments, doctype) goes on past its end: the first element, which tells an
    /// SVG file, is further on (a licence comment, a doctype of entities as Illustrator writes).
    static func needsMoreBytes(_ head: [UInt8]) -> Bool {
        !head.isEmpty && !firstElement(of: head).complete
    }

    /// The name (without namespace prefix) of the first element of the XML text `bytes` (invalid
    /// UTF-8 read as U+FFFD), after an optional byte-order mark, XML declaration, comments,
    /// processing instructions and doctype (with its internal subset); nil when the text starts
    /// otherwise. `complete` is false when the bytes end before the first element's name does.
    private static func firstElement(of bytes: [UInt8]) -> (name: String?, complete: Bool) {
        let text = String(decoding: bytes, as: UTF8.self)
        var rest = Substring(text)
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.isEmpty || "<!--".hasPrefix(rest) || "<!DOCTYPE".hasPrefix(rest) { return (nil, false) }
            guard rest.hasPrefix("<") else { return (nil, true) }
            if rest.hasPrefix("<?") || rest.hasPrefix("<!") {
                let end: Substring.Index?
                if rest.hasPrefix("<!--") {
                    end = rest.range(of: "-->")?.upperBound
                } else if rest.hasPrefix("<!DOCTYPE"), let bracket = rest.firstIndex(of: "["),
                          bracket < (rest.firstIndex(of: ">") ?? rest.endIndex) {
                    end = rest[bracket...].range(of: "]")
                        .flatMap { rest[$0.upperBound...].firstIndex(of: ">") }.map { rest.index(after: $0) }
                } else {
                    end = rest.firstIndex(of: ">").map { rest.index(after: $0) }
                }
                guard let end else { return (nil, false) }
                rest = rest[end...]
                continue
            }
            let name = rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == ":" || $0 == "-" }
            if name.endIndex == rest.endIndex { return (nil, false) }
            return (name.split(separator: ":").last.map(String.init), true)
        }
    }

    /// Why the file at `path` (as written in the study) with first bytes `head` cannot be shown,
    /// or nil when it is an image of the format its name says.
    static func refusal(path: String, head: [UInt8]) -> StudyFolderPath.Refusal? {
        let listed = allCases.flatMap(\.extensions).map { "." + $0 }.joined(separator: ", ")
        let found = detected(in: head)
        guard let named = named(by: path) else {
            let hint = found.map { "it is \($0.withArticle) image: name it \"\(renamed(path, to: $0))\"" }
                ?? "export it as PNG (or JPEG, GIF, WebP, AVIF, SVG) and name it so, e.g. \"\(renamed(path, to: .png))\""
            return StudyFolderPath.Refusal(
                message: "the image \"\(path)\" is not a kind of image a page shows (\(listed))", hint: hint)
        }
        if found == named { return nil }
        if let found {
            return StudyFolderPath.Refusal(
                message: "the image \"\(path)\" is named as \(named.rawValue) but is \(found.withArticle) image",
                hint: "rename it \"\(renamed(path, to: found))\" and write that name in the study")
        }
        let what = head.isEmpty ? "is empty" : "does not begin as \(named.withArticle) image does"
        return StudyFolderPath.Refusal(
            message: "the image \"\(path)\" \(what): it is not \(named.withArticle) file, so the page would show a broken image",
            hint: "export the picture again as \(named.rawValue) into the study's folder")
    }

    /// `path` with the usual extension of `format`.
    private static func renamed(_ path: String, to format: ImageFormat) -> String {
        let ns = path as NSString
        let stem = ns.pathExtension.isEmpty ? path : ns.deletingPathExtension
        return stem + "." + format.extensions[0]
    }
}
