import Foundation
import Testing

/// Golden files: text a test compares with what the code makes now. `UPDATE_GOLDEN=1` rewrites
/// them after a deliberate change, and that run **fails**, so a golden is never compared with
/// itself; read the diff (`git diff Tests/`) and run again.
public enum Golden {
    /// Whether this run records goldens instead of comparing with them.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil }

    /// Expects `actual` to equal the golden file's text (a missing golden is a failure that says
    /// how to record it).
    public static func check(_ actual: String, against golden: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let name = golden.path.replacingOccurrences(of: Repository.root.path + "/", with: "")
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: golden, atomically: true, encoding: .utf8)
                Issue.record("recorded \(name): read its diff, then run again without UPDATE_GOLDEN", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
            Issue.record("no golden \(name): run once with UPDATE_GOLDEN=1 to record it, and read it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "differs from \(name) (UPDATE_GOLDEN=1 rewrites it)", sourceLocation: sourceLocation)
    }
}
