// sgdreport-bench: the workloads of Benchmarks/run that the sgdreport command line does not
// expose on their own — training without files, and one chart from generated data — each
// timed inside the process and printed as one JSON line. No Foundation: loading it (and ICU)
// would be most of a small chart's whole-process time.
//
//   sgdreport-bench train linear|relu STEPS [--trace]
//   sgdreport-bench sweep linear|relu RUNS STEPS     (RUNS runs interleaved, STEPS updates each)
//   sgdreport-bench chart POINTS png|svg FILE
//   sgdreport-bench landscape GRID png|svg FILE
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import SGDCairo
import SGDCharts
import SGDEngine

func fail(_ message: String) -> Never {
    var line = message + "\n"
    line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    exit(64)
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The process's CPU time: what a busy, shared machine changes least.
func cpuNow() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return now() - start
}

func write(_ bytes: [UInt8], to path: String) {
    guard let file = fopen(path, "wb") else { fail("cannot write \(path)") }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    guard fclose(file) == 0, written == bytes.count else { fail("cannot write \(path)") }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    fail("usage: sgdreport-bench train linear|relu STEPS [--trace] | chart POINTS png|svg FILE | landscape GRID png|svg FILE")
}
// A chart's fonts (fontconfig and Pango, ~28 M instructions) are set up on another core while
// its data is made, as `sgdreport build` sets them up while it trains; `CairoRenderer()` waits
// for them.
if command == "chart" || command == "landscape" {
    DispatchQueue.global().async { _ = CairoTextMeasurer.shared }
}

switch command {
case "train":
    guard arguments.count >= 3, let steps = Int(arguments[2]) else { fail("usage: sgdreport-bench train linear|relu STEPS [--trace]") }
    let trace = arguments.contains("--trace")
    let network: Network
    switch arguments[1] {
    case "linear": network = .linear
    case "relu": network = Network(layers: [Layer(units: 1, activation: .relu), Layer(units: 1)])
    default: fail("model must be linear or relu")
    }
    let epochs = max(1, steps / Dataset.graddesc.count)
    // Without a trace, record only the first and last steps and epochs: training alone.
    let setup = TrainingSetup(
        network: network, data: .graddesc, initialParameters: Array(repeating: 1, count: network.parameterCount),
        epochs: epochs, optimizer: .sgd(lr: 0.0001), recordEvery: trace ? 1 : Int.max / 2,
        recordEpochs: trace ? 1 : Int.max / 2)
    var result: TrainingResult?
    let cpuStart = cpuNow()
    let elapsed = seconds { result = Trainer(setup).run() }
    let cpu = cpuNow() - cpuStart
    let done = result!.stepCount
    print("{\"workload\":\"train\",\"model\":\"\(arguments[1])\",\"trace\":\(trace),\"steps\":\(done),\"seconds\":\(elapsed),\"stepsPerSecond\":\(Double(done) / elapsed),\"cpuSeconds\":\(cpu),\"stepsPerCPUSecond\":\(Double(done) / cpu),\"recordedRows\":\(result!.steps.rowCount),\"a\":\(result!.finalParameters[0])}")

case "sweep":
    // RUNS runs of one model on the workbook's rows, lr_k = 10⁻⁴·(1 − k/(2·RUNS)) (the rates
    // Benchmarks/c/chain.c uses for its runs one after another), trained interleaved.
    guard arguments.count >= 4, let runs = Int(arguments[2]), let steps = Int(arguments[3]), runs >= 1 else {
        fail("usage: sgdreport-bench sweep linear|relu RUNS STEPS")
    }
    let network = arguments[1] == "relu" ? Network(layers: [Layer(units: 1, activation: .relu), Layer(units: 1)]) : Network.linear
    let epochs = max(1, steps / Dataset.graddesc.count)
    let setups = (0..<runs).map { k in
        TrainingSetup(
            network: network, data: .graddesc, initialParameters: Array(repeating: 1, count: network.parameterCount),
            epochs: epochs, optimizer: .sgd(lr: 0.0001 * (1 - Double(k) / Double(2 * runs))), recordEvery: Int.max / 2,
            recordEpochs: Int.max / 2)
    }
    var results: [TrainingResult] = []
    let cpuStart = cpuNow()
    let elapsed = seconds { results = (try? InterleavedTraining.run(setups) { _ in true }) ?? [] }
    let cpu = cpuNow() - cpuStart
    let done = results.map(\.stepCount).reduce(0, +)
    let weights = results.map { "\($0.finalParameters[0])" }.joined(separator: ",")
    print("{\"workload\":\"sweep\",\"model\":\"\(arguments[1])\",\"runs\":\(runs),\"steps\":\(done),\"seconds\":\(elapsed),\"stepsPerSecond\":\(Double(done) / elapsed),\"cpuSeconds\":\(cpu),\"stepsPerCPUSecond\":\(Double(done) / cpu),\"a\":[\(weights)]}")

case "chart":
    guard arguments.count >= 4, let points = Int(arguments[1]) else { fail("usage: sgdreport-bench chart POINTS png|svg FILE") }
    // A noisy random walk: the hardest kind of line to draw, and the same on both sides.
    var generator = SeededGenerator(seed: 1)
    var y = [Double](repeating: 0, count: points)
    var value = 0.0
    for i in 0..<points {
        value += generator.nextDouble(from: -1, to: 1)
        y[i] = value
    }
    let x = (0..<points).map(Double.init)
    let chart = Chart(title: "\(points) points", xLabel: "step", yLabel: "value", series: [Series(name: "random walk", x: x, y: y, style: .line)])
    let renderer = try CairoRenderer()
    var bytes: [UInt8] = []
    let elapsed = try seconds {
        bytes = arguments[2] == "svg" ? try renderer.svg(chart) : try renderer.png(chart)
    }
    write(bytes, to: arguments[3])
    print("{\"workload\":\"chart\",\"points\":\(points),\"format\":\"\(arguments[2])\",\"renderSeconds\":\(elapsed),\"bytes\":\(bytes.count)}")

case "landscape":
    // The optimizers study's landscape: the SSE of y = a·x + b over the workbook's 29 rows on a
    // GRID × GRID grid of a and b, its logarithmic contour levels, and one SGD path through it
    // (50 epochs, drawn through the epoch ends), laid out and rendered. The training is not timed.
    guard arguments.count >= 4, let size = Int(arguments[1]), size >= 2 else { fail("usage: sgdreport-bench landscape GRID png|svg FILE") }
    let setup = TrainingSetup(network: .linear, data: .graddesc, initialParameters: [1, 1], epochs: 50, optimizer: .sgd(lr: 0.0001))
    let epochs = Trainer(setup).run().epochs.rows
    let path = Series(name: "SGD", x: [1] + epochs.map { $0.parameters[0] }, y: [1] + epochs.map { $0.parameters[1] }, style: .line)
    let renderer = try CairoRenderer()
    var bytes: [UInt8] = []
    var gridSeconds = 0.0
    let elapsed = try seconds {
        let xs = (0..<size).map { 0.85 + 1.9 * Double($0) / Double(size - 1) }
        let ys = (0..<size).map { -2.6 + 35.3 * Double($0) / Double(size - 1) }
        var field: GridField?
        gridSeconds = seconds {
            field = GridField(xs: xs, ys: ys, values: Network.linear.sumOfSquaredErrorsGrid(
                on: .graddesc, parameters: [1, 1], x: 0, values: xs, y: 1, values: ys))
        }
        let finite = field!.values.filter(\.isFinite)
        var chart = Chart(title: "SSE over a and b, \(size)×\(size) grid", xLabel: "a", yLabel: "b", series: [path],
                          annotations: [.point(x: 2, y: 30, label: "minimum")], xDomain: xs[0]...xs[size - 1], yDomain: ys[0]...ys[size - 1])
        chart.contours = ContourOverlay(field: field!, levels: Contours.logLevels(low: finite.min() ?? 0, high: finite.max() ?? 0))
        bytes = arguments[2] == "svg" ? try renderer.svg(chart) : try renderer.png(chart)
    }
    write(bytes, to: arguments[3])
    print("{\"workload\":\"landscape\",\"grid\":\(size),\"format\":\"\(arguments[2])\",\"seconds\":\(elapsed),\"gridSeconds\":\(gridSeconds),\"bytes\":\(bytes.count)}")

default:
    fail("unknown workload \(command)")
}
