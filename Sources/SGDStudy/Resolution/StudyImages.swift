import Foundation
import SGDMarkdown

/// An image that a study's Markdown shows (`![…](figures/sheet.png)` in its description or a
/// chart's caption): a file of the study's own, copied beside the page.
public struct StudyImage: Sendable, Equatable {
    /// The address as written in the Markdown.
    public var address: String
    /// The file, relative to the study file's folder, normalised (`figures/sheet.png`): where
    /// it goes under `media/`.
    public var relativePath: String
    /// Where it is read from, relative to the study file's folder: `relativePath`, or for a
    /// `study.json` that a build wrote, its copy under `media/`.
    public var sourcePath: String

    /// Where the copy goes, relative to the study's output folder.
    public var outputPath: String { "media/" + relativePath }
}

/// Checks the images of a study's Markdown. Study files are shared on the forum, so a study may
/// show only files that lie in its own folder or below: an absolute path, a `..` that climbs
/// out, a link that points out, a remote address (which the page would load from outside its
/// folder) or a missing file is an error saying why.
struct StudyImageCheck {
    /// The folder of the study file, as the user named it (`.` for a bare file name).
    let studyFolder: String

    init(studyFile: String) {
        let folder = (studyFile as NSString).deletingLastPathComponent
        studyFolder = folder.isEmpty ? "." : folder
    }

    /// The images of `markdown`, and the reason each bad one is refused.
    func images(in markdown: String) -> (images: [StudyImage], refusals: [Refusal]) {
        var images: [StudyImage] = []
        var refusals: [Refusal] = []
        for address in MarkdownRenderer.imageAddresses(markdown) {
            switch image(at: address) {
            case .success(let image): images.append(image)
            case .failure(let refusal): refusals.append(refusal)
            }
        }
        return (images, refusals)
    }

    struct Refusal: Error {
        var message: String
        var hint: String
    }

    private func image(at address: String) -> Result<StudyImage, Refusal> {
        let shown = "the image \"\(address)\""
        let keepItLocal = "put the image in the study's folder (or a folder below it) and write its path relative to the study file, e.g. ![the sheet](figures/sheet.png)"
        if MarkdownRenderer.scheme(of: address) != nil {
            return .failure(Refusal(
                message: "\(shown) is not a file of the study: a page made to be shared loads nothing from outside its folder",
                hint: "download it: " + keepItLocal))
        }
        let path = address.removingPercentEncoding ?? address
        if path.hasPrefix("/") || path.hasPrefix("~") {
            return .failure(Refusal(message: "\(shown) is an absolute path; a study may only show files in its own folder", hint: keepItLocal))
        }
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            if component == ".." {
                guard !components.isEmpty else {
                    return .failure(Refusal(message: "\(shown) climbs out of the study's folder with \"..\"", hint: keepItLocal))
                }
                components.removeLast()
            } else {
                components.append(component)
            }
        }
        var relativePath = components.joined(separator: "/")
        var file = studyFolder + "/" + relativePath
        var isFolder: ObjCBool = false
        // A study.json that a build wrote has its images beside it in media/.
        if !relativePath.isEmpty, !FileManager.default.fileExists(atPath: file),
            FileManager.default.fileExists(atPath: studyFolder + "/media/" + relativePath) {
            relativePath = "media/" + relativePath
            file = studyFolder + "/" + relativePath
        }
        guard !relativePath.isEmpty, FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
            return .failure(Refusal(
                message: "\(shown) is not there: no file \(file)",
                hint: "check the path; it is relative to the folder of the study file"))
        }
        guard !isFolder.boolValue else {
            return .failure(Refusal(
                message: "\(shown) is a folder, not an image file",
                hint: "name the image file inside it, e.g. ![…](\(relativePath)/picture.png)"))
        }
        // A link inside the folder may point anywhere: what counts is where the file really is.
        let realFolder = (studyFolder as NSString).resolvingSymlinksInPath
        let realFile = (file as NSString).resolvingSymlinksInPath
        guard realFile.hasPrefix(realFolder == "/" ? "/" : realFolder + "/") else {
            return .failure(Refusal(
                message: "\(shown) is a link to \(realFile), outside the study's folder",
                hint: "copy the file itself into the study's folder instead of linking to it"))
        }
        return .success(StudyImage(address: address, relativePath: relativePath.hasPrefix("media/") ? String(relativePath.dropFirst(6)) : relativePath, sourcePath: relativePath))
    }
}
