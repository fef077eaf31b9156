/// The study as a workbook (SPEC §4.5): one sheet per run, named after the run, and a sheet of
/// the signals when the study has any.
package enum StudyWorkbook {
    /// `<study>.xlsx`, in the study folder.
    package static func fileName(slug: String) -> String { StudyFolderLayout(slug: slug).workbook }

    /// The sheet names of runs (or other sheets) with these names, in order.
    package static func sheetNames(_ names: [String]) -> [String] {
        var made = SheetNames()
        return names.map { made.make($0) }
    }

    /// The workbook of `results`: its run sheets share `SheetGrid.workbookCells` in run order (a
    /// values sheet that would need more than is left keeps its fixed columns; see `ValuesLayout`).
    ///
    /// `progress`, if given, hears the share of the run sheets made (0…1) after each.
    ///
    /// - Throws: `BuildError.interrupted` when `cancellation` is raised (checked between sheets).
    package static func model(
        _ results: StudyResults, cancellation: CancellationFlag = CancellationFlag(), progress: ((Double) -> Void)? = nil
    ) throws(BuildError) -> WorkbookModel {
        var names = SheetNames()
        var sheets: [WorkbookModel.Sheet] = []
        var budget = SheetGrid.workbookCells
        for result in results.runs {
            if cancellation.isCancelled { throw .interrupted }
            let sheet = RunSheet(result: result, name: names.make(result.run.name), cellBudget: max(0, budget)).build()
            budget -= sheet.cells.count
            sheets.append(sheet)
            progress?(Double(sheets.count) / Double(results.runs.count))
        }
        if !results.signals.isEmpty {
            sheets.append(SignalsSheet(signals: results.signals, name: names.make("Signals")).build())
        }
        return WorkbookModel(sheets: sheets)
    }
}

/// Sheet names within Excel's rules: at most 31 characters, none of `[ ] : * ? / \`, not
/// starting or ending with an apostrophe, not "History", and unique regardless of case.
struct SheetNames {
    private var taken: Set<String> = ["history"]

    mutating func make(_ name: String) -> String {
        var cleaned = String(name.map { "[]:*?/\\".contains($0) || $0.isNewline ? "-" : $0 })
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        cleaned = cleaned.trimmingSpaces()
        if cleaned.isEmpty { cleaned = "Run" }
        var candidate = Self.truncated(cleaned, to: 31)
        var number = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(number))"
            candidate = Self.truncated(cleaned, to: 31 - suffix.utf16.count) + suffix
            number += 1
        }
        taken.insert(candidate.lowercased())
        return candidate
    }

    /// At most `limit` UTF-16 units (Excel's count), whole characters only.
    static func truncated(_ text: String, to limit: Int) -> String {
        var out = ""
        var units = 0
        for character in text {
            let size = character.utf16.count
            if units + size > limit { break }
            out.append(character)
            units += size
        }
        return out.trimmingSpaces()
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
