import Foundation
import PlanwatchFuzzing
import PlanwatchTestSupport
import Testing

/// Crash-corpus inputs that once killed the whole process: each is replayed by `planwatch check`
/// in a child process, bounded (at most 5 s of CPU and 4 GiB of address space), so that should one
/// come back it fails its own expectation instead of stopping the suite.
@Suite struct KnownCrashTests {
    /// The inputs, with what once went wrong and the error `check` must now give (file:line:col).
    static let known: [String: (was: String, error: String)] = [
        "json/deeply-nested-labels.json":
            ("10 000 nested 'labels' objects overflowed the bulk JSON reader's stack (SIGSEGV)",
             "items.json:1:"),
        "yaml/billion-laughs.yaml":
            ("a mapping key that is an alias of 10^8 nodes ran without end",
             "rules.yaml:10:3: error: an alias (*name) cannot be a mapping key"),
    ]

    static var inputs: Set<String> { Set(known.keys) }

    @Test(arguments: known.keys.sorted())
    func aFormerCrashInputIsReportedAsAnError(input: String) throws {
        let target = try #require(FuzzTarget(rawValue: String(input.split(separator: "/")[0])))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-known-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = target == .json ? "items.json" : "rules.yaml"
        try FileManager.default.copyItem(at: CrashCorpusTests.corpus.appendingPathComponent(input),
                                         to: folder.appendingPathComponent(name))
        let output = try runProgram("/bin/sh", ["-c", "ulimit -t 5; ulimit -v 4194304; exec \"$0\" check \"$1\"",
                                                PlanwatchProcess.executable.path, folder.path])
        let known = try #require(Self.known[input])
        // 65: the data has errors, reported as diagnostics; a signal shows as its number (11, 9).
        #expect(output.status == 65, "planwatch check must report \(input), not die (\(known.was); status \(output.status))")
        #expect(output.stderr.contains(known.error), "\(output.stderr)")
    }
}
