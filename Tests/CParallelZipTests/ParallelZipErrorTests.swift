import CParallelZip
import Foundation
import Testing
import TestSupport

/// Failures give minizip's codes and errno, so libxlsxwriter reports them as before, and the
/// writer ends (threads joined, nothing waiting) whatever failed.
@Suite struct ParallelZipErrorTests {
    static let writers: [(String, ZipFunctions)] = [
        ("minizip", .minizip), ("0 workers", .parallel(workers: 0)), ("2 workers", .parallel(workers: 2)),
        ("2 workers, 1-byte cap", .parallel(workers: 2, cap: 1)), ("2 workers, 50 kB threshold", .parallel(workers: 2, threshold: 50_000)),
    ]

    @Test func aFolderThatDoesNotExist() throws {
        for (label, writer) in Self.writers {
            errno = 0
            #expect(writer.open("/nonexistent-folder-\(UUID().uuidString)/x.xlsx") == nil, "\(label)")
            #expect(errno == ENOENT, "\(label): errno \(errno)")
        }
    }

    /// /dev/full: every write fails with ENOSPC. Each writer returns ZIP_ERRNO (-1) with errno
    /// ENOSPC from a call (minizip from the member whose bytes first reach the disk, CParallelZip
    /// from that member's close or a later call), and its zipClose returns.
    @Test func aFullDisk() throws {
        var bytes = SeededBytes(state: 3)
        let members = (0..<12).map { ZipMember("xl/worksheets/sheet\($0).xml", bytes.sheetXML(30_000 * ($0 + 1))) }
        for (label, writer) in Self.writers {
            let handle = try #require(writer.open("/dev/full"), "\(label)")
            var failure: (code: Int32, errno: Int32)?
            outer: for member in members {
                let opened = writer.openNewFile(handle, member)
                if opened != 0 { failure = (opened, errno); break }
                for piece in member.pieces {
                    let written = piece.withUnsafeBytes { writer.write(handle, $0) }
                    if written < 0 { failure = (written, errno); break outer }
                }
                let closed = writer.closeFile(handle)
                if closed != 0 { failure = (closed, errno); break }
            }
            let closed = writer.close(handle, nil)
            if failure == nil { failure = (closed, errno) }
            #expect(failure?.code == -1, "\(label): \(String(describing: failure))")
            #expect(failure?.errno == ENOSPC, "\(label): \(String(describing: failure))")
            #expect(closed == -1, "\(label): zipClose gave \(closed)")
        }
    }

    /// Calls out of order: ZIP_PARAMERROR, as minizip.
    @Test func callsWithoutAnOpenMember() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (label, writer) in Self.writers {
            let handle = try #require(writer.open(folder.appendingPathComponent("\(label).zip").path))
            #expect([UInt8](repeating: 1, count: 4).withUnsafeBytes { writer.write(handle, $0) } == -102, "\(label)")
            #expect(writer.closeFile(handle) == -102, "\(label)")
            #expect(writer.close(handle, nil) == 0, "\(label)")
        }
    }
}
