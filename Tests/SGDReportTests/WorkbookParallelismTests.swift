import CParallelZip
import Foundation
import Testing
@testable import SGDReport

/// WorkbookWriter hands `--jobs` to the zip writer for `workbook_close` only (issue 18). The
/// test bundle exports CParallelZip's minizip functions as the sgdreport executable does (its
/// linker settings come with the executable target EndToEndTests depends on), so libxlsxwriter
/// writes through it here too.
@Suite struct WorkbookParallelismTests {
    @Test func anyParallelismWritesTheSameBytesAndClearsTheSetting() throws {
        let results = try trainedStudy(WorkbookModelTests.runs)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [Data] = []
        for parallelism in [1, 2, 4] {
            let path = folder.appendingPathComponent("p\(parallelism).xlsx").path
            try WorkbookWriter.write(StudyWorkbook.model(results), title: "t", to: path, parallelism: parallelism)
            #expect(sgd_zip_workers() == 0, "the setting is cleared after workbook_close")
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0].count > 10_000)
        #expect(files.allSatisfy { $0 == files[0] })
    }
}
