// sgdreport-bench-csv: workload 7 of Benchmarks/run — a study's CSV data read as `build` reads it
// (file → bytes → the x and y columns as doubles), timed inside the process and printed as one
// JSON line. Its own executable because the CSV reader loads Foundation, which sgdreport-bench
// keeps out of its small-chart timings.
//
//   sgdreport-bench-csv ROWS FILE    writes FILE unless it exists (ROWS rows as a German Excel
//                                    exports them: BOM, CRLF, `;`, decimal commas, a text
//                                    column), then reads it; prints wall-clock and CPU seconds
import Foundation
import SGDStudy

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2, let rows = Int(arguments[0]), rows > 0 else {
    FileHandle.standardError.write(Data("usage: sgdreport-bench-csv ROWS FILE\n".utf8))
    exit(64)
}
let path = arguments[1]
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

if !FileManager.default.fileExists(atPath: path) {
var text = "\u{FEFF}Stunden;Punkte;Notiz\r\n"
text.reserveCapacity(rows * 32)
for i in 0..<rows {
    let x = i % 100
    text += "\(x),\(i % 10);\(2 * x + 30),\(i % 10);Zeile \(i + 1)\r\n"
}
try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

let start = DispatchTime.now().uptimeNanoseconds
let cpuStart = cpuSeconds()
let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
let columns = try CSVColumnReader(x: .name("Stunden"), y: .name("Punkte")).read(bytes)
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let cpu = cpuSeconds() - cpuStart
guard columns.x.count == rows, columns.y[rows - 1] == Double(2 * ((rows - 1) % 100) + 30) + Double((rows - 1) % 10) / 10 else {
    FileHandle.standardError.write(Data("the columns read back wrong\n".utf8))
    exit(1)
}
print("{\"workload\":\"csv\",\"rows\":\(rows),\"bytes\":\(bytes.count),\"seconds\":\(seconds),\"cpuSeconds\":\(cpu),\"rowsPerSecond\":\(Double(rows) / seconds),\"sumX\":\(columns.x.reduce(0, +))}")
