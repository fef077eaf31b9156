import ArgumentParser
import Foundation
import SGDReport
import SGDStudy

/// Which study files a command works on.
enum StudyFiles {
    /// The bundled examples, built when no file is named.
    static let bundledFolder = "studies"

    /// The files named, or every `studies/*.json` in name order; `command` (`build`, `validate`)
    /// is the one the message suggests.
    static func resolve(_ files: [String], command: String) throws -> [String] {
        if !files.isEmpty { return files }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: bundledFolder)
        } catch {
            throw ValidationError(
                "no study file given, and there is no \(bundledFolder)/ folder here to \(command) the bundled studies from; name a study file, e.g. sgdreport \(command) my-study.json")
        }
        let studies = names.filter { $0.hasSuffix(".json") }.sorted().map { "\(bundledFolder)/\($0)" }
        if studies.isEmpty { throw ValidationError("no study file given, and \(bundledFolder)/ has no .json files") }
        return studies
    }

    /// Each later study whose slug (its output folder's name) an earlier one already has.
    static func slugClashes(_ studies: [Study]) -> [BuildError] {
        var slugs = SlugCollisions()
        return slugs.check(studies.map { .init(.study, name: $0.sourceFile, slug: $0.slug) }).compactMap { collision in
            guard case .sameSlug(let study, let earlier) = collision else { return nil }
            return .duplicateSlug(slug: study.slug, first: earlier.name, second: study.name)
        }
    }

    /// `path` as a shared page may show it: as typed when relative; an absolute path inside
    /// `currentDirectory` relative to it; any other absolute path by its last component alone
    /// (`/home/ana/studies/momentum.json` → `momentum.json`), so no user's folders are named.
    static func shareablePath(_ path: String, currentDirectory: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if standard.hasPrefix(prefix), standard.count > prefix.count { return String(standard.dropFirst(prefix.count)) }
        if standard == base { return "." }
        let last = URL(fileURLWithPath: standard).lastPathComponent
        return last.isEmpty || last == "/" ? "." : last
    }

    /// The exit status for a study that could not be read.
    static func status(for error: StudyFileError) -> Int32 {
        error.source == nil && error.diagnostics.allSatisfy({ $0.location == nil && $0.path == nil })
            && error.diagnostics.contains(where: { $0.message == "no such file" || $0.message.hasPrefix("cannot read") })
            ? ExitStatus.noInput : ExitStatus.invalidInput
    }
}
