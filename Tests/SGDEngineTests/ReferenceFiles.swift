import Foundation

/// The reference numbers in `Tests/Fixtures/` (see its README.md for where each file comes from).
enum ReferenceFiles {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// The rows of a reference CSV as dictionaries keyed by header, values as written.
    static func csv(_ name: String) throws -> [[String: String]] {
        let url = folder.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }
}
