import Foundation
import Testing
import TestSupport

/// Faults while writing: whatever happens, the previous report of the study stays intact, no
/// temporary folder is left behind, and the message says what happened.
@Suite struct WriteFaultTests {
    /// A study that trains for a minute or more (3·10⁸ updates), so that an interrupt a second
    /// in always lands during training, whatever the machine. It is built once, small, first.
    static let longStudy = #"{ "runs": [ { "name": "long", "epochs": 5000000, "record": { "every": 1000000 }, "optimizer": { "type": "sgd", "lr": 0.00001 } }, { "name": "longer", "epochs": 5000000, "record": { "every": 1000000 }, "optimizer": { "type": "sgd", "lr": 0.00002 } } ] }"#
    static let shortStudy = #"{ "runs": [ { "name": "one", "epochs": 3000, "optimizer": { "type": "sgd", "lr": 0.0001 } } ] }"#

    /// A scratch folder with `s.json` built once into `output/`; returns it and a snapshot of
    /// the report's files.
    func previousReport(_ study: String = shortStudy) throws -> (URL, [String: Data]) {
        let folder = try BinaryRunner.scratchFolder()
        try study.write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        let first = try BinaryRunner.run(["build", "s.json"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        return (folder, try snapshot(folder.appendingPathComponent("output")))
    }

    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    func leftovers(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("output").path).filter { $0.hasPrefix(".") }
    }

    @Test func theOutputPathIsAFile() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.shortStudy.write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        try "precious".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "s.json", "--output", "notes.txt"], in: folder)
        #expect(outcome.status == 73)
        #expect(outcome.standardError.contains("error: the output path notes.txt is a file, not a folder"))
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "precious")
    }

    @Test func theOutputFolderCannotBeCreated() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.shortStudy.write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        // /proc refuses new folders even to root, unlike a chmod-ed folder.
        let outcome = try BinaryRunner.run(["build", "s.json", "--output", "/proc/sgdreport-test/out"], in: folder)
        #expect(outcome.status == 73)
        #expect(outcome.standardError.contains("error: cannot create the folder /proc/sgdreport-test/out: "))
    }

    @Test func aFolderNotMadeBySgdreportIsNotReplaced() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.shortStudy.write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("output/s"), withIntermediateDirectories: true)
        try "mine".write(to: folder.appendingPathComponent("output/s/thesis.tex"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner.run(["build", "s.json"], in: folder)
        #expect(outcome.status == 73)
        #expect(outcome.standardError.contains("output/s exists and was not made by sgdreport"))
        #expect(try String(contentsOf: folder.appendingPathComponent("output/s/thesis.tex"), encoding: .utf8) == "mine")
    }

    /// A file-size limit makes writes fail with EFBIG halfway through, as a full disk does.
    @Test func aWriteFailsHalfway() throws {
        let (folder, before) = try previousReport()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.runInShell("ulimit -f 64; exec \"$SGDREPORT\" build s.json", in: folder)
        #expect(outcome.status == 73)
        // Which file hits the limit first depends on the order of the parallel writes.
        #expect(outcome.standardError.hasPrefix("error: cannot write output/s/"))
        #expect(outcome.standardError.contains(": File too large"))
        #expect(outcome.standardError.contains("the previous report of s, if any, is unchanged"))
        #expect(try snapshot(folder.appendingPathComponent("output")) == before)
        #expect(try leftovers(folder).isEmpty)
    }

    /// A real full disk: a 256 kB tmpfs in a private mount namespace, where the system allows
    /// unprivileged user namespaces (the file-size test above covers the rest).
    @Test func theDiskFills() throws {
        let probe = try BinaryRunner.runInShell("unshare --user --map-root-user --mount true", in: FileManager.default.temporaryDirectory)
        guard probe.status == 0 else {
            // Reported as skipped, not passed: nothing was checked here.
            try Test.cancel("unshare is not permitted here (\(probe.standardError.prefix(80))); aWriteFailsHalfway covers a failing write")
        }
        let (folder, _) = try previousReport()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try BinaryRunner.runInShell(
            "mkdir -p small && unshare --user --map-root-user --mount sh -c 'mount -t tmpfs -o size=256k tmpfs small && \"$SGDREPORT\" build s.json --output small/out; echo status=$?; ls -a small/out 2>/dev/null | tr \"\\n\" \" \"'",
            in: folder)
        #expect(outcome.standardOutput.contains("status=73"), "\(outcome.standardOutput) \(outcome.standardError)")
        #expect(outcome.standardError.contains("No space left on device"))
        #expect(!outcome.standardOutput.contains(".sgdreport-staging"))
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedBuildKeepsThePreviousReport(_ signal: Int32) throws {
        let (folder, before) = try previousReport()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.longStudy.write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["build", "s.json"]
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1)
        kill(process.processIdentifier, signal)
        // A broken handler fails the test instead of hanging it.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130, "\(message)")
        #expect(message.contains("interrupted; stopping (earlier reports are kept)"))
        #expect(try snapshot(folder.appendingPathComponent("output")) == before)
        #expect(try leftovers(folder).isEmpty)
    }
}

extension BinaryRunner {
    /// Runs a bash command line with `$SGDREPORT` set to the built binary.
    static func runInShell(_ script: String, in directory: URL) throws -> Outcome {
        try run(["-c", script], in: directory, environment: ["SGDREPORT": binary.path], executable: URL(fileURLWithPath: "/bin/bash"))
    }
}
