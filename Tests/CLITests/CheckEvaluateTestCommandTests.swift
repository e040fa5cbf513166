import Foundation
import PlanwatchTestSupport
import Testing

@Suite struct CheckCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    @Test func theShippedRulesAndExampleAreValid() throws {
        let output = try PlanwatchProcess.run(["check", Self.path("rules"), Self.path("examples/stockholm")])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty, "no warnings either: \(output.stderr)")
        let fixture = try PlanwatchProcess.run(["check", Self.path("Tests/Fixtures/rules"), Self.path("Tests/Fixtures/plan")])
        #expect(fixture.status == 0, "\(fixture.stderr)")
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains(": valid"))
    }

    @Test func invalidRulesExitWithDataErrorAndEveryDiagnostic() throws {
        let corpus = Self.path("Tests/PlanwatchLoaderTests/Corpus/16-unknown-template-variable")
        let output = try PlanwatchProcess.run(["check", corpus])
        #expect(output.status == 65)
        #expect(output.stderr.contains("\(corpus)/rules.yaml:7:32: error: rule 'r1' title (sv) uses unknown variable 'item.titel'"))
        #expect(output.stderr.contains("hint: did you mean 'item.title'?"))
    }

    @Test func aMissingFileExitsWithNoInput() throws {
        let output = try PlanwatchProcess.run(["check", "/nonexistent/rules.yaml"])
        #expect(output.status == 66)
        #expect(output.stderr.contains("/nonexistent/rules.yaml: no such file or directory"))
    }

    @Test func aBadConfigurationExitsWithConfigError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-config-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("planwatch.yaml")
        try "timezone: Europe/Stokholm\nworkdays: se\nsend_at: \"25:00\"\n".write(to: config, atomically: true, encoding: .utf8)
        let output = try PlanwatchProcess.run(["check", "--config", config.path])
        #expect(output.status == 78)
        #expect(output.stderr.contains("\(config.path):1:11: error: unknown time zone 'Europe/Stokholm'"))
        #expect(output.stderr.contains("\(config.path):3:10: error: send_at must be a time HH:MM, not '25:00'"))
        #expect(try PlanwatchProcess.run(["check", "--config", folder.appendingPathComponent("absent.yaml").path]).status == 66)
    }
}

@Suite struct EvaluateCommandTests {
    static let config = CheckCommandTests.path("Tests/Fixtures/planwatch.yaml")

    @Test func jsonListsActiveFindingsWithEverythingAMessageNeeds() throws {
        let output = try PlanwatchProcess.run(["evaluate", "--config", Self.config, "--at", "2027-01-04 09:00", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["at"] as? String == "2027-01-04T09:00:00+01:00")
        let findings = try #require(json["findings"] as? [[String: Any]])
        let reminder = try #require(findings.first { $0["subject"] as? String == "ind-ledarskap" })
        #expect(reminder["stage"] as? String == "remind-28d")
        #expect(reminder["occurrence"] as? String == "2027-02-01")
        #expect((reminder["title"] as? [String: String])?["sv"] == "Årlig uppföljning: Antal medarbetare per chef")
        #expect((reminder["recipients"] as? [[String: String]])?.first?["email"] == "lena.akesson@example.se")
        #expect(json["upcoming"] is [[String: Any]] && json["occurrences"] is [[String: Any]] && json["series"] is [[String: Any]])
    }

    @Test func textIsGroupedAndAligned() throws {
        let output = try PlanwatchProcess.run(["evaluate", "--config", Self.config, "--at", "2027-01-04 09:00"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Active now ("))
        #expect(output.stdout.contains("Beginning within 14d ("))
        let header = try #require(output.stdout.split(separator: "\n").first { $0.contains("SEVERITY") })
        #expect(header.hasPrefix("  SINCE       SEVERITY  STAGE"))
    }

    @Test func aBadTimeIsADataError() throws {
        let output = try PlanwatchProcess.run(["evaluate", "--config", Self.config, "--at", "2027-02-30"])
        #expect(output.status == 65)
        #expect(output.stderr.contains("--at: invalid time '2027-02-30'"))
    }
}

@Suite struct TestCommandTests {
    @Test func theFixtureRuleTestsPass() throws {
        let folder = CheckCommandTests.path("Tests/Fixtures/tests")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".test.yaml") }.sorted()
        #expect(!files.isEmpty)
        let output = try PlanwatchProcess.run(["test"] + files.map { folder + "/" + $0 })
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains(", 0 failed"))
    }

    @Test func aFailingTestShowsExpectedAgainstFoundAndExitsOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-test-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wrong.test.yaml")
        try """
        rule_files: [\(CheckCommandTests.path("Tests/Fixtures/rules/handlingsplan-2023.yaml"))]
        plan: \(CheckCommandTests.path("Tests/Fixtures/plan"))
        tests:
          - name: expects the wrong stage
            at: 2027-01-04 09:00
            expect:
              - { rule: indikatorer-arlig-uppfoljning, subject: ind-ledarskap, stage: due }
        """.write(to: file, atomically: true, encoding: .utf8)
        let output = try PlanwatchProcess.run(["test", file.path])
        #expect(output.status == 1)
        #expect(output.stdout.contains("FAIL  expects the wrong stage"))
        #expect(output.stdout.contains("- rule=indikatorer-arlig-uppfoljning subject=ind-ledarskap stage=due"))
        #expect(output.stdout.contains("rule=indikatorer-arlig-uppfoljning subject=ind-ledarskap occurrence=2027-02-01 stage=remind-28d"))
        #expect(output.stdout.contains("FAILED: 0 passed, 1 failed"))
    }

    @Test func anInvalidTestFileIsADataError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-bad-test-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.test.yaml")
        try "rule_files: [missing.yaml]\ntests:\n  - { at: 2027-13-01 }\n".write(to: file, atomically: true, encoding: .utf8)
        let output = try PlanwatchProcess.run(["test", file.path])
        #expect(output.status == 65)
        #expect(output.stderr.contains("\(file.path):3:11: error: invalid time '2027-13-01'"))
    }
}

@Suite struct ShippedRulePackTests {
    static func path(_ relative: String) -> String { CheckCommandTests.path(relative) }

    @Test func everyPacksTestsPass() throws {
        let folder = Self.path("tests/rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".test.yaml") }.sorted()
        #expect(files.count >= 5)
        let output = try PlanwatchProcess.run(["test"] + files.map { folder + "/" + $0 })
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains(", 0 failed"))
    }

    @Test func everyShippedRuleIsShownFiringInItsTests() throws {
        let rulesFolder = Self.path("rules")
        let enumerator = FileManager.default.enumerator(atPath: rulesFolder)!
        var ruleIDs: [String] = []
        while let file = enumerator.nextObject() as? String {
            guard file.hasSuffix(".yaml") else { continue }
            let text = try String(contentsOfFile: rulesFolder + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("  - id: ") {
                ruleIDs.append(String(line.dropFirst("  - id: ".count)))
            }
        }
        #expect(ruleIDs.count >= 15)
        var tests = ""
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.path("tests/rules")) {
            tests += try String(contentsOfFile: Self.path("tests/rules/" + file), encoding: .utf8)
        }
        // Expected somewhere (firing) and, by rule or by subject, forbidden somewhere (not firing).
        for id in ruleIDs {
            #expect(tests.contains("rule: \(id), subject:"), "rule \(id) is never expected in tests/rules")
        }
        for id in ruleIDs {
            let absent = tests.components(separatedBy: "absent:").dropFirst().contains { section in
                section.components(separatedBy: "- name:")[0].contains("rule: \(id)")
            }
            #expect(absent, "rule \(id) is never shown not firing in tests/rules")
        }
    }
}

/// The loader spreads its work over the cores (files at once, a large item file in two halves,
/// the cross-checks alongside `evaluate`): the output must be what one core gives.
@Suite struct ConcurrentLoadingTests {
    /// A project with an item file past the size read in halves, and with `problems`, problems in
    /// both halves.
    static func project(problems: Bool) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-cores-\(getpid())-\(problems)")
        try? FileManager.default.removeItem(at: folder)
        for sub in ["rules", "plan"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try "timezone: Europe/Stockholm\nrules: [rules]\nplan: plan\nstate: var/state.sqlite\nspool: var/spool\n"
            .write(to: folder.appendingPathComponent("planwatch.yaml"), atomically: true, encoding: .utf8)
        try """
            group: bulk
            rules:
              - { id: uppfoljning, kind: deadline, for_each: { item: task }, remind: [28d, 7d], notify: [owner, unit.manager] }
            """.write(to: folder.appendingPathComponent("rules/bulk.yaml"), atomically: true, encoding: .utf8)
        try """
            units: [ { id: u1, name: "Enhet 1", kind: district, roles: { manager: p2 } }, { id: u2, name: "Enhet 2", kind: district } ]
            people: [ { id: p1, name: "Anna", email: anna@example.se }, { id: p2, name: "Omar", email: omar@example.se } ]
            """.write(to: folder.appendingPathComponent("plan/organisation.yaml"), atomically: true, encoding: .utf8)
        let items = (0..<12_000).map { index in
            let day = 1 + index % 28, month = 1 + index % 12
            let due = "2027-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let unit = problems && (index == 100 || index == 11_000) ? "u9" : "u\(1 + index % 2)"
            let completed = index % 10 == 0 ? #", "completed": [{"on": "2027-01-05"}]"# : ""
            return #"{"id": "t\#(index)", "kind": "task", "title": "Uppgift \#(index)", "unit": "\#(unit)", "owner": "p\#(1 + index % 2)", "due": "\#(due)"\#(completed)}"#
        }
        try ("{\"items\": [\n" + items.joined(separator: ",\n") + "\n]}\n")
            .write(to: folder.appendingPathComponent("plan/items.json"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func evaluateGivesWhatOneCoreGives() throws {
        let folder = try Self.project(problems: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["evaluate", "--config", folder.appendingPathComponent("planwatch.yaml").path, "--at", "2027-03-01 09:00",
                         "--horizon", "14d", "--format", "json"]
        let spread = try PlanwatchProcess.run(arguments)
        let oneCore = try PlanwatchProcess.run(arguments, environment: ["PLANWATCH_SEQUENTIAL": "1"])
        #expect(spread.status == 0, "\(spread.stderr)")
        #expect(spread.stdout.contains(#""subject": "t11006""#), "an item of the second half, due 2027-03-03")
        #expect(spread.stdout == oneCore.stdout)
    }

    @Test func checkReportsTheSameProblemsAtTheSameLines() throws {
        let folder = try Self.project(problems: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["check", "--config", folder.appendingPathComponent("planwatch.yaml").path]
        let spread = try PlanwatchProcess.run(arguments)
        let oneCore = try PlanwatchProcess.run(arguments, environment: ["PLANWATCH_SEQUENTIAL": "1"])
        #expect(spread.status == 65)
        // At the unit's value, in either half of the file.
        #expect(spread.stderr.contains("plan/items.json:102:64: error: item 't100' refers to unknown unit 'u9'"))
        #expect(spread.stderr.contains("plan/items.json:11002:68: error: item 't11000' refers to unknown unit 'u9'"))
        #expect(spread.stderr == oneCore.stderr)
    }
}
