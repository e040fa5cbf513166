import Foundation
import PlanwatchFuzzing
import Testing

/// Every input under `CrashCorpus/TARGET/` once crashed, hung or broke an invariant of that fuzz
/// target (see docs/fuzzing.md). Replayed here, each must give a clean outcome: diagnostics or
/// acceptance, no broken invariant — and no crash, which would stop the suite.
@Suite struct CrashCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("CrashCorpus")

    /// `target/name` of every input; inputs planwatch cannot yet read safely are replayed apart
    /// (``KnownCrashTests``), in a child process.
    static var inputs: [String] {
        FuzzTarget.allCases.flatMap { target in
            ((try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(target.rawValue).path)) ?? [])
                .filter { !$0.hasPrefix(".") }
                .map { "\(target.rawValue)/\($0)" }
        }.filter { !KnownCrashTests.inputs.contains($0) }.sorted()
    }

    @Test(arguments: inputs)
    func eachCrashInputNowGivesACleanOutcome(input: String) throws {
        let target = try #require(FuzzTarget(rawValue: String(input.split(separator: "/")[0])))
        let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(input)))
        let workspace = try FuzzWorkspace()
        let outcome = target.run(bytes, in: workspace)
        #expect(outcome.violations == [], "\(input)")
    }
}
