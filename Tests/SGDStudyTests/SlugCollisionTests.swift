import Testing
import SGDStudy

/// `SlugCollisions`: the one check that names make distinct, non-empty file names, for runs,
/// signals, charts and studies. (Names in other scripts: `NamesInAnyScriptTests`.)
@Suite struct SlugCollisionTests {
    typealias Item = SlugCollisions.Item

    @Test func theFirstToClaimASlugKeepsItAndACollisionClaimsNothing() {
        var slugs = SlugCollisions()
        let found = slugs.check([
            Item(.run, name: "A b", slug: "a-b"), Item(.run, name: "a-b", slug: "a-b"), Item(.run, name: "\u{200B}", slug: ""),
            Item(.run, name: "A  B", slug: "a-b"), Item(.run, name: "c", slug: "c"),
        ])
        #expect(found.map(\.item.name) == ["a-b", "\u{200B}", "A  B"])
        #expect(found.map(\.message) == [
            #"the runs "A b" and "a-b" would both write data/a-b.steps.csv"#,
            "the run name has no visible character to make a file name from (it is U+200B)",
            #"the runs "A b" and "A  B" would both write data/a-b.steps.csv"#,
        ])
        #expect(found.map(\.hint) == [
            #"file names keep only the ASCII letters and digits of a name: give the run "a-b" a "file" of its own, e.g. "file": "a-b-2""#,
            "write a name with at least one letter, digit or symbol, in any script",
            #"file names keep only the ASCII letters and digits of a name: give the run "A  B" a "file" of its own, e.g. "file": "a-b-2""#,
        ])
        #expect(slugs.collision(of: Item(.signal, name: "C", slug: "c"))?.message
            == #"the signal "C" and the run "c" would write files named alike in data/: c.csv and c.steps.csv"#)
        #expect(slugs.collision(of: Item(.signal, name: "d", slug: "d")) == nil)
    }

    @Test func studiesThatShareAFolderAreFound() {
        var slugs = SlugCollisions()
        let found = slugs.check([
            Item(.study, name: "a/s.json", slug: "s"), Item(.study, name: "b/s.json", slug: "s"), Item(.study, name: "t.json", slug: "t"),
        ])
        guard case .sameSlug(let study, let earlier, _)? = found.first, found.count == 1 else {
            Issue.record("expected one clash, found \(found.count)")
            return
        }
        #expect((earlier.name, study.name, study.slug) == ("a/s.json", "b/s.json", "s"))
        #expect(found[0].hint == "rename one of the files")
    }

    @Test func twoChartsWithOneFileNameAreAnErrorAtTheSecond() {
        let found = problems(#"""
            { "runs": [ \#(minimalRun) ],
              "charts": [ { "title": "Loss!", "y": "loss" }, { "title": "loss", "y": "loss" }, { "title": " ", "y": "loss" }, { "title": "??", "y": "loss" } ] }
            """#)
        #expect(found.map(\.message) == [
            #"the charts "Loss!" and "loss" would both be drawn to charts/loss.png"#,
            "the chart's name has no visible character to make a file name from (it is U+0020)",
        ])
        #expect(found.map(\.path) == ["charts[1].title", "charts[2].title"])
        #expect(found.map(\.hint) == [
            #"file names keep only the ASCII letters and digits of a name: give the chart a "name" of its own, e.g. "name": "loss-2""#,
            #"give the chart a "title" or a "name" that shows, in any script"#,
        ])
    }

    @Test func signalsCollideWithSignalsAndWithRuns() {
        let found = problems(#"""
            { "runs": [ \#(minimalRun) ],
              "signals": [ { "name": "Wave", "values": [1] }, { "name": "wave", "values": [2] },
                           { "name": "1 Neuron", "values": [3] }, { "name": "~", "values": [4] } ] }
            """#)
        #expect(found.map(\.message) == [
            #"the signals "Wave" and "wave" would both write data/wave.csv"#,
            #"the signal "1 Neuron" and the run "1 neuron" would write files named alike in data/: 1-neuron.csv and 1-neuron.steps.csv"#,
        ])
        #expect(found.map(\.path) == ["signals[1].name", "signals[2].name"])
        #expect(found.map(\.hint) == [
            #"file names keep only the ASCII letters and digits of a name: give the signal "wave" a "file" of its own, e.g. "file": "wave-2""#,
            #"file names keep only the ASCII letters and digits of a name: give the signal "1 Neuron" a "file" of its own, e.g. "file": "1-neuron-2""#,
        ])
    }

    @Test func aStudyFileNameThatShowsNothingIsAnError() {
        let found = problems(#"{ "runs": [ \#(minimalRun) ] }"#, file: "studies/ .json")
        #expect(found.map(\.message) == ["the file name gives nothing to name the output folder"])
        #expect(found.first?.hint == "rename the file, e.g. my-study.json")
    }
}
