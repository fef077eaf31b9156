import SGDStudy

/// Why a build failed, in words a user can act on.
public enum BuildError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The study file has problems (all of them, located).
    case invalidStudy(StudyFileError)
    /// A file could not be written; `reason` is the system's.
    case cannotWrite(path: String, reason: String)
    /// Writing a study's folder failed; the previous report of that study is unchanged.
    case studyNotWritten(slug: String, path: String, reason: String)
    /// A folder could not be created; `reason` is the system's.
    case cannotCreateFolder(path: String, reason: String)
    /// The output path exists and is not a folder.
    case outputIsNotAFolder(path: String)
    /// A folder where the study's output goes exists but was not made by sgdreport.
    case wouldReplaceForeignFolder(path: String)
    /// A chart could not be drawn (Cairo failed).
    case chart(name: String, reason: String)
    /// The page templates of `--templates DIR` are missing or invalid.
    case templates(reason: String)
    /// sgdreport's own page templates (no `--templates` given) are not found or are invalid:
    /// a file of the installation is missing or broken.
    case installedTemplates(reason: String)
    /// SIGINT or SIGTERM stopped the build; nothing of the study in progress was kept.
    case interrupted
    /// Two studies in one build would write the same folder.
    case duplicateSlug(slug: String, first: String, second: String)

    /// The message for the terminal: `error: …`, with a `hint:` line where there is a fix.
    public var description: String {
        switch self {
        case .invalidStudy(let error):
            return error.description
        case .cannotWrite(let path, let reason):
            return "error: cannot write \(path): \(reason)"
        case .studyNotWritten(let slug, let path, let reason):
            return "error: cannot write \(path): \(reason)\n  the previous report of \(slug), if any, is unchanged"
        case .cannotCreateFolder(let path, let reason):
            return "error: cannot create the folder \(path): \(reason)"
        case .outputIsNotAFolder(let path):
            return "error: the output path \(path) is a file, not a folder\n  hint: choose another folder with --output, or move the file away"
        case .wouldReplaceForeignFolder(let path):
            return "error: \(path) exists and was not made by sgdreport (it has no study.json); not replacing it\n  hint: move it away, or choose another folder with --output"
        case .chart(let name, let reason):
            return "error: cannot draw the chart \"\(name)\": \(reason)"
        case .templates(let reason), .installedTemplates(let reason):
            return "error: page templates: \(reason)"
        case .interrupted:
            return "error: interrupted; earlier reports are unchanged"
        case .duplicateSlug(let slug, let first, let second) where first == second:
            return "error: \(first) is named twice (it would be built into the folder \"\(slug)\" twice); nothing was built\n  hint: name each study file once"
        case .duplicateSlug(let slug, let first, let second):
            let clash = SlugCollisions.Collision.sameSlug(.init(.study, name: second, slug: slug), earlier: .init(.study, name: first, slug: slug), free: slug)
            return "error: \(clash.message); nothing was built\n  hint: \(clash.hint)"
        }
    }
}

extension BuildError {
    /// The same error with paths inside a staging folder given as the study folder's own, so the
    /// message names the file the user knows; a failed write says the old report is intact.
    func naming(staging: StagingFolder) -> BuildError {
        func rename(_ path: String) -> String {
            path.hasPrefix(staging.path) ? staging.finalPath + path.dropFirst(staging.path.count) : path
        }
        switch self {
        case .cannotWrite(let path, let reason):
            return .studyNotWritten(slug: staging.slug, path: rename(path), reason: reason)
        case .cannotCreateFolder(let path, let reason):
            return .studyNotWritten(slug: staging.slug, path: rename(path), reason: reason)
        default:
            return self
        }
    }
}
