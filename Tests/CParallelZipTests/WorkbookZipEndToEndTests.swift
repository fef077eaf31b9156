import CParallelZip
import CZipTestSupport
import Foundation
import Testing
import TestSupport

/// The built binary writes its workbooks through CParallelZip, and they are the files minizip
/// writes (issue 18).
@Suite(.serialized) struct WorkbookZipEndToEndTests {
    static let names = ["zipOpen", "zipOpenNewFileInZip4_64", "zipWriteInFileInZip", "zipCloseFileInZip", "zipClose"]

    /// The dynamic linker's own account (LD_DEBUG=bindings) of where libxlsxwriter's five zip
    /// calls went: to the sgdreport executable, not to libminizip. Fails if the exports are lost.
    @Test func theBinaryBindsLibxlsxwritersZipCallsToItsOwnWriter() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.run(
            // One thread: ld.so's log lines from several threads can interleave (once, under load,
            // a binding's line was not found whole).
            ["build", Repository.studies.appendingPathComponent("graddesc-basic.json").path, "-o", "out", "--format", "svg", "--jobs", "1"], in: folder,
            environment: ["LD_DEBUG": "bindings", "LD_DEBUG_OUTPUT": folder.appendingPathComponent("ld").path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let logs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("ld.") }
        let lines = try logs.flatMap { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).split(separator: "\n") }
            .filter { $0.contains("binding file") && $0.contains("libxlsxwriter.so") }
        for name in Self.names {
            let binding = lines.first { $0.hasSuffix("`\(name)'") }
            #expect(binding?.contains("/sgdreport [0]: normal symbol") == true, "\(name): \(binding ?? "no binding logged")")
        }
    }

    /// Every member of the binary's workbook (built with --jobs 1 and 2), written again through
    /// Debian's libminizip as libxlsxwriter writes it (16 KiB pieces, its dates and arguments),
    /// gives the same file byte for byte.
    @Test(arguments: ["momentum", "learning-rate"]) func theBinarysWorkbookIsTheFileMinizipWrites(study: String) throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = Repository.studies.appendingPathComponent("\(study).json").path
        var workbooks: [[UInt8]] = []
        for jobs in ["1", "2"] {
            let outcome = try BinaryRunner.run(["build", path, "-o", "out\(jobs)", "--format", "svg", "--jobs", jobs], in: folder)
            #expect(outcome.status == 0, "\(outcome.standardError)")
            workbooks.append([UInt8](try Data(contentsOf: folder.appendingPathComponent("out\(jobs)/\(study)/\(study).xlsx"))))
        }
        #expect(workbooks[0] == workbooks[1])
        let members = try Self.members(of: workbooks[1])
        #expect(members.count >= 10)
        let again = try #require(writeArchive(members, to: folder.appendingPathComponent("again.xlsx").path, with: .minizip))
        #expect(again.results.allSatisfy { $0 == 0 })
        #expect(again.bytes == workbooks[1], "\(again.bytes.count) bytes from minizip, \(workbooks[1].count) from sgdreport")
    }

    /// A workbook that cannot be written (a file size limit: EFBIG) fails the build with one
    /// message naming the workbook and the system's reason, with one worker and with two, and
    /// leaves no folder behind; libxlsxwriter's own line (which names the staging folder) is not
    /// printed.
    @Test(arguments: ["1", "2"]) func aWorkbookThatCannotBeWrittenFailsTheBuildAsBefore(jobs: String) throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 40 runs: a 1.4 MB workbook; no other file reaches 100 kB.
        let lrs = (0..<40).map { "\(Double(100 + 5 * $0) * 1e-7)" }.joined(separator: ", ")
        let study = """
            { "title": "Many sheets", "data": { "x": { "random": { "count": 200, "min": 1, "max": 100, "seed": 3 } }, "target": { "slope": 2, "intercept": 30 } },
              "runs": [ { "name": "line", "model": "linear", "init": 1, "epochs": 1, "optimizer": { "type": "sgd", "lr": 1e-5 }, "sweep": { "lr": [\(lrs)] } } ],
              "charts": [ { "title": "Final error against learning rate", "per": "run", "x": "lr", "y": "sqrt_sse" } ] }
            """
        try study.write(to: folder.appendingPathComponent("many.json"), atomically: true, encoding: .utf8)
        // Writes past 300 KiB fail with EFBIG (SIGXFSZ ignored, as a shell's trap '' leaves it for exec).
        let outcome = try BinaryRunner.run(
            ["-c", "trap '' XFSZ; ulimit -f 300; exec \"$0\" \"$@\"", BinaryRunner.binary.path, "build", "many.json", "-o", "out", "--jobs", jobs],
            in: folder, executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(outcome.status == 73)
        #expect(outcome.standardError.hasPrefix("error: cannot write out/many/many.xlsx: File too large\n"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("[ERROR]") && !outcome.standardError.contains(".sgdreport-staging"), "\(outcome.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).isEmpty)
    }

    /// The members of a zip file as minizip writes them (local headers one after another, sizes
    /// in them, deflated or stored), inflated, in order.
    static func members(of zip: [UInt8]) throws -> [ZipMember] {
        func value(_ at: Int, _ count: Int) -> Int { (0..<count).reduce(0) { $0 | Int(zip[at + $1]) << (8 * $1) } }
        var members: [ZipMember] = [], at = 0
        while at + 30 <= zip.count && value(at, 4) == 0x0403_4b50 {
            let method = value(at + 8, 2), compressed = value(at + 18, 4), size = value(at + 22, 4)
            let nameLength = value(at + 26, 2), extraLength = value(at + 28, 2)
            let name = String(decoding: zip[(at + 30)..<(at + 30 + nameLength)], as: UTF8.self)
            let start = at + 30 + nameLength + extraLength
            let data = Array(zip[start..<(start + compressed)])
            var content = [UInt8](repeating: 0, count: size)
            if method == 8 {
                let inflated = data.withUnsafeBytes { input in
                    content.withUnsafeMutableBytes { sgd_test_inflate_raw(input.baseAddress, input.count, $0.baseAddress, $0.count) }
                }
                #expect(inflated == size, "\(name)")
            } else {
                content = data
            }
            members.append(ZipMember(name, content))
            at = start + compressed
        }
        return members
    }
}
