public import PlanwatchCore
import Foundation
import Yams

/// A rule test file, in the manner of `promtool test rules`: rules, a plan fixture, and at given
/// times the findings expected (or expected not to be there).
///
/// ```yaml
/// rule_files: [../rules/stockholm/handlingsplan-2023.yaml]
/// plan: ../examples/stockholm            # paths, or inline: { units: …, people: …, items: …, measurements: "csv" }
/// config: { timezone: Europe/Stockholm, workdays: se }
/// tests:
///   - name: the yearly follow-up reminds 28 days ahead
///     at: 2027-01-04 09:00
///     expect: [ { rule: indikatorer-arlig-uppfoljning, subject: ind-ledarskap, stage: remind-28d } ]
///     absent: [ { rule: indikatorer-arlig-uppfoljning, stage: due } ]
/// ```
public struct RuleTestFile: Sendable {
    /// One test case.
    public struct TestCase: Sendable {
        public var name: String
        public var at: Instant
        public var expect: [Expectation]
        public var absent: [Expectation]
        /// When true, the rules named in `expect` may have no other findings.
        public var exact: Bool
        /// The project this case evaluates (the file's, or its own plan's).
        public var project: LoadedProject
        public var location: SourceLocation
    }

    /// A finding described by some of its fields; unset fields match anything.
    public struct Expectation: Sendable, CustomStringConvertible {
        public var rule: String?
        public var subject: String?
        public var stage: String?
        public var severity: String?
        public var occurrence: String?
        public var recipients: [String]?
        public var location: SourceLocation

        public func matches(_ finding: Finding) -> Bool {
            (rule.map { $0 == finding.rule } ?? true)
                && (subject.map { $0 == finding.subject } ?? true)
                && (stage.map { $0 == finding.stage.description } ?? true)
                && (severity.map { $0 == finding.severity.rawValue } ?? true)
                && (occurrence.map { $0 == finding.occurrence.description } ?? true)
                && (recipients.map { Set($0) == Set(finding.recipients.map(\.id)) } ?? true)
        }

        public var description: String {
            var parts: [String] = []
            if let rule { parts.append("rule=\(rule)") }
            if let subject { parts.append("subject=\(subject)") }
            if let occurrence { parts.append("occurrence=\(occurrence)") }
            if let stage { parts.append("stage=\(stage)") }
            if let severity { parts.append("severity=\(severity)") }
            if let recipients { parts.append("recipients=\(recipients.sorted().joined(separator: ","))") }
            return parts.joined(separator: " ")
        }
    }

    public var path: String
    public var configuration: Configuration
    public var cases: [TestCase]
    /// Problems with the test file itself, or with the rules and plan it loads.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    static let keys = ["rule_files", "plan", "config", "tests", "description"]

    /// Reads a test file and everything it refers to. Paths are relative to the test file.
    public static func load(path: String, environment: [String: String] = [:]) throws(MissingInputError) -> RuleTestFile {
        guard FileManager.default.fileExists(atPath: path) else { throw MissingInputError(path: path) }
        let diagnostics = DiagnosticCollector()
        var file = RuleTestFile(path: path, configuration: Configuration(), cases: [], diagnostics: [])
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let reader = YAMLReader(file: path, diagnostics: diagnostics, sites: ReferenceSites())
        guard let text = UTF8Validation.text(ofFile: path, diagnostics: diagnostics), let root = reader.parse(text),
              let fields = reader.mapping(root, "a rule test file", allowed: keys, required: ["rule_files", "tests"])
        else {
            file.diagnostics = diagnostics.all
            return file
        }
        if let node = fields["config"] {
            file.configuration = ConfigurationReader.read(node, reader: reader, folder: folder, environment: environment)
        }
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") ? relative : URL(fileURLWithPath: folder).appendingPathComponent(relative).standardized.path
        }
        var ruleFiles: [(String, SourceLocation)] = []
        if let node = fields["rule_files"], let list = reader.list(node, "rule_files", single: true) {
            for entry in list {
                if let name = reader.string(entry, "a rule file") { ruleFiles.append((resolve(name), reader.location(entry))) }
            }
        }
        let filePlan = fields["plan"]
        guard let list = fields["tests"].flatMap({ reader.list($0, "tests") }) else {
            file.diagnostics = diagnostics.all
            return file
        }
        var projects: [String: LoadedProject] = [:]
        func project(plan: Node?) -> LoadedProject {
            let key = plan.map { "\(reader.location($0))" } ?? "-"
            if let cached = projects[key] { return cached }
            var assembly = ProjectAssembly()
            for (ruleFile, location) in ruleFiles {
                if FileManager.default.fileExists(atPath: ruleFile) {
                    assembly.add(file: ruleFile, explicit: true)
                } else {
                    diagnostics.error(location, "rule file '\(ruleFile)' does not exist")
                }
            }
            if let plan { addPlan(plan, to: &assembly) }
            // The file names the rules it tests: the plan's other items are for other rules.
            let loaded = assembly.finish(configuration: file.configuration).checked(warningOfUnselectedItems: false)
            projects[key] = loaded
            return loaded
        }
        func addPlan(_ plan: Node, to assembly: inout ProjectAssembly) {
            if let paths = plan.sequence.map(Array.init) ?? (plan.scalar != nil ? [plan] : nil) {
                for entry in paths {
                    guard let name = reader.string(entry, "a plan path") else { continue }
                    let full = resolve(name)
                    guard let inputs = try? InputFiles(paths: [full]) else {
                        diagnostics.error(reader.location(entry), "plan path '\(name)' does not exist")
                        continue
                    }
                    for (location, message) in inputs.problems { assembly.diagnostics.error(location, message) }
                    for planFile in inputs.files { assembly.add(file: planFile.path, explicit: planFile.explicit) }
                }
            } else if let mapping = plan.mapping {
                let planReader = YAMLReader(file: path, diagnostics: assembly.diagnostics, sites: assembly.sites)
                var planOnly = Node.Mapping([])
                for (key, value) in mapping {
                    if key.scalar?.string == "measurements" {
                        guard let csv = reader.string(value, "inline measurements (CSV text)") else { continue }
                        let offset = (reader.location(value).line) - (value.scalar?.style == .literal ? 0 : 1)
                        var measurements = MeasurementsReader(file: path, diagnostics: assembly.diagnostics).read(csv)
                        for index in measurements.indices { measurements[index].location.line += offset }
                        assembly.measurements += measurements
                    } else {
                        planOnly[key] = value
                    }
                }
                PlanFileReader(reader: planReader).read(.mapping(planOnly), into: &assembly.plan)
            } else {
                diagnostics.error(reader.location(plan), "plan must be a path, a list of paths, or inline plan data")
            }
        }

        for entry in list {
            guard let test = reader.mapping(entry, "a test", allowed: ["name", "at", "expect", "absent", "exact", "plan"], required: ["at"]) else { continue }
            let name = test["name"].flatMap { reader.string($0, "name") } ?? "test at line \(reader.location(entry).line)"
            guard let atNode = test["at"], let atText = reader.string(atNode, "at") else { continue }
            let at: Instant
            do {
                at = try Timestamp.parse(atText, in: file.configuration.timezone)
            } catch {
                diagnostics.error(reader.location(atNode), "\(error)")
                continue
            }
            let expect = test["expect"].flatMap { reader.list($0, "expect") }?.compactMap { expectation($0, reader) } ?? []
            let absent = test["absent"].flatMap { reader.list($0, "absent") }?.compactMap { expectation($0, reader) } ?? []
            if expect.isEmpty, absent.isEmpty {
                diagnostics.warning(reader.location(entry), "test '\(name)' expects nothing and forbids nothing: it cannot fail")
            }
            let exact = test["exact"].map { $0.scalar?.string == "true" } ?? false
            let loaded = project(plan: test["plan"] ?? filePlan)
            file.cases.append(TestCase(name: name, at: at, expect: expect, absent: absent, exact: exact, project: loaded,
                                       location: reader.location(entry)))
        }
        var all = diagnostics.all
        for loaded in projects.values { all += loaded.diagnostics }
        var seen = Set<String>()
        file.diagnostics = all.filter { seen.insert($0.description).inserted }.sorted()
        return file
    }

    private static func expectation(_ node: Node, _ reader: YAMLReader) -> Expectation? {
        guard let fields = reader.mapping(node, "an expected finding",
                                          allowed: ["rule", "subject", "stage", "severity", "occurrence", "recipients"],
                                          required: ["rule"]) else { return nil }
        var result = Expectation(location: reader.location(node))
        result.rule = fields["rule"].flatMap { reader.string($0, "rule") }
        result.subject = fields["subject"].flatMap { reader.string($0, "subject") }
        result.stage = fields["stage"].flatMap { reader.string($0, "stage") }
        result.occurrence = fields["occurrence"].flatMap { reader.string($0, "occurrence") }
        if let node = fields["severity"], let severity = reader.string(node, "severity") {
            if Severity(rawValue: severity) == nil {
                reader.diagnostics.error(reader.location(node), "unknown severity '\(severity)'", hint: "use info, warning or critical")
            }
            result.severity = severity
        }
        if let node = fields["recipients"], let list = reader.list(node, "recipients", single: true) {
            result.recipients = list.compactMap { reader.string($0, "a recipient id") }
        }
        return result
    }
}

/// The outcome of one test case.
public struct RuleTestResult: Sendable {
    public var testCase: RuleTestFile.TestCase
    /// Expectations with no matching finding.
    public var missing: [RuleTestFile.Expectation]
    /// Forbidden findings that were there, with the expectation they matched.
    public var unexpected: [(RuleTestFile.Expectation?, Finding)]
    /// The findings at that time (for the report).
    public var findings: [Finding]

    public var passed: Bool { missing.isEmpty && unexpected.isEmpty }
}

extension RuleTestFile {
    /// Evaluates every case.
    public func run() -> [RuleTestResult] {
        cases.map { testCase in
            let evaluator = Evaluator(rules: testCase.project.rules, plan: testCase.project.plan, settings: Evaluator.Settings(configuration))
            // Report rules' mailings whose time has come, as findings of stage `report`.
            let mailings = ReportSchedule(rules: testCase.project.rules, plan: testCase.project.plan,
                                          settings: Evaluator.Settings(configuration), sendAt: configuration.sendAt).due(at: testCase.at)
            let findings = evaluator.evaluate(at: testCase.at).findings + mailings.map(\.finding)
            let missing = testCase.expect.filter { expectation in !findings.contains(where: expectation.matches) }
            var unexpected: [(RuleTestFile.Expectation?, Finding)] = []
            for expectation in testCase.absent {
                for finding in findings where expectation.matches(finding) { unexpected.append((expectation, finding)) }
            }
            if testCase.exact {
                let rules = Set(testCase.expect.compactMap(\.rule))
                for finding in findings where rules.contains(finding.rule) && !testCase.expect.contains(where: { $0.matches(finding) }) {
                    unexpected.append((nil, finding))
                }
            }
            return RuleTestResult(testCase: testCase, missing: missing, unexpected: unexpected, findings: findings)
        }
    }
}
