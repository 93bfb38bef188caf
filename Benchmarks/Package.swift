// swift-tools-version:6.1
// Abri's benchmarks: a separate package, so that the main build and `make test` never see them.
// Build and run through `make bench` at the root (see Docs/BENCHMARKS.md).
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its directory: whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "AbriBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "abri-primitives",
            dependencies: [.product(name: "AbriCrypto", package: root)]
        ),
    ]
)
