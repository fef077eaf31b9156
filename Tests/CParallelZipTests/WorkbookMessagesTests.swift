import CXLSXWriter
import Foundation
import Testing
@testable import SGDReport
import XLSXWriterLoader

/// libxlsxwriter's messages to standard error go through XLSXWriterLoader's exported
/// `__fprintf_chk` (this test bundle gets the executable's exports, like the zip functions): kept
/// on a thread that captures them, printed otherwise; the workbook writer reads a zip failure's
/// system reason from them.
@Suite struct WorkbookMessagesTests {
    @Test func libxlsxwritersMessagesAreKeptWhileCapturing() throws {
        #expect(sgd_xlsxwriter_load() != 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messages-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 0)
        let workbook = try #require(workbook_new_opt(folder.appendingPathComponent("m.xlsx").path, &options))
        sgd_xlsxwriter_capture_messages(1)
        // An unknown chart type: libxlsxwriter warns (and makes a chart no sheet shows).
        _ = workbook_add_chart(workbook, 250)
        let kept = String(cString: sgd_xlsxwriter_captured_messages())
        sgd_xlsxwriter_capture_messages(0)
        #expect(kept.contains("[WARNING]: workbook_add_chart(): unhandled chart type '250'"), "\(kept)")
        #expect(String(cString: sgd_xlsxwriter_captured_messages()).isEmpty)
        // Another thread's capture is its own.
        let other = Thread { sgd_xlsxwriter_capture_messages(1) }
        other.start()
        while !other.isFinished { usleep(100) }
        #expect(String(cString: sgd_xlsxwriter_captured_messages()).isEmpty)
        _ = workbook_add_worksheet(workbook, "s")
        #expect(workbook_close(workbook) == LXW_NO_ERROR)
        #expect(String(cString: sgd_xlsxwriter_captured_messages()).isEmpty)
    }

    @Test(arguments: [
        ("[ERROR] workbook_close(): Zip ZIP_ERRNO error while creating xlsx file 'o/.s/w.xlsx'. System error = File too large\n", "File too large"),
        ("… System error = No space left on device\n[WARNING]: later\n", "No space left on device"),
        ("[ERROR] workbook_close(): Error creating 'o/w.xlsx'. System error = Permission denied", "Permission denied"),
        ("[ERROR] workbook_close(): Zip ZIP_PARAMERROR error while creating xlsx file 'w.xlsx'.\n", nil),
        ("", nil),
    ] as [(String, String?)])
    func aZipFailuresSystemReasonIsReadFromTheMessage(_ messages: String, reason: String?) {
        #expect(WorkbookWriter.systemError(in: messages) == reason)
    }
}
