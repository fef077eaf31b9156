// swift-tools-version: 6.0
// A libFuzzer target for the study reader (decode + validate + resolve). Built on its own so
// that the main package's `swift build` never needs the fuzzer runtime:
//   Fuzz/run 60        fuzz for 60 seconds (see README.md, "Fuzzing")
import PackageDescription

let package = Package(
    name: "sgdreport-fuzz",
    dependencies: [.package(name: "sgdreport", path: "..")],
    targets: [
        .target(name: "FuzzerEntry"),
        .executableTarget(
            name: "StudyFuzzer",
            dependencies: ["FuzzerEntry", .product(name: "SGDStudy", package: "sgdreport")]
        ),
    ]
)
