import Foundation
import SGDStudy
import Testing
import TestSupport
@testable import SGDReport

/// The `study.json` that a build writes for each bundled study, as golden files
/// (`Tests/SGDReportTests/StudyJSON/`): defaults filled in, sweeps expanded, seeds written. A
/// change to any of them is a change to what a learner's rebuilt study means; read its diff.
@Suite struct BundledStudyGoldenTests {
    static let folder = Repository.root.appendingPathComponent("Tests/SGDReportTests/StudyJSON")

    @Test(arguments: try! Repository.bundledStudies().map(\.lastPathComponent))
    func theStudyAsBuilt(name: String) throws {
        let study = try StudyReader().read(path: Repository.studies.appendingPathComponent(name).path)
        let written = JSONWriter.write(StudyEncoder.encode(study, generator: SGDReportVersion.generator))
        Golden.check(written, against: Self.folder.appendingPathComponent(name))
    }

    @Test func everyGoldenHasItsStudy() throws {
        let goldens = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(goldens == (try Repository.bundledStudies().map(\.lastPathComponent)))
    }
}
