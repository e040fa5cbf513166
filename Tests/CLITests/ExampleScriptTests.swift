import Foundation
import PlanwatchTestSupport
import Testing

/// `make example` (scripts/example) on a copy of the shipped example, run as a person would: at a
/// later day with `PLANWATCH_AT`, then today, then later again — in any order, each run works and
/// sends no stage older than one an occurrence already got.
@Suite struct ExampleScriptTests {
    @Test func theExampleRunsWithAndWithoutPlanwatchAtInAnyOrder() throws {
        let root = PlanwatchProcess.root
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        let manager = FileManager.default
        try manager.createDirectory(at: copy.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try manager.createDirectory(at: copy.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try manager.createDirectory(at: copy.appendingPathComponent("tests"), withIntermediateDirectories: true)
        try manager.copyItem(at: root.appendingPathComponent("scripts/example"), to: copy.appendingPathComponent("scripts/example"))
        try manager.copyItem(at: root.appendingPathComponent("rules"), to: copy.appendingPathComponent("rules"))
        try manager.copyItem(at: root.appendingPathComponent("tests/rules"), to: copy.appendingPathComponent("tests/rules"))
        try manager.copyItem(at: root.appendingPathComponent("examples/stockholm"), to: copy.appendingPathComponent("examples/stockholm"))
        try? manager.removeItem(at: copy.appendingPathComponent("examples/stockholm/var"))

        let script = copy.appendingPathComponent("scripts/example").path
        let binary = PlanwatchProcess.executable.path
        var outputs: [String] = []
        for at in ["2027-01-25 09:00", nil, "2027-03-01 09:00", "2027-01-04 09:00"] as [String?] {
            var environment = ["PLANWATCH": binary]
            if let at { environment["PLANWATCH_AT"] = at }
            let run = try runProgram("/bin/bash", [script], environment: environment)
            #expect(run.status == 0, "PLANWATCH_AT=\(at ?? "(none)"): \(run.stderr)\n\(run.stdout.suffix(2000))")
            outputs.append(run.stdout)
        }
        // A run set back in time says what it held back rather than sending older stages.
        let setBack = try #require(outputs.last)
        #expect(setBack.contains("a later stage was sent already: the clock was set back"), "\(setBack.prefix(3000))")
        #expect(outputs.allSatisfy { $0.contains("SUCCESS:") })
    }
}
