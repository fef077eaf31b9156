import Foundation
import SGDStudy

/// What a failure is, for whoever turns it into an exit status or a retry: decided by the
/// error's case, never by its message.
public enum FailureKind: Sendable, Equatable {
    /// The request itself is wrong (two studies with one folder, bad `--templates DIR`).
    case usage
    /// A study file is not a valid study.
    case invalidInput
    /// A study file does not exist or cannot be read.
    case noInput
    /// The output cannot be created or written.
    case cannotCreate
    /// A file of sgdreport's own installation (its page templates) is missing or broken.
    case osFile
    /// The build was interrupted (SIGINT or SIGTERM).
    case interrupted
}

/// An error that says which kind of failure it is.
public protocol KindedError: Error {
    var kind: FailureKind { get }
}

extension BuildError: KindedError {
    public var kind: FailureKind {
        switch self {
        case .invalidStudy(let error): return error.kind
        case .interrupted: return .interrupted
        case .duplicateSlug, .templates: return .usage
        case .installedTemplates: return .osFile
        case .cannotWrite, .studyNotWritten, .cannotCreateFolder, .outputIsNotAFolder, .wouldReplaceForeignFolder, .chart:
            return .cannotCreate
        }
    }
}

extension StudyFileError: KindedError {
    public var kind: FailureKind { isUnreadable ? .noInput : .invalidInput }
}

/// A build as the command line asks for it: which study files, into which folder, how.
public struct BuildRequest: Sendable {
    /// The study files, as the user typed them (they name the studies in messages and pages).
    public var studyFiles: [String]
    /// Where, in how many threads, which chart files.
    public var options: BuildOptions
    /// A folder of page templates replacing sgdreport's own; nil for the defaults.
    public var templatesDirectory: String?

    /// The output folder the command line uses when none is named.
    public static let defaultOutputDirectory = "output"

    /// A request to build `studyFiles` with `options`, the pages from `templatesDirectory`'s
    /// templates (nil: sgdreport's own).
    public init(studyFiles: [String], options: BuildOptions, templatesDirectory: String? = nil) {
        self.studyFiles = studyFiles
        self.options = options
        self.templatesDirectory = templatesDirectory
    }

    /// Each later study whose slug (its output folder's name) an earlier one already has, as
    /// `.duplicateSlug` naming both files: a build with any builds nothing.
    public static func slugClashes(_ studies: [Study]) -> [BuildError] {
        var slugs = SlugCollisions()
        return slugs.check(studies.map { .init(.study, name: $0.sourceFile, slug: $0.slug) }).compactMap { collision in
            guard case .sameSlug(let study, let earlier, _) = collision else { return nil }
            return .duplicateSlug(slug: study.slug, first: earlier.name, second: study.name)
        }
    }

    /// The command that rebuilds `study` alone with this request's options, as the page's
    /// "How to reproduce" shows it: `sgdreport build studies/momentum.json --output out`. Options
    /// at their defaults are left out; paths are shown by `shareablePath` (the page is made to be
    /// shared, so no absolute path of this machine appears) and quoted for a POSIX shell.
    public func reproduceCommand(for study: Study, currentDirectory: String) -> String {
        func shown(_ path: String) -> String { Self.shellQuoted(Self.shareablePath(path, currentDirectory: currentDirectory)) }
        var words = ["sgdreport", "build", shown(study.sourceFile)]
        if options.outputDirectory != Self.defaultOutputDirectory { words += ["--output", shown(options.outputDirectory)] }
        if options.chartFormat != .both { words += ["--format", options.chartFormat.rawValue] }
        if let templatesDirectory { words += ["--templates", shown(templatesDirectory)] }
        return words.joined(separator: " ")
    }

    /// `path` as a shared page may show it, naming it from `currentDirectory` so that the command
    /// run there finds the same file: as typed when relative; an absolute path inside
    /// `currentDirectory` relative to it; one that shares a folder below the root with it through
    /// that folder (`/tmp/out` from `/tmp/s` → `../out`; an ancestor → `..`), which names no folder
    /// above the shared one; and one that shares only the root (`/srv/out` from `/tmp/s`) as it
    /// is, absolute (standardized): every correct spelling of it names all its folders, and a
    /// relative one (`../../srv/out`) would also tell how deep `currentDirectory` is. So the
    /// folders of `currentDirectory` (`/home/ana/…`) never appear unless the file is in them.
    public static func shareablePath(_ path: String, currentDirectory: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if standard.hasPrefix(prefix), standard.count > prefix.count { return String(standard.dropFirst(prefix.count)) }
        if standard == base { return "." }
        let from = URL(fileURLWithPath: base).pathComponents, to = URL(fileURLWithPath: standard).pathComponents
        let shared = zip(from, to).prefix(while: { $0 == $1 }).count
        if shared > 1 || shared == to.count {
            // Through a folder below the root, or up to an ancestor: `..` as many times as needed.
            return (Array(repeating: "..", count: from.count - shared) + to[shared...]).joined(separator: "/")
        }
        return standard
    }

    /// `word` as one word for a POSIX shell: as it is when it has only characters no shell
    /// treats specially, else in single quotes (a `'` inside written `'\''`).
    package static func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+=:,@".unicodeScalars.contains($0))
        }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
