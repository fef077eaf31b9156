import CParallelZip
import Foundation
import Testing
import TestSupport

/// sgd_zip_set_progress: the bytes given to the writer on this thread, after each megabyte,
/// without changing what is written (the workbook's progress inside `workbook_close`).
@Suite struct ZipProgressTests {
    /// What the callback heard.
    final class Heard: @unchecked Sendable {
        var bytes: [UInt64] = []
    }

    @Test func theBytesGivenAreHeardAfterEachMegabyteAndTheArchiveIsUnchanged() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 3.5 MB in two members, in libxlsxwriter's 16 KiB pieces.
        let members = [ZipMember("a.xml", (0..<2_500_000).map { UInt8(truncatingIfNeeded: $0 * 7) }),
                       ZipMember("b.xml", Array(repeating: 65, count: 1_000_000))]
        let plain = try #require(writeArchive(members, to: folder.appendingPathComponent("plain.zip").path, with: .parallel(workers: 2)))
        let heard = Heard()
        sgd_zip_set_progress({ context, bytes in
            Unmanaged<Heard>.fromOpaque(context!).takeUnretainedValue().bytes.append(bytes)
        }, Unmanaged.passUnretained(heard).toOpaque())
        let counted = try #require(writeArchive(members, to: folder.appendingPathComponent("counted.zip").path, with: .parallel(workers: 2)))
        sgd_zip_set_progress(nil, nil)
        #expect(counted == plain)
        #expect(heard.bytes.count == 3, "\(heard.bytes)")
        #expect(heard.bytes.first! >= 1 << 20 && heard.bytes.last! <= 3_500_000)
        #expect(zip(heard.bytes, heard.bytes.dropFirst()).allSatisfy { $1 - $0 >= 1 << 20 })
        // Removed, it hears nothing more.
        _ = writeArchive(members, to: folder.appendingPathComponent("after.zip").path, with: .parallel(workers: 0))
        #expect(heard.bytes.count == 3)
    }
}
