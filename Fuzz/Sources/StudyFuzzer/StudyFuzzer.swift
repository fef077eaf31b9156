import SGDStudy

/// libFuzzer's entry point: every input is read as a study file and as a study's CSV data.
/// Whatever the bytes, the readers must return a study (or columns) or a located error — never
/// crash, hang or run out of memory.
/// Small limits keep a valid-but-huge study from being resolved into millions of runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStudyReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reader = StudyReader(limits: StudyLimits(maximumSteps: 1_000_000, maximumTraceValues: 10_000_000, maximumRuns: 1_000))
    do {
        let study = try reader.read(bytes: bytes, file: "fuzz.json")
        // A study that resolves must also encode and read back.
        let written = JSONWriter.write(StudyEncoder.encode(study, generator: "fuzz"))
        _ = try? reader.read(bytes: Array(written.utf8), file: "fuzz.json")
    } catch {
        // Every message must render (with its source excerpt) without trapping.
        _ = error.description
    }
    readAsCSV(bytes)
    return 0
}

/// The bytes as a CSV file: columns by number and by name, with the delimiter and the decimal
/// guessed and given. A problem must carry a line and column inside the file.
func readAsCSV(_ bytes: [UInt8]) {
    let readers = [
        CSVColumnReader(x: .number(1), y: .number(2), maximumRows: 100_000),
        CSVColumnReader(x: .name("x"), y: .name("y"), maximumRows: 100_000),
        CSVColumnReader(x: .number(2), y: nil, delimiter: ";", decimal: .comma, maximumRows: 100_000),
        CSVColumnReader(x: .number(1), y: .number(3), delimiter: "§", decimal: .point, maximumRows: 100_000),
    ]
    let lines = bytes.reduce(1) { $0 + ($1 == 10 || $1 == 13 ? 1 : 0) }
    for reader in readers {
        do {
            let columns = try reader.read(bytes)
            precondition(reader.y == nil || columns.x.count == columns.y.count)
        } catch {
            if let location = error.location {
                precondition(location.line >= 1 && location.line <= lines && location.column >= 1, "\(location) outside the file")
            }
            _ = Diagnostic(file: "fuzz.csv", path: "data.csv", location: error.location, message: error.message, hint: error.hint, sourceLine: error.lineText).description
        }
    }
}
