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
    // `NATS` attaches to a live JetStream through the C client (apt-get install libnats-dev).
    // Off by default so a machine without libnats still builds: `swift build --traits NATS`.
    traits: [
        .trait(name: "NATS", description: "Attach to NATS JetStream through libnats (apt-get install libnats-dev)."),
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
        .systemLibrary(name: "CNats", pkgConfig: "libnats", providers: [.apt(["libnats-dev"])]),
        // Without the trait only its pure parts (mapping, advisories, text report) compile.
        .target(
            name: "AttachNATS",
            dependencies: [.target(name: "CNats", condition: .when(traits: ["NATS"])), "SluiceModel"],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceModel", "Broker", "Simulation", "Dashboard", "Terminal",
                .target(name: "AttachNATS", condition: .when(traits: ["NATS"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(name: "SluiceModelTests", dependencies: ["SluiceModel"], swiftSettings: strictSwift),
        .testTarget(name: "BrokerTests", dependencies: ["Broker", "SluiceModel"], swiftSettings: strictSwift),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Broker", "SluiceModel"], swiftSettings: strictSwift),
        // Simulation too: rendering tests draw real seeded runs of the built-in scenarios.
        // Golden screens are read by path next to the tests, not bundled.
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "SluiceModel", "Simulation"], exclude: ["Golden"],
                    swiftSettings: strictSwift),
        // Tests against a live nats-server are wrapped in `#if NATS`; the pure mapping tests always run.
        .testTarget(
            name: "AttachNATSTests",
            dependencies: ["AttachNATS", "SluiceModel", .target(name: "CNats", condition: .when(traits: ["NATS"]))],
            swiftSettings: strictSwift
        ),
    ]
)
