import Foundation
import Synchronization

/// A study's output folder built aside and swapped in at the end, so that a failed or
/// interrupted build leaves the previous report exactly as it was.
///
/// The staging folder sits beside the final one (same file system), so the swap is two
/// `rename`s: the old folder moves aside, the new one moves in, the old one is deleted.
struct StagingFolder {
    let outputDirectory: String
    let layout: StudyFolderLayout
    let path: String
    /// Where this folder is registered while in progress, for an interrupted process to remove.
    let registry: StagingRegistry
    /// Folders left by earlier builds that `prepare` could not remove (`removeStaleStagingFolders`).
    var warnings: [BuildWarning] = []

    var slug: String { layout.slug }
    var finalPath: String { outputDirectory + "/" + slug }

    /// Creates the output directory if needed and an empty staging folder in it, registered in
    /// `registry` until it is committed or discarded.
    static func prepare(outputDirectory: String, layout: StudyFolderLayout, registry: StagingRegistry) throws(BuildError) -> StagingFolder {
        let slug = layout.slug
        try ensureDirectory(outputDirectory)
        let stale = removeStaleStagingFolders(in: outputDirectory)
        let final = outputDirectory + "/" + slug
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: final, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw BuildError.outputIsNotAFolder(path: final) }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: final)) ?? []
            if !contents.isEmpty && !contents.contains(StudyFolderLayout.studyFile) {
                throw BuildError.wouldReplaceForeignFolder(path: final)
            }
        }
        let staging = outputDirectory + "/" + ownName(stagingPrefix, slug: slug)
        try? FileManager.default.removeItem(atPath: staging)
        try createDirectory(staging)
        registry.add(staging)
        return StagingFolder(
            outputDirectory: outputDirectory, layout: layout, path: staging, registry: registry,
            warnings: stale.map { .previousReportNotRemoved(folder: outputDirectory + "/" + $0.name, report: nil, reason: $0.reason) })
    }

    /// The prefix of a staging folder's name: `.sgdreport-staging-<slug>-<pid>`.
    static let stagingPrefix = ".sgdreport-staging-"
    /// The prefix of a previous report's name while it is swapped out: `.sgdreport-replaced-<slug>-<pid>`.
    static let replacedPrefix = ".sgdreport-replaced-"

    /// This process's folder of `prefix` for `slug`: `<prefix><slug>-<pid>`.
    static func ownName(_ prefix: String, slug: String) -> String {
        prefix + "\(slug)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Removes the folders earlier builds left in `outputDirectory` (of any study) whose process
    /// no longer exists — left by a build that was killed or crashed, or that could not remove
    /// them — and returns those it could not remove, with the system's reason. A staging folder goes; a
    /// previous report moved aside (`.sgdreport-replaced-<slug>-<pid>`) goes only when the study's
    /// folder `<slug>` exists, so that the swap was done (otherwise it may be that report's only
    /// copy, and it is kept). A folder of a live process (`kill(pid, 0)` succeeds or fails with
    /// anything but `ESRCH`), of this process, or whose name does not end in a process id is kept.
    static func removeStaleStagingFolders(in outputDirectory: String) -> [(name: String, reason: String)] {
        let own = ProcessInfo.processInfo.processIdentifier
        var notRemoved: [(name: String, reason: String)] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: outputDirectory)) ?? []).sorted() {
            guard let prefix = [stagingPrefix, replacedPrefix].first(where: { name.hasPrefix($0) }),
                  let dash = name.lastIndex(of: "-"), let pid = Int32(name[name.index(after: dash)...]), pid > 0, pid != own,
                  name.distance(from: name.startIndex, to: dash) > prefix.count
            else { continue }
            if prefix == replacedPrefix {
                let slug = String(name[name.index(name.startIndex, offsetBy: prefix.count)..<dash])
                guard FileManager.default.fileExists(atPath: outputDirectory + "/" + slug) else { continue }
            }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            do {
                try FileManager.default.removeItem(atPath: outputDirectory + "/" + name)
            } catch {
                notRemoved.append((name, Self.reason(error)))
            }
        }
        return notRemoved
    }

    /// The system's reason in a `FileManager` error, with the file it concerns: "Operation not
    /// permitted (out/.sgdreport-replaced-s-42/data/r.steps.csv)"; else the error's description.
    static func reason(_ error: any Error) -> String {
        let info = (error as NSError).userInfo
        if let underlying = info[NSUnderlyingErrorKey] as? any Error, (underlying as NSError).domain == NSPOSIXErrorDomain {
            let text = String(cString: strerror(Int32((underlying as NSError).code)))
            return text + ((info[NSFilePathErrorKey] as? String).map { " (\($0))" } ?? "")
        }
        return (error as NSError).localizedDescription
    }

    /// Creates `relative` inside the staging folder.
    func makeDirectory(_ relative: String) throws(BuildError) {
        try Self.createDirectory(path + "/" + relative)
    }

    func file(_ relative: String) -> String { path + "/" + relative }

    /// Swaps the staging folder in place of the final one. Files the user put in the previous
    /// folder (anything sgdreport does not write: see `StudyFolderLayout.isWrittenBySGDReport`) are copied into the
    /// new one first, so a rebuild never deletes notes or screenshots.
    ///
    /// - Returns: a warning when the previous report, moved aside, cannot be removed (a folder
    ///   of it not writable): the new report is in place, and the next build tries again.
    ///
    /// - Parameter remove: how the previous report is removed (tests give one that fails).
    @discardableResult
    func commit(removing remove: (String) throws -> Void = { try FileManager.default.removeItem(atPath: $0) }) throws(BuildError) -> [BuildWarning] {
        let final = finalPath
        let aside = outputDirectory + "/" + Self.ownName(Self.replacedPrefix, slug: slug)
        let hadPrevious = FileManager.default.fileExists(atPath: final)
        if hadPrevious {
            try keepUsersFiles(from: final)
            try? FileManager.default.removeItem(atPath: aside)
            guard rename(final, aside) == 0 else {
                throw BuildError.cannotWrite(path: final, reason: "cannot move the previous report aside: \(String(cString: strerror(errno)))")
            }
        }
        guard rename(path, final) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadPrevious { _ = rename(aside, final) }
            throw BuildError.cannotWrite(path: final, reason: "cannot move the new report into place: \(reason)")
        }
        registry.remove(path)
        guard hadPrevious else { return [] }
        do {
            try remove(aside)
            return []
        } catch {
            return [.previousReportNotRemoved(folder: aside, report: final, reason: Self.reason(error))]
        }
    }

    /// Copies every file or folder of `previous` that sgdreport did not write into the staging
    /// folder, at the same place. The previous folder is untouched, so a failure here (or in the
    /// swap) loses nothing.
    func keepUsersFiles(from previous: String) throws(BuildError) {
        let manager = FileManager.default
        var kept: [String] = []
        for top in ((try? manager.contentsOfDirectory(atPath: previous)) ?? []).sorted() {
            if StudyFolderLayout.foldersOfFiles.contains(top) {
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: previous + "/" + top, isDirectory: &isDirectory), isDirectory.boolValue else {
                    kept.append(top)
                    continue
                }
                for inner in ((try? manager.contentsOfDirectory(atPath: previous + "/" + top)) ?? []).sorted()
                where !layout.isWrittenBySGDReport(top + "/" + inner) {
                    kept.append(top + "/" + inner)
                }
            } else if !layout.isWrittenBySGDReport(top) {
                kept.append(top)
            }
        }
        for relative in kept where !manager.fileExists(atPath: file(relative)) {
            do {
                let parent = (relative as NSString).deletingLastPathComponent
                if !parent.isEmpty { try manager.createDirectory(atPath: file(parent), withIntermediateDirectories: true) }
                try manager.copyItem(atPath: previous + "/" + relative, toPath: file(relative))
            } catch {
                throw BuildError.cannotWrite(
                    path: previous + "/" + relative, reason: "cannot keep this file of yours in the new report: \(error.localizedDescription)")
            }
        }
    }

    /// Removes the staging folder after a failure.
    func discard() {
        try? FileManager.default.removeItem(atPath: path)
        registry.remove(path)
    }

    static func ensureDirectory(_ path: String) throws(BuildError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw BuildError.outputIsNotAFolder(path: path) }
            return
        }
        // mkdir -p by hand, so that a failure names the folder and the system's reason.
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw BuildError.cannotCreateFolder(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    static func createDirectory(_ path: String) throws(BuildError) {
        guard mkdir(path, 0o755) == 0 else {
            throw BuildError.cannotCreateFolder(path: path, reason: String(cString: strerror(errno)))
        }
    }

}

/// Staging folders in progress, so that an interrupted process can remove them on its way out.
///
/// Not a process-wide singleton: whoever runs builds makes one, hands it to each `StudyBuilder`
/// (which registers its staging folders there) and to whatever handles interrupts (which calls
/// `removeAll()`). Safe to use from any thread.
public final class StagingRegistry: Sendable {
    private let paths = Mutex<Set<String>>([])

    /// An empty registry.
    public init() {}

    /// The staging folders (absolute or relative to the current directory) in progress now.
    package var pending: Set<String> { paths.withLock { $0 } }

    func add(_ path: String) {
        paths.withLock { _ = $0.insert(path) }
    }

    func remove(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }

    /// Removes every staging folder still in progress.
    public func removeAll() {
        let pending = paths.withLock { paths in
            defer { paths.removeAll() }
            return paths
        }
        for path in pending { try? FileManager.default.removeItem(atPath: path) }
    }
}
