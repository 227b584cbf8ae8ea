// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "resume-sync",
    products: [
        .executable(name: "resume-sync", targets: ["resume-sync"]),
        .library(name: "ResumeSyncCore", targets: ["ResumeSyncCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "ResumeSyncXML",
            dependencies: ["CLibXML2"]
        ),
        .target(
            name: "ResumeSyncCore",
            dependencies: ["ResumeSyncXML", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "resume-sync",
            dependencies: [
                "ResumeSyncCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer target: scripts/fuzz.sh builds it with --sanitize=fuzzer; a plain build
        // gives a replayer of saved inputs (see Sources/resume-sync-fuzz/FuzzEntry.swift).
        .executableTarget(
            name: "resume-sync-fuzz",
            dependencies: ["ResumeSyncCore", "ResumeSyncXML"]
        ),
        .testTarget(
            name: "ResumeSyncXMLTests",
            dependencies: ["ResumeSyncXML"]
        ),
        .testTarget(
            name: "ResumeSyncCoreTests",
            dependencies: ["ResumeSyncCore", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ResumeSyncCLITests",
            dependencies: ["resume-sync", "resume-sync-fuzz", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"]
        ),
    ]
)
