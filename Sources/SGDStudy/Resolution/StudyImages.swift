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

/// Checks the images of a study's Markdown with the rule every file a study names follows
/// (`StudyFolderPath.confine`: in the study file's folder or below, no link pointing out), and
/// two more: a remote address is refused, since the page would load it from outside its folder,
/// and the file must be an image of the format its name says (`ImageFormat`).
struct StudyImageCheck {
    /// The study file as the user named it.
    let studyFile: String

    /// The images of `markdown`, and the reason each bad one is refused, with its address.
    func images(in markdown: String) -> (images: [StudyImage], refusals: [(address: String, refusal: StudyFolderPath.Refusal)]) {
        var images: [StudyImage] = []
        var refusals: [(address: String, refusal: StudyFolderPath.Refusal)] = []
        for address in MarkdownRenderer.imageAddresses(markdown) {
            do throws(StudyFolderPath.Refusal) {
                images.append(try image(at: address))
            } catch {
                refusals.append((address, error))
            }
        }
        return (images, refusals)
    }

    private func image(at address: String) throws(StudyFolderPath.Refusal) -> StudyImage {
        if MarkdownRenderer.scheme(of: address) != nil {
            throw StudyFolderPath.Refusal(
                message: "the image \"\(address)\" is not a file of the study: a page made to be shared loads nothing from outside its folder",
                hint: "download it into the study's folder and write its path relative to the study file, e.g. ![the sheet](figures/sheet.png)")
        }
        let written = address.removingPercentEncoding ?? address
        // A study.json that a build wrote has its images beside it, in media/.
        let folder = StudyFolderPath.folderOf(studyFile)
        let copied = "media/" + written
        let readFromCopy = !FileManager.default.fileExists(atPath: folder + "/" + written)
            && FileManager.default.fileExists(atPath: folder + "/" + copied)
        let file = try StudyFolderPath.confine(readFromCopy ? copied : written, studyFile: studyFile, what: "image")
        if let refusal = ImageFormat.refusal(path: written, head: Self.head(of: file.resolved)) { throw refusal }
        let relativePath = Self.normalized(written)
        return StudyImage(address: address, relativePath: relativePath, sourcePath: readFromCopy ? Self.normalized(file.written) : relativePath)
    }

    /// The first 512 bytes of the file at `path` (fewer for a shorter file; none if unreadable),
    /// and for XML text as many more as its prolog takes, up to the first element's name.
    static func head(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        var head = Array((try? handle.read(upToCount: 512)) ?? Data())
        var chunk = 4096
        while ImageFormat.needsMoreBytes(head), let more = try? handle.read(upToCount: chunk), !more.isEmpty {
            head += more
            chunk *= 2
        }
        return head
    }

    /// `./figures/../figures/sheet.png` → `figures/sheet.png` (the path is confined already, so
    /// no `..` climbs above the start).
    static func normalized(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            if component == ".." { _ = components.popLast() } else { components.append(component) }
        }
        return components.joined(separator: "/")
    }
}
