// swift-tools-version:6.1

import PackageDescription

let package = Package(
    name: "planwatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "planwatch", targets: ["planwatch"]),
        .library(name: "PlanwatchCore", targets: ["PlanwatchCore"]),
        .library(name: "PlanwatchReport", targets: ["PlanwatchReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // libsystemd (journal, sd_notify) through pkg-config.
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // glibc's allocator tuning (mallopt), for the commands that read a whole plan at once.
        .systemLibrary(name: "CMalloc"),
        // Pure core: model, calendar & working days, rules, evaluation. No I/O.
        .target(
            name: "PlanwatchCore",
            dependencies: [.product(name: "Mustache", package: "swift-mustache")]
        ),
        // The compliance report rendered: text, CSV, one self-contained HTML file. Pure, bytes out.
        .target(name: "PlanwatchReport", dependencies: ["PlanwatchCore"]),
        // YAML/JSON/CSV → model, with source positions and collected diagnostics.
        .target(
            name: "PlanwatchLoader",
            dependencies: ["PlanwatchCore", .product(name: "Yams", package: "Yams")]
        ),
        // The state: SQLite (GRDB) by default, PostgreSQL (postgres-nio) for high availability;
        // notification ledger, alert states, silences, run log, leadership, outbox; migrations.
        .target(
            name: "PlanwatchState",
            dependencies: ["PlanwatchCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        // Journal sink, mail composer (RFC 5322/MIME, iCalendar), Maildir spool, sendmail transport.
        .target(
            name: "PlanwatchOutput",
            dependencies: ["PlanwatchCore", "CSystemd", .product(name: "Logging", package: "swift-log")]
        ),
        // The pipeline run on a schedule: the cycle, and (later) the service, reload, sd_notify.
        .target(
            name: "PlanwatchDaemon",
            dependencies: ["PlanwatchCore", "PlanwatchLoader", "PlanwatchReport", "PlanwatchState", "PlanwatchOutput", "CSystemd",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "UnixSignals", package: "swift-service-lifecycle")]
        ),
        // The command line.
        .executableTarget(
            name: "planwatch",
            dependencies: [
                "PlanwatchCore",
                "PlanwatchReport",
                "PlanwatchLoader",
                "PlanwatchState",
                "PlanwatchOutput",
                "PlanwatchDaemon",
                "CSystemd",
                "CMalloc",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets (runs the built binary).
        .target(name: "PlanwatchTestSupport"),
        // The fuzz targets (readers, calendar expressions, templates) over public API: driven by
        // libFuzzer in `make fuzz`, replayed on the crash corpus by PlanwatchFuzzingTests.
        .target(
            name: "PlanwatchFuzzing",
            dependencies: ["PlanwatchCore", "PlanwatchLoader", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(name: "PlanwatchCoreTests", dependencies: ["PlanwatchCore"]),
        .testTarget(name: "PlanwatchReportTests", dependencies: ["PlanwatchReport", "PlanwatchCore"]),
        .testTarget(name: "PlanwatchStateTests", dependencies: ["PlanwatchState", "PlanwatchCore", "PlanwatchTestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "PlanwatchOutputTests", dependencies: ["PlanwatchOutput", "PlanwatchCore", "PlanwatchTestSupport", .product(name: "Logging", package: "swift-log")], exclude: ["Replies"]),
        .testTarget(name: "PlanwatchLoaderTests", dependencies: ["PlanwatchLoader", "PlanwatchCore", "PlanwatchTestSupport"], exclude: ["Corpus"]),
        .testTarget(name: "CLITests", dependencies: ["PlanwatchCore", "PlanwatchLoader", "PlanwatchOutput", "PlanwatchTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "PlanwatchDaemonTests", dependencies: ["PlanwatchDaemon", "PlanwatchCore", "PlanwatchState", "PlanwatchOutput", "PlanwatchLoader"]),
        .testTarget(name: "PlanwatchFuzzingTests", dependencies: ["PlanwatchFuzzing", "PlanwatchTestSupport"], exclude: ["CrashCorpus"]),
        // Against real components: systemd-analyze, journald, Postfix.
        .testTarget(name: "IntegrationTests", dependencies: ["PlanwatchCore", "PlanwatchTestSupport"], exclude: ["Scripts"]),
    ]
)

// libFuzzer's driver, only for `make fuzz` (PLANWATCH_FUZZ=1, built with -sanitize=fuzzer): it has
// no entry point of its own without libFuzzer, so a plain `swift build` must not see it.
if Context.environment["PLANWATCH_FUZZ"] != nil {
    package.targets += [
        .target(name: "CPlanwatchFuzz", path: "Fuzz/CPlanwatchFuzz"),
        .executableTarget(name: "planwatch-fuzz", dependencies: ["PlanwatchFuzzing", "CPlanwatchFuzz"], path: "Fuzz/planwatch-fuzz"),
    ]
}

for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    // Require `any` for existential types.
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // Only what a file imports is visible in it.
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // `import` is internal unless written `public import`.
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
