import Foundation
import Testing
import TestSupport

/// The built program exports CFixedFormat's `__snprintf_chk`, so that Cairo's SVG writer calls it
/// rather than glibc's (Package.swift's `exportFixedFormat`). Without the export the SVG files
/// stay the same but take about twice the instructions to write: nothing else would notice.
@Suite struct FixedFormatExportTests {
    @Test func theProgramExportsItsSnprintfForCairo() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nm")
        process.arguments = ["-D", "--defined-only", BinaryRunner.binary.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.split(separator: "\n").contains { $0.hasSuffix(" T __snprintf_chk") }, "nm -D printed:\n\(text.prefix(2000))")
    }
}
