import Foundation

/// Reads study files: bytes → located JSON → decoded spec → resolved `Study`, collecting every
/// problem in the file into one `StudyFileError`.
public struct StudyReader: Sendable {
    /// Study files are hand-written; anything this large is a mistake (or an attack).
    public static let maximumFileSize = 16 << 20

    /// How much work a study may ask for; a study asking more is refused with the estimate.
    public var limits: StudyLimits

    /// A reader that refuses studies beyond `limits`.
    public init(limits: StudyLimits = .standard) {
        self.limits = limits
    }

    /// Reads and resolves the study at `path` (as the user wrote it, for messages).
    public func read(path: String) throws(StudyFileError) -> Study {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StudyFileError(diagnostics: [Diagnostic(
                file: path, path: nil, location: nil, message: "no such file",
                hint: "check the path; the bundled studies are in studies/")], source: nil, isUnreadable: true)
        }
        if isDirectory.boolValue {
            throw StudyFileError(diagnostics: [Diagnostic(
                file: path, path: nil, location: nil, message: "this is a folder, not a study file",
                hint: "name a .json file, e.g. \(path.hasSuffix("/") ? path : path + "/")momentum.json")], source: nil)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > Self.maximumFileSize {
            throw StudyFileError(diagnostics: [Diagnostic(
                file: path, path: nil, location: nil,
                message: "the file is \(NumberText.compact((Double(size) / 1e6 * 10).rounded() / 10)) MB; a study file may be at most \(Self.maximumFileSize >> 20) MB",
                hint: "a study describes runs; it does not need to hold large data")], source: nil)
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw StudyFileError(diagnostics: [Diagnostic(
                file: path, path: nil, location: nil, message: "cannot read the file: \(error.localizedDescription)",
                hint: "check that it exists and that you may read it")], source: nil, isUnreadable: true)
        }
        return try read(bytes: bytes, file: path)
    }

    /// Reads and resolves a study from its bytes; `file` names it in messages and gives the slug.
    public func read(bytes: [UInt8], file: String) throws(StudyFileError) -> Study {
        if bytes.count > Self.maximumFileSize {
            throw StudyFileError(diagnostics: [Diagnostic(
                file: file, path: nil, location: nil,
                message: "the study is \(bytes.count) bytes; a study file may be at most \(Self.maximumFileSize >> 20) MB",
                hint: "a study describes runs; it does not need to hold large data")], source: nil)
        }
        let root: JSONNode
        var diagnostics: [Diagnostic] = []
        switch JSONParser.parse(bytes) {
        case .failure(let error):
            throw StudyFileError(
                diagnostics: [Diagnostic(file: file, path: nil, location: error.location, message: error.message, hint: error.hint)],
                source: bytes)
        case .success(let parsed):
            root = parsed.root
            for duplicate in parsed.duplicates {
                diagnostics.append(Diagnostic(
                    file: file, path: JSONPath.appending(key: duplicate.key, to: duplicate.objectPath),
                    location: duplicate.location,
                    message: "the key \"\(duplicate.key)\" appears twice in one object (first at line \(duplicate.firstLocation.line), column \(duplicate.firstLocation.column))",
                    hint: "keep one of them"))
            }
        }
        let slug = Self.slug(forFile: file)
        var decoder = StudyDecoder(file: file)
        let spec = decoder.decode(root)
        if let collision = SlugCollisions().collision(of: .init(.study, name: file, slug: slug)) {
            decoder.reader.report(collision)
        }
        var resolver = StudyResolver(reader: decoder.reader, slug: slug, file: file, limits: limits)
        resolver.source = bytes
        let study = resolver.resolve(spec)
        diagnostics += resolver.reader.diagnostics
        diagnostics.sort { ($0.location ?? .init(line: .max, column: 0)) < ($1.location ?? .init(line: .max, column: 0)) }
        guard diagnostics.isEmpty, let study else {
            throw StudyFileError(diagnostics: diagnostics, source: bytes)
        }
        return study
    }

    /// The study's slug: its file name without `.json`, as a slug; for a name without ASCII
    /// letters or digits (`动量.json`), `study-` and a hash of the name (`Slug.fallback`).
    package static func slug(forFile file: String) -> String {
        Slug.fileName(for: name(ofFile: file), fallback: "study")
    }

    /// The study's title when it gives none: its slug, or for a file named without ASCII letters
    /// or digits, its name as written (`动量`), since its slug is a hash.
    static func defaultTitle(forFile file: String) -> String {
        let name = name(ofFile: file)
        let slug = slug(forFile: file)
        return Slug.make(name) == slug ? slug : name
    }

    /// The file's name without its folder and `.json`.
    private static func name(ofFile file: String) -> String {
        var name = URL(fileURLWithPath: file).lastPathComponent
        if name.lowercased().hasSuffix(".json") { name.removeLast(5) }
        return name
    }
}
