import CParallelZip
import CZipTestSupport
import Foundation
import Testing
import TestSupport

/// CParallelZip writes the file minizip writes (issue 18): the same calls through Debian's
/// libminizip.so.1 and through CParallelZip, with 0, 1, 2 and 4 workers and with caps and
/// thresholds small enough that every path runs, give identical bytes and results.
@Suite struct ParallelZipTests {
    /// The writers every archive is compared through: no workers, one (also none: the calling
    /// thread deflates), several, a cap that makes the caller wait after every member, and a
    /// threshold that makes members of more than 100 kB stream on the calling thread.
    static let writers: [(String, ZipFunctions)] = [
        ("0 workers", .parallel(workers: 0)), ("1 worker", .parallel(workers: 1)), ("2 workers", .parallel(workers: 2)),
        ("4 workers", .parallel(workers: 4)), ("2 workers, 1-byte cap", .parallel(workers: 2, cap: 1)),
        ("3 workers, 100 kB threshold", .parallel(workers: 3, cap: 300_000, threshold: 100_000)),
    ]

    /// Writes `members` with minizip and with every writer and requires the same outcome.
    func expectSameAsMinizip(_ members: [ZipMember], comment: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = try #require(writeArchive(members, comment: comment, to: folder.appendingPathComponent("minizip.zip").path, with: .minizip))
        #expect(expected.bytes.count >= 22, sourceLocation: sourceLocation)
        for (label, writer) in Self.writers {
            let path = folder.appendingPathComponent("\(label).zip").path
            let actual = try #require(writeArchive(members, comment: comment, to: path, with: writer))
            #expect(actual.results == expected.results, "\(label): results", sourceLocation: sourceLocation)
            if actual.bytes != expected.bytes {
                let common = min(actual.bytes.count, expected.bytes.count)
                let first = (0..<common).first { actual.bytes[$0] != expected.bytes[$0] } ?? common
                Issue.record("\(label): \(actual.bytes.count) bytes against minizip's \(expected.bytes.count), first difference at byte \(first)",
                             sourceLocation: sourceLocation)
            }
        }
    }

    @Test func noMembers() throws {
        try expectSameAsMinizip([])
    }

    @Test func oneEmptyMemberAndOneByte() throws {
        try expectSameAsMinizip([ZipMember("empty.xml", [])])
        try expectSameAsMinizip([ZipMember("one", [0x41])])
        try expectSameAsMinizip([ZipMember("empty", []), ZipMember("one", [0]), ZipMember("empty again", [])])
    }

    @Test func incompressibleBytes() throws {
        var bytes = SeededBytes(state: 1)
        try expectSameAsMinizip([ZipMember("random.bin", bytes.random(300_000))])
        try expectSameAsMinizip([ZipMember("a", bytes.random(70_000)), ZipMember("b", bytes.random(1)), ZipMember("c", bytes.random(65_536))])
    }

    /// Like a workbook: many members of mixed sizes, text and not, in libxlsxwriter's 16 KiB pieces.
    @Test(arguments: [0, 1, 7, 40]) func mixedMembers(count: Int) throws {
        var bytes = SeededBytes(state: UInt64(count) + 10)
        let members = (0..<count).map { index -> ZipMember in
            let size = Int(bytes.next() % 250_000)
            let content = index % 5 == 3 ? bytes.random(size) : bytes.sheetXML(size)
            return ZipMember("xl/worksheets/sheet\(index + 1).xml", content)
        }
        try expectSameAsMinizip(members)
    }

    /// Pieces of any size (zlib gets the same pieces from the worker), from 1 byte to more than
    /// minizip's 64 KiB output buffer.
    @Test func piecesOfAnySize() throws {
        var bytes = SeededBytes(state: 99)
        let text = bytes.sheetXML(400_000)
        var pieces: [[UInt8]] = [], at = 0
        while at < text.count {
            let size = [1, 2, 100, 16384, 65536, 70_001, Int(bytes.next() % 30_000)][Int(bytes.next() % 7)]
            pieces.append(Array(text[at..<min(at + size, text.count)]))
            at += size
        }
        pieces.insert([], at: 3)  // a write of nothing
        try expectSameAsMinizip([ZipMember("pieces.xml", pieces: pieces), ZipMember("bytes.xml", pieces: text.prefix(3000).map { [$0] })])
    }

    /// Members above the 100 kB threshold of the last writer stream on the calling thread, after
    /// the members before them, with small members around them.
    @Test func membersAboveTheStreamingThreshold() throws {
        var bytes = SeededBytes(state: 5)
        try expectSameAsMinizip([
            ZipMember("small1", bytes.sheetXML(5_000)), ZipMember("small2", bytes.sheetXML(90_000)),
            ZipMember("big", bytes.sheetXML(1_200_000)), ZipMember("small3", bytes.sheetXML(10)),
            ZipMember("big random", bytes.random(300_000)), ZipMember("exactly", bytes.sheetXML(100_000)),
            ZipMember("just over", bytes.sheetXML(100_001)),
        ])
    }

    @Test func longAndUnicodeNames() throws {
        var bytes = SeededBytes(state: 6)
        try expectSameAsMinizip([
            ZipMember(String(repeating: "long/", count: 2000) + "x.xml", bytes.sheetXML(2000)),
            ZipMember("xl/worksheets/Lernrate η = 10⁻³ 学习率 😀.xml", bytes.sheetXML(3000)),
            ZipMember(nil, bytes.sheetXML(100)),  // minizip names it "-"
            ZipMember("", bytes.sheetXML(100)),
        ])
        // Names and comments longer than their 16-bit fields: ZIP_PARAMERROR (Debian's CVE-2023-45853 fix).
        try expectSameAsMinizip([ZipMember("a", [1]), ZipMember(String(repeating: "n", count: 70_000), [2])])
        var commented = ZipMember("c", [3])
        commented.comment = String(repeating: "c", count: 65_536)
        try expectSameAsMinizip([commented])
    }

    /// The date and attribute fields: libxlsxwriter's 1980-01-01, a DOS date given directly,
    /// other dates (two-digit years too), attributes, no zip_fileinfo at all, and values too
    /// large for their fields (minizip writes all ones).
    @Test func dateAndAttributeFields() throws {
        func member(_ info: zip_fileinfo?) -> ZipMember {
            var m = ZipMember("m", Array("text".utf8))
            m.info = info
            return m
        }
        try expectSameAsMinizip([
            member(ZipMember.libxlsxwriterInfo),
            member(zip_fileinfo(tmz_date: tm_zip(tm_sec: 59, tm_min: 59, tm_hour: 23, tm_mday: 31, tm_mon: 11, tm_year: 2107), dosDate: 0, internal_fa: 0, external_fa: 0)),
            member(zip_fileinfo(tmz_date: tm_zip(tm_sec: 7, tm_min: 8, tm_hour: 9, tm_mday: 10, tm_mon: 5, tm_year: 99), dosDate: 0, internal_fa: 0, external_fa: 0)),
            member(zip_fileinfo(tmz_date: tm_zip(tm_sec: 0, tm_min: 0, tm_hour: 0, tm_mday: 1, tm_mon: 0, tm_year: 1980), dosDate: 0x5A21_6C35, internal_fa: 1, external_fa: 0o100644 << 16)),
            member(zip_fileinfo(tmz_date: tm_zip(tm_sec: 0, tm_min: 0, tm_hour: 0, tm_mday: 1, tm_mon: 0, tm_year: 1980), dosDate: 1 << 40, internal_fa: 0x1_0000, external_fa: 1 << 33)),
            member(nil),
        ])
    }

    /// Other arguments minizip takes: levels (with their flag bits), stored members, raw ones,
    /// strategies, extra fields, comments, version and flag bases, zip64 headers, the global
    /// comment, and parameters deflateInit2 refuses.
    @Test func otherArguments() throws {
        var bytes = SeededBytes(state: 8)
        var members: [ZipMember] = []
        for level: Int32 in [-1, 0, 1, 2, 5, 8, 9] {
            var m = ZipMember("level \(level)", bytes.sheetXML(150_000))
            m.level = level
            members.append(m)
        }
        var stored = ZipMember("stored", bytes.sheetXML(140_000)); stored.method = 0
        var raw = ZipMember("raw", bytes.random(1000)); raw.raw = 1
        var huffman = ZipMember("huffman only", bytes.sheetXML(50_000)); huffman.strategy = 2
        var small = ZipMember("small window", bytes.sheetXML(50_000)); small.windowBits = 9; small.memLevel = 1
        var extras = ZipMember("extras", bytes.sheetXML(1000))
        extras.extraLocal = [0xCA, 0xFE, 2, 0, 1, 2]
        extras.extraGlobal = [0xBE, 0xEF, 1, 0, 9]
        extras.comment = "a member's comment"
        extras.versionMadeBy = 0x031E
        extras.flagBase = 0x0800
        var zip64 = ZipMember("zip64", bytes.sheetXML(200_000)); zip64.zip64 = 1
        var zip64Empty = ZipMember("zip64 empty", []); zip64Empty.zip64 = 1
        members += [stored, raw, huffman, small, extras, zip64, zip64Empty]
        try expectSameAsMinizip(members, comment: "the archive's comment")

        var badLevel = ZipMember("bad level", [1]); badLevel.level = 10
        var badMethod = ZipMember("bad method", [1]); badMethod.method = 12
        var badMemory = ZipMember("bad memLevel", [1]); badMemory.memLevel = 0
        for bad in [badLevel, badMethod, badMemory] {
            try expectSameAsMinizip([ZipMember("before", bytes.sheetXML(100)), bad])
        }
    }

    /// The worker replays minizip's pieces; a whole member in one deflate(Z_FINISH) gives the
    /// same bytes at the levels libxlsxwriter uses (so pieces do not matter there), but not
    /// for stored blocks (level 0), whose sizes follow the calls: the replay keeps both exact.
    @Test func oneCallGivesMinizipsBytesExceptAtLevel0() throws {
        var bytes = SeededBytes(state: 12)
        let content = bytes.sheetXML(300_000) + bytes.random(100_000)
        for level: Int32 in [-1, 0, 1, 9] {
            var member = ZipMember("m", content)
            member.level = level
            let folder = try BinaryRunner.scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let archive = try #require(writeArchive([member], to: folder.appendingPathComponent("m.zip").path, with: .minizip)).bytes
            let compressedSize = Int(archive[18]) | Int(archive[19]) << 8 | Int(archive[20]) << 16 | Int(archive[21]) << 24
            let minizips = Array(archive[31..<(31 + compressedSize)])  // after the 30-byte header and the name "m"
            var whole = [UInt8](repeating: 0, count: content.count + 10_000)
            let size = content.withUnsafeBytes { input in
                whole.withUnsafeMutableBytes { sgd_test_deflate_whole(input.baseAddress, input.count, level, $0.baseAddress, $0.count) }
            }
            #expect(size > 0)
            #expect((Array(whole.prefix(size)) == minizips) == (level != 0), "level \(level)")
        }
    }

    /// Workers only when asked: no thread with 0 or 1, at most N with N.
    @Test func threadsFollowTheWorkers() throws {
        var bytes = SeededBytes(state: 13)
        let members = (0..<30).map { ZipMember("m\($0)", bytes.sheetXML(60_000)) }
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for workers: Int32 in [0, 1, 2, 3] {
            let count = ThreadCount()
            _ = writeArchive(members, to: folder.appendingPathComponent("w\(workers).zip").path,
                             with: .parallel(workers: workers, threads: count))
            let started = count.value
            if workers <= 1 {
                #expect(started == 0)
            } else {
                #expect(started >= 1 && started <= workers, "\(workers) workers: \(started) threads")
            }
        }
        // The setting zipOpen reads is this thread's, and 0 until set.
        #expect(sgd_zip_workers() == 0)
        sgd_zip_set_workers(3)
        #expect(sgd_zip_workers() == 3)
        let seen = Slot()
        let other = Thread { seen.value = sgd_zip_workers(); seen.done.signal() }
        other.start()
        seen.done.wait()
        #expect(seen.value == 0)
        sgd_zip_set_workers(0)
    }
}

private final class Slot: @unchecked Sendable {
    var value: Int32 = -1
    let done = DispatchSemaphore(value: 0)
}
