import Foundation
import PlanwatchCore
import PlanwatchLoader
import Testing

/// Every case under `Corpus/` is a folder of invalid rule or plan files with `expected.txt`: the
/// exact diagnostics `planwatch check` must print for it (file:line:col, severity, message, hint).
@Suite struct InvalidCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
    }

    @Test func theCorpusHasAtLeastThirtyCases() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func eachInvalidCaseGivesItsDiagnostic(name: String) throws {
        let folder = Self.corpus.appendingPathComponent(name).path
        let expected = try String(contentsOfFile: folder + "/expected.txt", encoding: .utf8)
        let project = try ProjectLoader.load(paths: [folder], configuration: Configuration())
        #expect(project.hasErrors, "\(name) must not load cleanly")
        let printed = project.diagnostics.map { $0.description.replacingOccurrences(of: folder + "/", with: "") }
        #expect(printed.joined(separator: "\n") + "\n" == expected)
    }
}

@Suite struct ValidProjectTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theShippedRulesAndExampleAreValid() throws {
        let project = try ProjectLoader.load(paths: [Self.root.appendingPathComponent("Tests/Fixtures/rules").path,
                                                     Self.root.appendingPathComponent("Tests/Fixtures/plan").path],
                                             configuration: Configuration())
        #expect(project.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        #expect(!project.rules.rules.isEmpty && !project.plan.items.isEmpty && !project.plan.measurements.isEmpty)
    }

    @Test func aReminderLongerThanTheRecurrenceIsAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-lead-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        group: g
        rules:
          - id: q
            kind: deadline
            due: quarterly
            remind: [100d]
        """.write(to: folder.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let project = try ProjectLoader.load(paths: [folder.path], configuration: Configuration())
        #expect(!project.hasErrors)
        #expect(project.diagnostics.map(\.message) == ["rule 'q' reminds 100d ahead, but occurrences come every 90 days"])
        #expect(project.diagnostics.first?.severity == .warning)
    }

    @Test func aMissingPathIsReportedAsMissingInput() {
        #expect(throws: MissingInputError.self) {
            try ProjectLoader.load(paths: ["/nonexistent/planwatch/rules"], configuration: Configuration())
        }
    }

    @Test func allProblemsOfAFileAreReportedAtOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-many-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        group: g
        rules:
          - id: a
            kind: deadline
            due: "*-13-01"
          - id: b
            kind: threshold
            metric: cases
            warning: { above: x }
          - id: c
            kind: deadline
            remind: [1q]
            severity: loud
        """.write(to: folder.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let project = try ProjectLoader.load(paths: [folder.path], configuration: Configuration())
        let lines = project.diagnostics.map { "\($0.location.line):\($0.location.column)" }
        #expect(lines == ["5:13", "9:23", "12:14", "13:15"])  // the 13 of the month, the x, the 1q, loud
    }
}
