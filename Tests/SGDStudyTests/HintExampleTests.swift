import Foundation
import Testing
import SGDStudy
import TestSupport

/// Every JSON example a hint shows is valid: it parses, and an example of a whole study (or of its
/// `runs`) reads as a study without errors. The hints are those of every hostile input and of the
/// studies below.
@Suite struct HintExampleTests {
    static let studies = [
        "", "   ", "{}", #"{ "runs": [] }"#, #"{ "signals": [] }"#, #"{ "runs": [ { "name": "a" } ] }"#,
        #"{ "runs": [ { "name": "a", "optimizer": { "type": "sgd" } } ] }"#,
        #"{ "defaults": { "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ { "name": "a", "lrFind": true, "state": { "feedback": 1 } } ] }"#,
    ]

    /// The outermost `{ … }` of `text` (balanced braces, outside of JSON strings).
    static func objects(in text: String) -> [String] {
        var found: [String] = []
        var depth = 0, inString = false, escaped = false
        var start: String.Index?
        for index in text.indices {
            let c = text[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            if c == "\"" && depth > 0 { inString = true }
            if c == "{" {
                if depth == 0 { start = index }
                depth += 1
            } else if c == "}", depth > 0 {
                depth -= 1
                if depth == 0, let s = start { found.append(String(text[s...index])) }
            }
        }
        return found
    }

    /// The hints of every hostile input and of `studies`.
    static func allHints() throws -> [String] {
        var hints: [String] = []
        let folder = Repository.root.appendingPathComponent("Tests/SGDStudyTests/HostileInputs")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            do { _ = try StudyReader().read(bytes: bytes, file: "studies/\(name)") } catch { hints += error.diagnostics.compactMap(\.hint) }
        }
        for study in studies { hints += problems(study).compactMap(\.hint) }
        return hints
    }

    @Test func everyJSONExampleInAHintIsValid() throws {
        let hints = try Self.allHints()
        #expect(hints.count > 50)
        var checked = 0
        for hint in hints {
            for example in Self.objects(in: hint) where !example.contains("…") && !example.contains("<") {
                let parsed = try? JSONSerialization.jsonObject(with: Data(example.utf8))
                #expect(parsed != nil, "\(example) in the hint \"\(hint)\" is not JSON")
                checked += 1
                if let object = parsed as? [String: Any], object["runs"] != nil {
                    #expect(problems(example).isEmpty, "\(example): \(problems(example).map(\.message))")
                }
            }
            // `e.g. "runs": [ … ]`: a study's member, checked as the study it makes.
            if !hint.contains(#"{ "runs""#), let range = hint.range(of: #""runs": ["#), !hint[range.lowerBound...].contains("…") {
                let study = "{ " + hint[range.lowerBound...] + " }"
                #expect(problems(study).isEmpty, "\(study): \(problems(study).map(\.message))")
                checked += 1
            }
        }
        #expect(checked > 10)
    }
}
