// swift-tools-version:6.1
// libFuzzer targets for Abri's parsers of untrusted bytes: one executable per parser, each calling the matching
// `FuzzEntryPoints` function of AbriVault (`HubFuzzEntryPoints` of AbriHub, `UIFuzzEntryPoints` of AbriUI). Build and
// run them with `make fuzz` from the repository root, or:
//
//   cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
//       --scratch-path ../.build-fuzz
//   SWIFT_BACKTRACE=enable=no ../.build-fuzz/release/FuzzBundle corpus/bundle -max_total_time=60
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its directory: whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "AbriFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzIdentity", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzPublicIdentity", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzBundle", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzReport", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzStrictJSON", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzGrantBody", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzLogFrontier", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzLogDetails", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzRecordBody", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzRoster", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzSecretStream", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzPadding", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzCaseID", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzDay", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzHubChangeList", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzHubFeedPage", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzHubHead", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzLogEntry", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzInboxItem", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzCheckpoint", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzAgentFrame", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzAttachmentInfo", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzFeedCursor", dependencies: [.product(name: "AbriVault", package: root)]),
        .executableTarget(name: "FuzzHubRequest", dependencies: [.product(name: "AbriHub", package: root)]),
        .executableTarget(name: "FuzzUIForm", dependencies: [.product(name: "AbriUI", package: root)]),
        .executableTarget(name: "FuzzUIMultipart", dependencies: [.product(name: "AbriUI", package: root)]),
    ]
)
