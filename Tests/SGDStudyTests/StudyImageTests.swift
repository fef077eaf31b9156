import Foundation
import SGDStudy
import Testing

/// Images in a study's Markdown: only the study's own files, checked where they are named.
@Suite struct StudyImageTests {
    /// A study folder with `figures/sheet.png`, a secret beside (not in) the folder, and a
    /// link inside the folder that points at the secret.
    struct Folder {
        let root: String
        var study: String { root + "/study/test.json" }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sgdreport-images-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root + "/study/figures", withIntermediateDirectories: true)
            try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: URL(fileURLWithPath: root + "/study/figures/sheet.png"))
            try Data("private".utf8).write(to: URL(fileURLWithPath: root + "/secret.png"))
            try FileManager.default.createSymbolicLink(atPath: root + "/study/figures/link.png", withDestinationPath: root + "/secret.png")
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    func study(description: String, caption: String? = nil) -> String {
        let chart = caption.map { #", "charts": [ { "title": "e", "per": "epoch", "y": "sqrt_sse", "caption": "\#($0)" } ]"# } ?? ""
        return #"{ "description": "\#(description)", "runs": [ \#(minimalRun) ]\#(chart) }"#
    }

    @Test func ownImagesAreListedOnceWithTheirPathInTheFolder() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let read = try readStudy(
            study(description: "![the sheet](figures/sheet.png) and ![again](./figures/../figures/sheet.png)", caption: "![x](figures/sheet.png)"),
            file: folder.study)
        #expect(read.images.map(\.relativePath) == ["figures/sheet.png", "figures/sheet.png"])
        #expect(read.images.map(\.address) == ["figures/sheet.png", "./figures/../figures/sheet.png"])
        #expect(read.images.first?.outputPath == "media/figures/sheet.png")
    }

    @Test(arguments: [
        ("/etc/passwd.png", "is absolute"),
        ("../secret.png", "climbs out of the study's folder"),
        ("figures/../../secret.png", "climbs out of the study's folder"),
        ("https://example.com/x.png", "loads nothing from outside its folder"),
        ("data:image/png;base64,AAAA", "loads nothing from outside its folder"),
        ("figures/missing.png", "does not exist"),
        ("figures", "is a folder, not a file"),
        ("figures/link.png", "is a link that points out of the study's folder"),
    ])
    func imagesFromOutsideTheFolderAreRefusedWhereTheyAreNamed(address: String, reason: String) throws {
        let folder = try Folder()
        defer { folder.remove() }
        let inDescription = problems(study(description: "see ![it](\(address))"), file: folder.study)
        #expect(inDescription.count == 1)
        #expect(inDescription.first?.path == "description")
        #expect(inDescription.first?.message.contains(reason) == true, "\(inDescription)")
        #expect(inDescription.first?.hint?.isEmpty == false)
        let inCaption = problems(study(description: "", caption: "![it](\(address))"), file: folder.study)
        #expect(inCaption.map(\.path) == ["charts[0].caption"])
    }

    @Test func everyBadImageOfAFieldIsReported() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let found = problems(study(description: "![a](/x.png) ![b](figures/sheet.png) ![c](../secret.png) ![d](missing.png)"), file: folder.study)
        #expect(found.map(\.message).map { $0.prefix(24) } == ["the image path \"/x.png\" ", "the image path \"../secre", "the image file \"/tmp/sgd"])
    }

    @Test func aStudyJSONThatABuildWroteFindsItsImagesInMedia() throws {
        let folder = try Folder()
        defer { folder.remove() }
        // The output folder of a build: study.json with the image copied to media/.
        let built = folder.root + "/out"
        try FileManager.default.createDirectory(atPath: built + "/media/figures", withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: URL(fileURLWithPath: built + "/media/figures/sheet.png"))
        let read = try readStudy(study(description: "![the sheet](figures/sheet.png)"), file: built + "/study.json")
        #expect(read.images.map(\.relativePath) == ["figures/sheet.png"])
        #expect(read.images.map(\.sourcePath) == ["media/figures/sheet.png"])
    }

    @Test func aStudyWithoutImagesNeedsNoFolder() throws {
        #expect(try readStudy(study(description: "[a link](https://www.fast.ai) is not an image")).images.isEmpty)
    }
}
