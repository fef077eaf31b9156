import SGDStudy
import Testing
@testable import SGDCommandLine

/// The one line `validate` (what a study plans) and `build` (what it made) print about a study.
@Suite struct StudySummaryTests {
    func study(_ json: String) throws -> Study {
        try StudyReader().read(bytes: Array(json.utf8), file: "finder.json")
    }

    /// A finder alone: its chart and its weights' (a finder stays out of the error chart).
    static let finder = #"{ "name": "finder", "batch": 1, "optimizer": { "type": "sgd", "lr": 0.001 }, "lrFind": { "numIt": 1260 } }"#

    @Test func aFinderThatStopsWhenTheLossDivergesIsCountedAsAtMost() throws {
        let finder = try study(#"{ "runs": [ \#(Self.finder) ] }"#)
        #expect(finder.mayStopEarly)
        #expect(StudySummary.describe(finder) == "1 run, 2 charts, up to 1,260 updates (the learning-rate finder stops when the loss diverges)")
        // What a build made is a count, not a bound.
        #expect(StudySummary.describe(finder, updates: 1_212) == "1 run, 2 charts, 1,212 updates")
    }

    @Test func otherStudiesStateTheirCount() throws {
        let plain = try study(#"{ "runs": [ { "name": "plain", "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#)
        #expect(!plain.mayStopEarly)
        #expect(StudySummary.describe(plain) == "1 run, 2 charts, 29 updates")
        let noStop = try study(#"{ "runs": [ \#(Self.finder.replacingOccurrences(of: "1260 }", with: "1260, \"stopDiv\": false }")) ] }"#)
        #expect(!noStop.mayStopEarly)
        #expect(StudySummary.describe(noStop) == "1 run, 2 charts, 1,260 updates")
    }
}
