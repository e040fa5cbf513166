import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchLoader

/// `planwatch test`: rule unit tests, in the manner of `promtool test rules`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule unit tests: a plan fixture, evaluation times, expected findings.",
        discussion: """
            Each FILE names rule files, a plan (paths or inline data), an optional configuration, \
            and test cases: at a time, the findings expected (rule, subject, stage, severity, \
            occurrence, recipients — any subset) and those that must be absent. The format is \
            described in docs/rules.md ("Testing rules").

            Exit status: 0 when every test passes, 1 when one fails, 65 when a test file, rule or \
            plan is invalid, 66 when a file is missing.

            Example:
              planwatch test tests/rules/*.test.yaml
            """
    )

    @Argument(help: "Rule test files.")
    var files: [String]

    func run() throws {
        BulkMemory.growInLargeSteps()
        try reportingFailures {
            var passed = 0, failed = 0, invalid = 0
            for path in files {
                let file: RuleTestFile
                do {
                    file = try RuleTestFile.load(path: path, environment: ProcessInfo.processInfo.environment)
                } catch {
                    throw CommandFailure(.noInput, "\(error)")
                }
                for diagnostic in file.diagnostics { printError(diagnostic.description) }
                if file.hasErrors {
                    invalid += 1
                    continue
                }
                print(path)
                for result in file.run() {
                    if result.passed {
                        passed += 1
                        print("  ok    \(result.testCase.name)")
                    } else {
                        failed += 1
                        print(report(result, zone: file.configuration.timezone))
                    }
                }
            }
            if invalid > 0 {
                throw CommandFailure(.dataError, "\(invalid) test file\(invalid == 1 ? "" : "s") could not be run")
            }
            print("\(failed == 0 ? "SUCCESS" : "FAILED"): \(passed) passed, \(failed) failed")
            if failed > 0 { throw ExitCode(1) }
        }
    }

    private func report(_ result: RuleTestResult, zone: Zone) -> String {
        let local = zone.localDateTime(at: result.testCase.at)
        var lines = ["  FAIL  \(result.testCase.name) (\(result.testCase.location))",
                     "        at \(local.description) \(zone.identifier)"]
        if !result.missing.isEmpty {
            lines.append("        expected, but not found:")
            lines += result.missing.map { "          - \($0)   (\($0.location))" }
        }
        if !result.unexpected.isEmpty {
            lines.append("        found, but not expected:")
            lines += result.unexpected.map { expectation, finding in
                "          + \(describe(finding))" + (expectation.map { "   (forbidden by \($0.location))" } ?? "   (exact)")
            }
        }
        lines.append("        findings at that time:")
        lines += result.findings.isEmpty ? ["          (none)"] : result.findings.map { "            \(describe($0))" }
        return lines.joined(separator: "\n")
    }

    private func describe(_ finding: Finding) -> String {
        "rule=\(finding.rule) subject=\(finding.subject) occurrence=\(finding.occurrence) stage=\(finding.stage) "
            + "severity=\(finding.severity.rawValue) recipients=\(finding.recipients.map(\.id).sorted().joined(separator: ","))"
    }
}
