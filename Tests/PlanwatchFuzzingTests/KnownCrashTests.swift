import Foundation
import PlanwatchFuzzing
import PlanwatchTestSupport
import Testing

/// Crash-corpus inputs that planwatch cannot yet read safely: each is replayed by `planwatch check`
/// in a child process, bounded by construction (at most 5 s of CPU and 4 GiB of address space),
/// so a crash or a runaway input fails its own expectation instead of stopping the suite.
///
/// Each is a known issue, fixed elsewhere: when the fix lands, `withKnownIssue` reports that the
/// issue no longer occurs, and the input moves to the ordinary replay (remove it from `known`).
@Suite struct KnownCrashTests {
    /// The inputs, with what goes wrong.
    static let known: [String: String] = [
        "json/deeply-nested-labels.json":
            "the bulk JSON reader has no depth limit: 10 000 nested 'labels' objects overflow the stack (SIGSEGV)",
        "yaml/billion-laughs.yaml":
            "YAML aliases are not limited: a key that is an alias of 10^8 nodes runs without end",
    ]

    static var inputs: Set<String> { Set(known.keys) }

    @Test(arguments: known.keys.sorted())
    func aKnownCrashInputIsReportedAsDiagnostics(input: String) throws {
        let target = try #require(FuzzTarget(rawValue: String(input.split(separator: "/")[0])))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-known-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = target == .json ? "items.json" : "rules.yaml"
        try FileManager.default.copyItem(at: CrashCorpusTests.corpus.appendingPathComponent(input),
                                         to: folder.appendingPathComponent(name))
        let output = try runProgram("/bin/sh", ["-c", "ulimit -t 5; ulimit -v 4194304; exec \"$0\" check \"$1\"",
                                                PlanwatchProcess.executable.path, folder.path])
        withKnownIssue(Comment(rawValue: Self.known[input] ?? input)) {
            // 65: the data has errors, reported as diagnostics; a signal shows as its number (11, 9).
            #expect(output.status == 65, "planwatch check must report \(input), not die (status \(output.status))")
        }
    }
}
