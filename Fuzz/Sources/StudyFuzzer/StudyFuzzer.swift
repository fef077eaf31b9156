import SGDStudy

/// libFuzzer's entry point: every input is read as a study file. Whatever the bytes, the
/// reader must return a study or a located error — never crash, hang or run out of memory.
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
    return 0
}
