// swift-tools-version:6.1
// libFuzzer targets for Abri's parsers of untrusted bytes: one executable per parser, each calling the matching
// `FuzzEntryPoints` function of AbriVault. Build and run them with `make fuzz` from the repository root, or:
//
//   cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
//       --scratch-path ../.build-fuzz
//   SWIFT_BACKTRACE=enable=no ../.build-fuzz/release/FuzzBundle corpus/bundle -max_total_time=60
import PackageDescription

let package = Package(
    name: "AbriFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzIdentity", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzPublicIdentity", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzBundle", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzReport", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzStrictJSON", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzGrantBody", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzLogFrontier", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzLogDetails", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzRecordBody", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzRoster", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzSecretStream", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzPadding", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzCaseID", dependencies: [.product(name: "AbriVault", package: "main")]),
        .executableTarget(name: "FuzzDay", dependencies: [.product(name: "AbriVault", package: "main")]),
    ]
)
