import Foundation
@testable import SGDStudy
import Testing

/// An image is accepted only when its first bytes are the format its name says: a text file
/// named `.png` would show as a broken image on the page.
@Suite struct ImageFormatTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]
    static let gif: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0]
    static let webp: [UInt8] = Array("RIFF".utf8) + [36, 0, 0, 0] + Array("WEBPVP8 ".utf8)
    static let avif: [UInt8] = [0, 0, 0, 28] + Array("ftypavif".utf8) + [0, 0, 0, 0]
    static let svg: [UInt8] = Array("<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)

    @Test(arguments: [
        ("a.png", png), ("a.PNG", png), ("a.jpg", jpeg), ("a.jpeg", jpeg), ("a.gif", gif), ("a.webp", webp),
        ("a.avif", avif), ("a.svg", svg), ("a.svg", Array("\u{FEFF}  <svg width=\"1\"></svg>".utf8)),
        ("a.svg", Array("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>".utf8)),
    ])
    func imagesOfTheirNamedFormatAreAccepted(path: String, head: [UInt8]) {
        #expect(ImageFormat.refusal(path: path, head: head) == nil)
    }

    @Test(arguments: [
        ("figures/sheet.png", Array("not an image\n".utf8), "does not begin as a PNG image does", "export the picture again as PNG"),
        ("figures/sheet.png", [UInt8](), "is empty", "export the picture again as PNG"),
        ("figures/sheet.png", Array(png.prefix(4)), "does not begin as a PNG image does", "export the picture again as PNG"),
        ("figures/sheet.png", jpeg, "is named as PNG but is a JPEG image", "rename it \"figures/sheet.jpg\""),
        ("photo.jpg", png, "is named as JPEG but is a PNG image", "rename it \"photo.png\""),
        ("a.svg", Array("<html><svg/></html>".utf8), "does not begin as an SVG image does", "export the picture again as SVG"),
        ("a.gif", Array("GIF90a".utf8), "does not begin as a GIF image does", "export the picture again as GIF"),
        ("figures/sheet.bmp", png, "is not a kind of image a page shows (.png, .jpg, .jpeg, .gif, .webp, .avif, .svg)", "it is a PNG image: name it \"figures/sheet.png\""),
        ("figures/sheet", Array("text".utf8), "is not a kind of image a page shows", "export it as PNG (or JPEG, GIF, WebP, AVIF, SVG) and name it so, e.g. \"figures/sheet.png\""),
    ])
    func otherFilesAreRefusedWithTheFix(path: String, head: [UInt8], message: String, hint: String) throws {
        let refusal = try #require(ImageFormat.refusal(path: path, head: head))
        #expect(refusal.message.contains(message), "\(refusal.message)")
        #expect(refusal.message.contains("\"\(path)\""))
        #expect(refusal.hint.contains(hint), "\(refusal.hint)")
    }

    /// Through the reader: the refusal is located at the field that names the image, once.
    @Test func aTextFileNamedPNGIsRefusedWhereItIsNamed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sgdreport-imageformat-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/figures", withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: URL(fileURLWithPath: root + "/figures/fake.png"))
        try Data(Self.png).write(to: URL(fileURLWithPath: root + "/figures/real.png"))
        let json = #"{ "description": "![a](figures/real.png) ![b](figures/fake.png)", "runs": [ \#(minimalRun) ] }"#
        let found = problems(json, file: root + "/test.json")
        #expect(found.count == 1)
        #expect(found.first?.path == "description")
        #expect(found.first?.message.contains("the image \"figures/fake.png\" does not begin as a PNG image does") == true, "\(found)")
    }

    /// An SVG file's first element may come after its first 512 bytes: a licence comment, or a
    /// doctype with entities as Adobe Illustrator writes. The reader reads on to it.
    @Test func anSVGWhosePrologIsLongIsAccepted() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sgdreport-imageformat-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let element = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n"
        let licence = "<?xml version=\"1.0\"?>\n<!-- " + String(repeating: "Licensed under CC BY 4.0. ", count: 400) + "-->\n" + element
        let illustrator = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- Generator: Adobe Illustrator 16.0.0 -->\n"
            + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n"
            + (1...20).map { "\t<!ENTITY ns_\($0) \"http://ns.adobe.com/Extensibility/1.0/\(String(repeating: "x", count: 40))\">\n" }.joined()
            + "]>\n" + element
        let unclosed = "<?xml version=\"1.0\"?>\n<!-- " + String(repeating: "never closed ", count: 2000)
        let html = "<!-- " + String(repeating: "a page ", count: 200) + "-->\n<html><svg/></html>\n"
        for (name, text) in [("licence.svg", licence), ("illustrator.svg", illustrator), ("unclosed.svg", unclosed), ("page.svg", html)] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + name))
        }
        #expect(licence.range(of: "<svg")!.lowerBound.utf16Offset(in: licence) > 512 && illustrator.range(of: "<svg")!.lowerBound.utf16Offset(in: illustrator) > 1024)
        for name in ["licence.svg", "illustrator.svg"] {
            let head = StudyImageCheck.head(of: root + "/" + name)
            #expect(ImageFormat.refusal(path: name, head: head) == nil, "\(name): \(head.count) bytes read")
        }
        #expect(ImageFormat.refusal(path: "unclosed.svg", head: StudyImageCheck.head(of: root + "/unclosed.svg"))?.message.contains("does not begin as an SVG image does") == true)
        #expect(ImageFormat.refusal(path: "page.svg", head: StudyImageCheck.head(of: root + "/page.svg"))?.message.contains("does not begin as an SVG image does") == true)
        // Other files are read no further than their first 512 bytes.
        try Data(Self.png + [UInt8](repeating: 7, count: 5000)).write(to: URL(fileURLWithPath: root + "/big.png"))
        #expect(StudyImageCheck.head(of: root + "/big.png").count == 512)
        // Through the reader, as `validate` reads a study.
        let json = #"{ "description": "![a](licence.svg) ![b](illustrator.svg)", "runs": [ \#(minimalRun) ] }"#
        #expect(problems(json, file: root + "/test.json").isEmpty)
    }
}
