import Testing
import SGDStudy

/// `SlugCollisions`: the one check that names make distinct, non-empty file names, for runs,
/// signals, charts and studies.
@Suite struct SlugCollisionTests {
    typealias Item = SlugCollisions.Item

    @Test func theFirstToClaimASlugKeepsItAndACollisionClaimsNothing() {
        var slugs = SlugCollisions()
        let found = slugs.check([
            Item(.run, name: "A b", slug: "a-b"), Item(.run, name: "a-b", slug: "a-b"), Item(.run, name: "!!!", slug: ""),
            Item(.run, name: "A  B", slug: "a-b"), Item(.run, name: "c", slug: "c"),
        ])
        #expect(found.map(\.item.name) == ["a-b", "!!!", "A  B"])
        #expect(found.map(\.message) == [
            #"the run names "A b" and "a-b" make the same file name "a-b""#,
            #"the run name "!!!" has no letters or digits to make a file name from"#,
            #"the run names "A b" and "A  B" make the same file name "a-b""#,
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
        guard case .sameSlug(let study, let earlier)? = found.first, found.count == 1 else {
            Issue.record("expected one clash, found \(found.count)")
            return
        }
        #expect((earlier.name, study.name, study.slug) == ("a/s.json", "b/s.json", "s"))
        #expect(found[0].hint == "rename one of the files")
    }

    @Test func twoChartsWithOneFileNameAreAnErrorAtTheSecond() {
        let found = problems(#"""
            { "runs": [ \#(minimalRun) ],
              "charts": [ { "title": "Loss!", "y": "loss" }, { "title": "loss", "y": "loss" }, { "title": "??", "y": "loss" } ] }
            """#)
        #expect(found.map(\.message) == [
            #"the charts "Loss!" and "loss" make the same file name "loss.png""#,
            #"the chart "??" has no letters or digits to make a file name from"#,
        ])
        #expect(found.map(\.path) == ["charts[1].title", "charts[2].title"])
        #expect(found.map(\.hint) == [#"give one of them a different "name" or "title""#, #"give the chart a "name" with letters or digits"#])
    }

    @Test func signalsCollideWithSignalsAndWithRuns() {
        let found = problems(#"""
            { "runs": [ \#(minimalRun) ],
              "signals": [ { "name": "Wave", "values": [1] }, { "name": "wave", "values": [2] },
                           { "name": "1 Neuron", "values": [3] }, { "name": "~", "values": [4] } ] }
            """#)
        #expect(found.map(\.message) == [
            #"the signal names "Wave" and "wave" make the same file name "wave.csv""#,
            #"the signal "1 Neuron" and the run "1 neuron" would write files named alike in data/: 1-neuron.csv and 1-neuron.steps.csv"#,
            #"the signal name "~" has no letters or digits to make a file name from"#,
        ])
        #expect(found.map(\.path) == ["signals[1].name", "signals[2].name", "signals[3].name"])
        #expect(found.map(\.hint) == ["rename one of them", "rename the signal or the run", "use a name with letters or digits"])
    }

    @Test func aStudyFileNameWithoutLettersOrDigitsIsAnError() {
        let found = problems(#"{ "runs": [ \#(minimalRun) ] }"#, file: "studies/!!!.json")
        #expect(found.map(\.message) == ["the file name gives no letters or digits for the output folder's name"])
        #expect(found.first?.hint == "rename the file, e.g. my-study.json")
    }
}
