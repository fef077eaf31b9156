import SGDCairo
import SGDCharts
import SGDEngine
import Testing

/// `CairoRenderer.renumberingSurfaceIDs` (issue 18): the scan that jumps between `id="` and `#`
/// gives, byte for byte, what the plain scan of every byte gave before — on real charts and on
/// documents made up to hit the edges of a name (quotes, parentheses, 64 bytes, the end).
@Suite struct SVGIDTests {
    /// The byte-at-a-time scan the renderer used before issue 18, kept as the specification.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        let kinds: Set<[UInt8]> = Set(["surface", "image", "source-", "surface-", "image-"].map { Array($0.utf8) })
        let idAttribute = Array("id=\"".utf8)
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#"), parenthesis = UInt8(ascii: ")")
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func startsID(at i: Int) -> Bool {
            i + idAttribute.count <= bytes.count && bytes[i..<(i + idAttribute.count)].elementsEqual(idAttribute)
        }
        func nameEnd(from start: Int) -> Int? {
            var end = start
            while end < bytes.count, end - start < 64 {
                let b = bytes[end]
                if b == quote || b == parenthesis { return end > start ? end : nil }
                if b < 0x21 || b > 0x7E { return nil }
                end += 1
            }
            return nil
        }
        var defined: Set<ArraySlice<UInt8>> = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == idAttribute[0], startsID(at: i), let end = nameEnd(from: i + idAttribute.count) {
                let name = bytes[(i + idAttribute.count)..<end]
                if let last = name.last, isDigit(last), kinds.contains(Array(name.prefix { !isDigit($0) })) {
                    defined.insert(name)
                }
                i = end
            } else {
                i += 1
            }
        }
        guard !defined.isEmpty else { return bytes }
        var renamed: [ArraySlice<UInt8>: [UInt8]] = [:]
        var counts: [ArraySlice<UInt8>: Int] = [:]
        var output: [UInt8] = []
        i = 0
        while i < bytes.count {
            let nameStart = bytes[i] == hash ? i + 1 : bytes[i] == idAttribute[0] && startsID(at: i) ? i + idAttribute.count : nil
            if let nameStart, let end = nameEnd(from: nameStart), defined.contains(bytes[nameStart..<end]) {
                let name = bytes[nameStart..<end]
                let new: [UInt8]
                if let known = renamed[name] {
                    new = known
                } else {
                    let kind = name.prefix { !isDigit($0) }
                    let number = (counts[kind] ?? 0) + 1
                    counts[kind] = number
                    new = Array(kind) + Array(String(number).utf8)
                    renamed[name] = new
                }
                output += bytes[i..<nameStart]
                output += new
                i = end
                continue
            }
            output.append(bytes[i])
            i += 1
        }
        return output
    }

    static func check(_ text: String) {
        let bytes = Array(text.utf8)
        let fast = CairoRenderer.renumberingSurfaceIDs(bytes)
        let expected = reference(bytes)
        #expect(fast == expected, "\(text) → \(String(decoding: fast, as: UTF8.self)), not \(String(decoding: expected, as: UTF8.self))")
    }

    /// A name needs its closing quote or parenthesis: the document's last `#image9` is not one.
    @Test func renamesDefinitionsAndReferencesInOrderOfFirstAppearance() {
        let svg = ##"<g id="surface375"><use xlink:href="#image178"/><image id="image178"/><g clip-path="url(#surface375)"/><image id="image9"/>#image9" #image9"##
        let renamed = String(decoding: CairoRenderer.renumberingSurfaceIDs(Array(svg.utf8)), as: UTF8.self)
        #expect(renamed == ##"<g id="surface1"><use xlink:href="#image1"/><image id="image1"/><g clip-path="url(#surface1)"/><image id="image2"/>#image2" #image9"##)
        Self.check(svg)
    }

    @Test func leavesDocumentsWithoutGloballyNumberedIDsAsTheyAre() {
        for text in ["", "#", "id=\"", ##"<symbol id="glyph0-1"/><use xlink:href="#glyph0-1"/>"##, ##"<clipPath id="clip3">url(#clip3)"##,
                     ##"id="surface""##, ##"id="surfacex1a""##, ##"#surface1)"##] {
            #expect(CairoRenderer.renumberingSurfaceIDs(Array(text.utf8)) == Array(text.utf8))
            Self.check(text)
        }
    }

    @Test func agreesWithTheByteScanAtTheEdgesOfNames() {
        let long = String(repeating: "9", count: 56)
        for text in [
            ##"id="surface1""##, ##"id="surface1"##, ##"x id="surface12"#surface12"##, ##"id="image-3-4")#image-3-4)"##,
            ##"id="surface1#image2" id="image2" #surface1#image2""##, ##"#x#surface1) id="surface1""##,
            ##"#xid="surface7" #surface7"##, ##"id="surface1"#surface1 #surface1""##, "id=\"surface1\"#surface1\u{7F}\"",
            ##"id="surface\##(long)" #surface\##(long)""##, ##"id="surface\##(long)9" #surface\##(long)9""##,
            ##"id="surface3"id="surface3"id="image3"#surface3)#image3""##, ##"id="id="surface2"" #surface2"##,
            ##"id="source-5" id="surface-5" id="surface5" #surface-5" #surface5" #source-5""##, "id=\"surface1\"\n#surface1\"é",
        ] {
            Self.check(text)
        }
    }

    /// Documents of random pieces of ids, references, names and terminators.
    @Test func agreesWithTheByteScanOnRandomDocuments() {
        let pieces = ["id=\"", "#", "url(#", "surface", "image", "image-", "source-", "glyph", "1", "2", "37", "-", "\"", ")",
                      " ", "\n", "x", "id=", "é", String(repeating: "0", count: 40)]
        var generator = SeededGenerator(seed: 18)
        for _ in 0..<3_000 {
            let length = generator.nextInteger(from: 0, through: 40)
            let text = (0..<length).map { _ in pieces[generator.nextInteger(from: 0, through: pieces.count - 1)] }.joined()
            Self.check(text)
        }
    }

    /// Real charts: Latin text and an emoji chart (an `image` per emoji bitmap, a `surface` group).
    @Test func agreesWithTheByteScanOnDrawnCharts() throws {
        let renderer = try CairoRenderer()
        for title in ["loss per step", "🔥📉🧠 loss"] {
            let chart = Chart(title: title, series: [Series(name: "🚀 fast", y: [1, 2, 3]), Series(name: "slow", y: [3, 2, 1])],
                              width: 400, height: 200, scale: 1)
            let svg = try renderer.svg(chart)
            let text = String(decoding: svg, as: UTF8.self)
            #expect(text.contains(#"id="surface1""#))
            #expect(CairoRenderer.renumberingSurfaceIDs(svg) == svg, "renumbering is idempotent")
            // As Cairo numbers them after other surfaces: renumbered back to the bytes drawn.
            let numbered = text.replacing("surface1", with: "surface375").replacing("id=\"image", with: "id=\"image17")
                .replacing("#image", with: "#image17")
            #expect(CairoRenderer.renumberingSurfaceIDs(Array(numbered.utf8)) == svg)
            Self.check(numbered)
        }
    }
}
