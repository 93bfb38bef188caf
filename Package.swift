// swift-tools-version:6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Abri",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AbriCrypto", targets: ["AbriCrypto"]),
        .library(name: "AbriPublic", targets: ["AbriPublic"]),
        .library(name: "AbriVault", targets: ["AbriVault"]),
        // For the fuzz targets of Fuzz/ (the hub's request authentication, the web interface's forms).
        .library(name: "AbriHub", targets: ["AbriHub"]),
        .library(name: "AbriUI", targets: ["AbriUI"]),
        .executable(name: "abri", targets: ["abri"]),
        .executable(name: "abri-hub", targets: ["abri-hub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .target(name: "AbriCrypto", dependencies: ["CSodium"], swiftSettings: upcoming),
        .target(name: "CFileSync"),
        // SQLite's session extension: the rows a transaction changed, for a replica's push (Docs/FORMAT.md §7.4).
        .target(name: "CSQLiteSession", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The public formats (identities, roster, heads, the log tree, the hub's wire): what the vault and the hub
        // share. Nothing in it handles a case key.
        .target(name: "AbriPublic", dependencies: ["AbriCrypto"], swiftSettings: upcoming),
        .target(
            name: "AbriHub",
            dependencies: [
                "AbriPublic", "AbriCrypto",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "abri-hub",
            dependencies: ["AbriHub", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: upcoming
        ),
        // The store interface: the rows of Docs/FORMAT.md as the domain reads and writes them, sealed bytes only.
        .target(name: "AbriStore", dependencies: ["AbriPublic"], swiftSettings: upcoming),
        // The store on SQLite: the one module that speaks SQL (through GRDB).
        .target(
            name: "AbriStoreSQLite",
            dependencies: ["AbriStore", "AbriPublic", "CSQLiteSession", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: upcoming
        ),
        .target(
            name: "AbriVault",
            dependencies: ["AbriPublic", "AbriCrypto", "AbriStore", "AbriStoreSQLite", "CFileSync"],
            swiftSettings: upcoming
        ),
        // A replica's traffic with its hub (Docs/FORMAT.md §7): the vault links no networking code of its own.
        .target(name: "AbriSync", dependencies: ["AbriVault", "AbriPublic"], swiftSettings: upcoming),
        // The local web interface (`abri ui`): a Hummingbird server on 127.0.0.1, over the same sessions as the CLI.
        .target(
            name: "AbriUI",
            dependencies: ["AbriVault", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "abri",
            dependencies: ["AbriVault", "AbriSync", "AbriUI", "AbriCrypto", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: upcoming
        ),
        .testTarget(name: "AbriCryptoTests", dependencies: ["AbriCrypto"], swiftSettings: upcoming),
        .testTarget(
            name: "AbriVaultTests",
            dependencies: ["AbriVault", "AbriCrypto", .product(name: "PropertyBased", package: "swift-property-based"),
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: upcoming
        ),
        // What the tests share: child processes without Foundation's Process, a throwaway PostgreSQL cluster, a hub.
        .target(name: "AbriTestSupport", path: "Tests/Support", swiftSettings: upcoming),
        .testTarget(name: "AbriCLITests", dependencies: ["abri", "AbriUI", "AbriVault", "AbriCrypto", "AbriTestSupport", "AbriStore",
                                                   .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: upcoming),
        .testTarget(
            name: "AbriHubTests",
            dependencies: ["abri-hub", "AbriHub", "AbriPublic", "AbriCrypto", "AbriTestSupport"],
            swiftSettings: upcoming
        ),
    ]
)
