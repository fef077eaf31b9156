import Foundation

/// The stored cells of the workbook's other sheets, copied into `Tests/Fixtures/` (see its
/// README-sheets.md for their source).
enum WorkbookFixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Rows 3–32 of `graddesc-<sheet>-epoch1.csv` keyed by header, values as written.
    static func sheet(_ sheet: String) throws -> [[String: String]] {
        let text = try String(contentsOf: folder.appendingPathComponent("graddesc-\(sheet)-epoch1.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }
}
