// swift-tools-version: 6.0
// sgdreport: gradient-descent studies as a batch job — traces, charts and one HTML page per study.
import PackageDescription

/// Exports CFixedFormat's `__snprintf_chk` from an executable, so that the shared libraries it
/// loads (Cairo's SVG writer) call it rather than glibc's.
let exportFixedFormat: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=__snprintf_chk"])]

/// Exports CParallelZip's minizip functions from an executable, so that libxlsxwriter (loaded with
/// dlopen, RTLD_LOCAL) calls them rather than libminizip's: the dynamic linker looks a symbol up
/// in the global scope (the executable first) before the library's own dependencies. The test
/// bundle gets the same exports with the sgdreport target EndToEndTests depends on, so tests that
/// write workbooks in-process go through CParallelZip too (the tests that need the real minizip
/// load libminizip.so.1 themselves).
let exportParallelZip: [LinkerSetting] = [.unsafeFlags(
    ["zipOpen", "zipOpenNewFileInZip4_64", "zipWriteInFileInZip", "zipCloseFileInZip", "zipClose"]
        .flatMap { ["-Xlinker", "--export-dynamic-symbol=\($0)"] })]

/// Exports XLSXWriterLoader's `__fprintf_chk` from an executable, so that libxlsxwriter's
/// messages to standard error go through it and WorkbookWriter can keep them from the terminal
/// (see messages.c); every other call is glibc's.
let exportMessages: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=__fprintf_chk"])]

let package = Package(
    name: "sgdreport",
    products: [
        .executable(name: "sgdreport", targets: ["sgdreport"]),
        // For the fuzz package in Fuzz/, which reads study files as the tool does.
        .library(name: "SGDStudy", targets: ["SGDStudy"]),
    ],
    dependencies: [
        // The command line: subcommands, help text and usage errors.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // HTML templates in `Templates/`, escaped by default (issue 4).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // CSV files a study names as its data (SPEC §4.2): quoted fields, CR/LF, any delimiter.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Pure Swift, `Double` throughout: models, derivatives, optimizers, training, signals.
        // No files, no Cairo.
        .target(name: "SGDEngine", dependencies: ["SGDKernels"]),
        // The engine's specialised training loops (issue 18), built without LLVM's SLP
        // vectoriser: packing a run's weights into one SIMD register puts shuffles on each
        // step's dependency chain (the ReLU sandwich ran at about 0.6 of the C loop with it).
        .target(name: "SGDKernels", swiftSettings: [.unsafeFlags(["-Xllvm", "-vectorize-slp=false"])]),
        // The study file: a located JSON reader, decoding with JSON paths, validation,
        // defaults and sweep expansion into one resolved value.
        .target(
            name: "SGDStudy",
            dependencies: ["SGDEngine", "SGDMarkdown", .product(name: "CSV", package: "CSV.swift")]
        ),
        // Charts as values laid out into drawing primitives; knows nothing of files or Cairo.
        .target(name: "SGDCharts"),
        // Debian's libcairo2-dev.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // Debian's libpango1.0-dev: chart text laid out with font fallback and bidi, drawn through pangocairo.
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        // libdeflate, for the PNG encoder's checksums (Debian's libdeflate-dev); it compresses on its own.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // Debian's libxlsxwriter-dev: the study as a workbook (SPEC §4.5). Its header only: the
        // library is loaded when the first workbook is written (XLSXWriterLoader), not linked.
        .systemLibrary(name: "CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // libxlsxwriter's functions that sgdreport calls, forwarded to the library loaded with
        // dlopen: linked, it and libcrypto cost every process ~1.9 ms of start-up (issue 18).
        // DWARF 4 like the Swift objects: valgrind 3.19 cannot read the binary with clang's default DWARF 5 in it.
        .target(name: "XLSXWriterLoader", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // Cairo's SVG numbers ("%f") formatted exactly as glibc does, in a quarter of the instructions: the executables
        // export its `__snprintf_chk`, which Cairo's calls then bind to (see fixed_format.c).
        // DWARF 4: Debian's valgrind 3.19 (callgrind, which BENCHMARKS.md's profiles use) cannot read clang's DWARF 5.
        .target(name: "CFixedFormat", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // The workbook's zip written as minizip writes it, its members deflated on `--jobs` worker
        // threads (issue 18): libxlsxwriter's calls bind to it through the executable's exports
        // (see parallel_zip.c). zlib is Debian's zlib1g-dev. DWARF 4 for valgrind, as above.
        .target(name: "CParallelZip", cSettings: [.unsafeFlags(["-gdwarf-4"])], linkerSettings: [.linkedLibrary("z")]),
        // Turns chart primitives into PNG and SVG through Cairo.
        .target(name: "SGDCairo", dependencies: ["CCairo", "CPango", "CDeflate", "CFixedFormat", "SGDCharts"]),
        // Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev (no pkg-config file for the
        // extensions, so the module map links both).
        .systemLibrary(name: "CCmarkGFM", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // Markdown of descriptions and captions as safe HTML, through the CommonMark reference parser.
        .target(name: "SGDMarkdown", dependencies: ["CCmarkGFM"]),
        // Runs a resolved study and writes its folder: traces, charts, the page (atomically).
        .target(
            name: "SGDReport",
            dependencies: [
                "SGDEngine", "SGDStudy", "SGDCharts", "SGDCairo", "SGDMarkdown", "CXLSXWriter", "XLSXWriterLoader", "CParallelZip",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The command line as a library, so tests can drive its parsing entry point.
        .target(
            name: "SGDCommandLine",
            dependencies: [
                "SGDStudy", "SGDReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "sgdreport", dependencies: ["SGDCommandLine"], linkerSettings: exportFixedFormat + exportParallelZip + exportMessages),
        // The workloads of Benchmarks/run that the command line does not expose on their own.
        .executableTarget(name: "sgdreport-bench", dependencies: ["SGDEngine", "SGDCharts", "SGDCairo"], linkerSettings: exportFixedFormat),
        // Workload 7: reading a study's CSV data (it loads Foundation, which sgdreport-bench avoids).
        .executableTarget(name: "sgdreport-bench-csv", dependencies: ["SGDStudy"]),

        // What every test target shares: the repository's folders, golden files that fail when
        // recording, and one way to run the built binary.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SGDEngineTests", dependencies: ["SGDEngine", "TestSupport"]),
        .testTarget(
            name: "SGDStudyTests", dependencies: ["SGDStudy", "SGDEngine", "TestSupport", .product(name: "CSV", package: "CSV.swift")],
            exclude: ["HostileInputs"]),
        .testTarget(name: "SGDChartsTests", dependencies: ["SGDCharts", "SGDEngine", "TestSupport"]),
        .testTarget(name: "SGDCairoTests", dependencies: ["SGDCairo", "CFixedFormat", "SGDCharts", "SGDEngine", "TestSupport"]),
        .testTarget(name: "SGDMarkdownTests", dependencies: ["SGDMarkdown", "TestSupport"]),
        // zlib calls the zip tests make themselves (one-call deflate, inflate).
        .target(name: "CZipTestSupport", path: "Tests/CZipTestSupport", linkerSettings: [.linkedLibrary("z")]),
        // CParallelZip against Debian's libminizip, loaded on its own in the test, and the built
        // binary's workbooks against what minizip writes for the same members.
        .testTarget(name: "CParallelZipTests", dependencies: ["CParallelZip", "CZipTestSupport", "SGDEngine", "SGDReport", "XLSXWriterLoader", "TestSupport", "sgdreport"]),
        .testTarget(
            name: "SGDReportTests", dependencies: ["SGDReport", "SGDStudy", "SGDEngine", "SGDCharts", "CParallelZip", "TestSupport"],
            exclude: ["StudyJSON"]),
        // The command line through its parsing entry point, without the binary.
        .testTarget(name: "SGDCommandLineTests", dependencies: ["SGDCommandLine", "SGDReport", "SGDStudy", "TestSupport"], exclude: ["Help"]),
        // Runs the built binary on real studies, and the pages in a real browser.
        .testTarget(name: "EndToEndTests", dependencies: ["SGDCommandLine", "SGDStudy", "SGDReport", "sgdreport", "TestSupport"]),
    ]
)
