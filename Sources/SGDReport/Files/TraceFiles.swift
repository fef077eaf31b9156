import SGDEngine
import SGDStudy

/// Writes SPEC §2's CSV files: `<run>.steps.csv`, `<run>.epochs.csv`, `<signal>.csv`.
enum TraceFiles {
    /// Rows are formatted in blocks of at most `blockValues` numbers (and 4,096 rows), with a
    /// check of `cancellation` before each: a row of a wide network has millions.
    static let blockValues = 1 << 16

    /// `progress`, if given, hears the share of the rows written (0…1) after each block.
    ///
    /// - Throws: `BuildError.interrupted` when `cancellation` is raised (checked between blocks
    ///   of rows), or the write that failed.
    static func writeSteps(
        _ trace: StepTrace, to path: String, cancellation: CancellationFlag = CancellationFlag(), progress: ((Double) -> Void)? = nil
    ) throws(BuildError) {
        let file = try OutputFile(path: path)
        try file.append(CSVFormat.header(trace.columns))
        let width = trace.width
        let empty = Set(trace.layout.emptyColumns.compactMap { trace.index(of: $0) })
        let values = trace.values
        let blockRows = max(1, min(4096, Self.blockValues / max(1, width)))
        var row = 0
        while row < trace.rowCount {
            if cancellation.isCancelled { throw .interrupted }
            // Format a block of rows at a time between flush checks.
            let end = min(trace.rowCount, row + blockRows)
            try file.withBuffer { buffer in
                for r in row..<end {
                    let base = r * width
                    for c in 0..<width {
                        if c > 0 { buffer.append(UInt8(ascii: ",")) }
                        if !empty.isEmpty && empty.contains(c) { continue }
                        CSVFormat.append(values[base + c], to: &buffer)
                    }
                    buffer.append(UInt8(ascii: "\n"))
                }
            }
            row = end
            progress?(Double(row) / Double(trace.rowCount))
        }
        try file.finish()
    }

    /// - Throws: `BuildError.interrupted` when `cancellation` is raised (checked every 4,096
    ///   rows), or the write that failed.
    static func writeEpochs(_ trace: EpochTrace, to path: String, cancellation: CancellationFlag = CancellationFlag()) throws(BuildError) {
        let file = try OutputFile(path: path)
        try file.append(CSVFormat.header(trace.columns))
        for index in 0..<trace.count {
            if index & 0xFFF == 0 && cancellation.isCancelled { throw .interrupted }
            try file.withBuffer { buffer in
                for (c, value) in trace.row(index).enumerated() {
                    if c > 0 { buffer.append(UInt8(ascii: ",")) }
                    CSVFormat.append(value, to: &buffer)
                }
                buffer.append(UInt8(ascii: "\n"))
            }
        }
        try file.finish()
    }

    static func writeSignal(_ series: SignalSeries, to path: String) throws(BuildError) {
        let file = try OutputFile(path: path)
        try file.append(CSVFormat.header(series.columns))
        for i in 0..<series.values.count {
            try file.withBuffer { buffer in
                CSVFormat.appendInteger(Int64(i + 1), to: &buffer)
                buffer.append(UInt8(ascii: ","))
                CSVFormat.append(series.x[i], to: &buffer)
                buffer.append(UInt8(ascii: ","))
                CSVFormat.append(series.values[i], to: &buffer)
                if let ewma = series.ewma {
                    buffer.append(UInt8(ascii: ","))
                    CSVFormat.append(ewma[i], to: &buffer)
                }
                if let debiased = series.debiased {
                    buffer.append(UInt8(ascii: ","))
                    CSVFormat.append(debiased[i], to: &buffer)
                }
                buffer.append(UInt8(ascii: "\n"))
            }
        }
        try file.finish()
    }
}
