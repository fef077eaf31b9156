import Foundation

/// A file that a study names (its CSV data; images in its Markdown), checked to lie in the
/// study file's folder or below it (SPEC §4.2).
///
/// Studies are shared on the forum and their reports are made to be posted, so a study must not
/// be able to pull a private file (`/home/me/.ssh/id_rsa`, `../../notes.csv`) into a report. The
/// check is made twice: on the path as written (no absolute path, no `..` that climbs out) and
/// on the file the path reaches after every symbolic link is followed.
public struct StudyFolderPath: Sendable, Equatable {
    /// As written in the study, e.g. `measurements.csv` or `data/hours.csv`.
    public var written: String
    /// As the user would type it from where sgdreport runs: the study's folder joined with
    /// `written` (`studies/measurements.csv`), for messages.
    public var display: String
    /// The real file, every link followed (absolute).
    public var resolved: String

    /// Why a path was refused: the message and the fix.
    public struct Refusal: Error, Sendable, Equatable {
        /// What is wrong with the path, naming it.
        public var message: String
        /// The fix.
        public var hint: String
    }

    /// Checks `written`, relative to the folder of `studyFile` (the study file as the user named it).
    /// - Throws: `Refusal` for an empty or absolute path, one that climbs out with `..`, one that
    ///   reaches outside the folder through a link, a missing file or a folder.
    public static func confine(_ written: String, studyFile: String, what: String) throws(Refusal) -> StudyFolderPath {
        let folder = folderOf(studyFile)
        let display = folder == "." ? written : folder + "/" + written
        let keepInFolder = "copy the file into the study's folder (or a folder below it) and name it relative to the study, e.g. \"\(suggestion(for: written))\""
        if written.isEmpty {
            throw Refusal(message: "the \(what) path is empty", hint: keepInFolder)
        }
        if written.hasPrefix("/") || written.hasPrefix("~") || written.hasPrefix("\\") || isWindowsAbsolute(written) {
            throw Refusal(
                message: "the \(what) path \"\(written)\" is absolute; a study may only name files in its own folder or below, so that a report made to be shared cannot pull in a private file",
                hint: keepInFolder)
        }
        if written.contains("\\") {
            throw Refusal(message: "the \(what) path \"\(written)\" contains a backslash", hint: "separate folders with /, e.g. \"data/hours.csv\"")
        }
        var depth = 0
        for component in written.split(separator: "/", omittingEmptySubsequences: true) {
            if component == ".." {
                depth -= 1
                if depth < 0 {
                    throw Refusal(
                        message: "the \(what) path \"\(written)\" climbs out of the study's folder with \"..\"; a study may only name files in its own folder or below, so that a report made to be shared cannot pull in a private file",
                        hint: keepInFolder)
                }
            } else if component != "." {
                depth += 1
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: display, isDirectory: &isDirectory) else {
            throw Refusal(
                message: "the \(what) file \"\(display)\" does not exist",
                hint: "the path is relative to the study file's folder (\(folder == "." ? "the current folder" : folder)); check its spelling\(listing(folder, what: what))")
        }
        if isDirectory.boolValue {
            throw Refusal(message: "the \(what) path \"\(display)\" is a folder, not a file", hint: "name the file inside it")
        }
        guard let realFolder = realPath(folder), let realFile = realPath(display) else {
            throw Refusal(message: "cannot follow the \(what) path \"\(display)\"", hint: "check that you may read it")
        }
        let prefix = realFolder.hasSuffix("/") ? realFolder : realFolder + "/"
        guard realFile.hasPrefix(prefix) else {
            throw Refusal(
                message: "the \(what) path \"\(written)\" is a link that points out of the study's folder (to \(realFile)); a study may only name files in its own folder or below, so that a report made to be shared cannot pull in a private file",
                hint: "copy the file itself into the study's folder instead of linking to it")
        }
        return StudyFolderPath(written: written, display: display, resolved: realFile)
    }

    /// The folder of `file` as written (`.` for a bare file name).
    static func folderOf(_ file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        let folder = String(file[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    private static func isWindowsAbsolute(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars.prefix(3))
        return scalars.count >= 2 && scalars[1] == ":" && scalars[0].properties.isAlphabetic
    }

    private static func suggestion(for written: String) -> String {
        let name = written.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return name.isEmpty || name == ".." ? "data.csv" : name
    }

    /// `; that folder has a.csv, b.csv` when the folder holds a few files of the kind named
    /// (CSV files, or images).
    private static func listing(_ folder: String, what: String) -> String {
        let kinds = what == "image" ? [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"] : [".csv"]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { name in kinds.contains { name.lowercased().hasSuffix($0) } }.sorted()
        guard !names.isEmpty else { return "" }
        let shown = names.prefix(8).joined(separator: ", ")
        return "; that folder has \(shown)\(names.count > 8 ? ", …" : "")"
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
