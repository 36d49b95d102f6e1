// swift-tools-version: 6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "sluice",
    products: [
        .executable(name: "sluice", targets: ["sluice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The seam: snapshot in, commands out. Everything else builds on these value types.
        .target(name: "SluiceModel", swiftSettings: strictSwift),
        .target(
            name: "Broker",
            dependencies: [
                "SluiceModel",
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Simulation",
            dependencies: [
                "SluiceModel", "Broker",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strictSwift,
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(name: "Dashboard", dependencies: ["SluiceModel"], swiftSettings: strictSwift,
                linkerSettings: [.linkedLibrary("m")]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "Terminal", dependencies: ["Dashboard", "CNcurses"], swiftSettings: strictSwift),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceModel", "Broker", "Simulation", "Dashboard", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(name: "SluiceModelTests", dependencies: ["SluiceModel"], swiftSettings: strictSwift),
        .testTarget(name: "BrokerTests", dependencies: ["Broker", "SluiceModel"], swiftSettings: strictSwift),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Broker", "SluiceModel"], swiftSettings: strictSwift),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "SluiceModel"], swiftSettings: strictSwift),
    ]
)
