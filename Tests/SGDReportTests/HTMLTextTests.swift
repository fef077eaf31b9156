import Testing
@testable import SGDReport

/// Links the page writes: path segments and URLs percent-encoded byte by byte.
@Suite struct HTMLTextTests {
    static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    static let urlPunctuation = Set(":/?#[]@!$&()*+,;=".utf8)

    /// Every ASCII character, some non-ASCII text and a lone `%`.
    static let samples: [String] = {
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["run 1/…", "é", "Größe (2)", "%", "%4", "%41", "%zz", "a%2Fb", "日本 語", "😀?x=1#y"]
        return samples
    }()

    static func hexEscape(_ byte: UInt8) -> String {
        let hex = Array("0123456789ABCDEF")
        return "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
    }

    @Test func pathSegmentsKeepOnlyUnreservedCharacters() {
        for sample in Self.samples {
            let expected = sample.utf8.map { Self.unreserved.contains($0) ? String(UnicodeScalar($0)) : Self.hexEscape($0) }.joined()
            #expect(HTMLText.pathSegment(sample) == expected, "\(sample.debugDescription)")
        }
        #expect(HTMLText.pathSegment("a b/c") == "a%20b%2Fc")
    }

    @Test func urlsKeepTheirPunctuationAndEscapes() {
        #expect(HTMLText.percentEncodeURL("https://x.org/a b?q=1&r=%41#top") == "https://x.org/a%20b?q=1&r=%41#top")
        #expect(HTMLText.percentEncodeURL("100%") == "100%25")
        #expect(HTMLText.percentEncodeURL("\"<é>\"") == "%22%3C%C3%A9%3E%22")
        for sample in Self.samples where !sample.contains("%") {
            let expected = sample.utf8.map {
                Self.unreserved.contains($0) || Self.urlPunctuation.contains($0) ? String(UnicodeScalar($0)) : Self.hexEscape($0)
            }.joined()
            #expect(HTMLText.percentEncodeURL(sample) == expected, "\(sample.debugDescription)")
        }
    }
}
