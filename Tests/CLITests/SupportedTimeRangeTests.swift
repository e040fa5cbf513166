import Foundation
import PlanwatchTestSupport
import Testing

/// Times outside 1970–2199 are refused where they are given, as data errors (65) with a message:
/// they used to trap on an arithmetic overflow (exit 132) or, for `9999-01-01`, to evaluate
/// without end.
@Suite struct SupportedTimeRangeTests {
    static let config = CheckCommandTests.path("Tests/Fixtures/planwatch.yaml")
    static let refusal = "outside the supported range 1970-01-01 00:00:00 to 2199-12-31 23:59:59 UTC (@0 to @7258118399)"

    @Test(arguments: ["@99999999999999", "9999-01-01 09:00", "2200-01-01"])
    func evaluateRefusesATimeOutsideTheRange(at: String) throws {
        let output = try PlanwatchProcess.run(["evaluate", "--config", Self.config, "--at", at])
        #expect(output.status == 65)
        #expect(output.stderr == "planwatch: evaluate: --at: invalid time '\(at)': \(Self.refusal)\n")
    }

    @Test(arguments: ["@9223372036854775807", "@99999999999999", "1969-12-31 23:59:59 UTC"])
    func calendarRefusesABaseTimeOutsideTheRange(base: String) throws {
        let output = try PlanwatchProcess.run(["calendar", "daily", "--base-time", base, "--timezone", "UTC"])
        #expect(output.status == 65)
        #expect(output.stderr == "planwatch: calendar: invalid time '\(base)': \(Self.refusal)\n")
    }

    @Test func theLastSecondOfTheRangeIsEvaluated() throws {
        let output = try PlanwatchProcess.run(["evaluate", "--config", Self.config, "--at", "@7258118399", "--horizon", "30d"])
        #expect(output.status == 0, "\(output.stderr)")
    }
}
