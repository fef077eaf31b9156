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
}
