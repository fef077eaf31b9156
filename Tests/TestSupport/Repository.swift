import Foundation

/// The repository the tests run in: every fixture, study and template a test reads lies inside
/// it (tests never read outside the repository).
public enum Repository {
    /// The folder that holds `Package.swift`.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/<name>`: reference numbers copied from public sources (see its README).
    public static func fixture(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }

    /// The rows of a fixture CSV as dictionaries keyed by header (`C:intercept`, …), values as
    /// written.
    public static func fixtureRows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: fixture(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    /// `studies/`, the bundled studies.
    public static let studies = root.appendingPathComponent("studies")

    /// `Templates/`, the page templates the binary ships.
    public static let templates = root.appendingPathComponent("Templates")

    /// Every bundled study file, by name.
    public static func bundledStudies() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: studies.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { studies.appendingPathComponent($0) }
    }
}
