import Foundation
@testable import PlanwatchCore
import PlanwatchLoader
import PlanwatchTestSupport
import Testing

/// Every shipped rule's title and text, rendered in Swedish and English for every finding the
/// shipped example gives over two years, read as a person would: no ISO period or date codes
/// (`2026-T2`, `2026-06`, `2026-12-15`) and no slugs (`gott-ledarskap`, `hagersten-alvsjo`) in the
/// words, no nested parentheses, no leftover template tags, no doubled or stray spaces.
@Suite struct ShippedTemplateTests {
    /// The shipped rules and the example plan, loaded as `planwatch` loads them.
    static func example() throws -> (project: LoadedProject, configuration: Configuration) {
        let path = PlanwatchProcess.root.appendingPathComponent("examples/stockholm/planwatch.yaml").path
        let (configuration, diagnostics) = ConfigurationReader.read(path: path, environment: [:])
        guard let configuration else { throw TextProblem("the example's configuration does not load: \(diagnostics)") }
        let project = try ProjectLoader.load(configuration: configuration)
        guard !project.hasErrors else { throw TextProblem("the example has errors: \(project.diagnostics)") }
        return (project, configuration)
    }

    /// Every finding of the example at 09:00 every second Monday from January 2026 to December 2027, the
    /// active ones and those beginning within two weeks: every stage each rule reaches.
    static func findings() throws -> (findings: [Finding], project: LoadedProject) {
        let (project, configuration) = try example()
        let evaluator = Evaluator(rules: project.rules, plan: project.plan, settings: Evaluator.Settings(configuration))
        var day = LocalDate(year: 2026, month: 1, day: 5)!
        var findings: [Finding] = []
        while day < LocalDate(year: 2028, month: 1, day: 1)! {
            let evaluation = evaluator.evaluate(at: try Timestamp.parse("\(day) 09:00", in: configuration.timezone), horizonDays: 14)
            findings += evaluation.findings + evaluation.upcoming
            day = day.adding(days: 14)
        }
        return (findings, project)
    }

    /// Shipped deadline rules the Stockholm example can give no subject, and why.
    static let notInTheExample: [String: String] = [
        // The employer selector counts the employer's employees (AFS 2001:1 § 11): every employer in
        // the example (the central offices and the 11 districts) has 10 or more, so its yearly
        // follow-ups are all the written ones (sam-arlig-uppfoljning-skriftlig).
        "sam-arlig-uppfoljning": "an employer with fewer than 10 employees",
    ]

    /// What a person would not write in a sentence, with what was found; `nil` when the text reads clean.
    static let patterns: [(NSRegularExpression, String)] = [
        (#"\b\d{4}-(T[1-3]|Q[1-4]|(0[1-9]|1[0-2]))\b"#, "an ISO period or date"),
        (#"(?<![\p{L}\d])[a-z0-9]+(_[a-z0-9]+)+(?![\p{L}\d])"#, "a metric's name"),
        (#"\([^()]*\("#, "nested parentheses"),
        (#"\{\{|\}\}"#, "a template tag"),
        (#"  | [.,;:)]|\( |\.\.(?!\.)"#, "a doubled or stray space or point"),
        (#"\b(true|false)\b"#, "a flag written as a word"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    static func problem(in text: String, ids: Set<String>) -> String? {
        let whole = NSRange(text.startIndex..., in: text)
        for (pattern, what) in patterns {
            if let match = pattern.firstMatch(in: text, range: whole), let range = Range(match.range, in: text) {
                return "\(what) '\(text[range])'"
            }
        }
        // Slugs: the example's ids and label values as they are written, as whole words.
        for id in ids where text.contains(id) {
            let word = try! NSRegularExpression(pattern: #"(?<![\p{L}\d-])"# + NSRegularExpression.escapedPattern(for: id) + #"(?![\p{L}\d-])"#)
            if word.firstMatch(in: text, range: whole) != nil { return "the slug '\(id)'" }
        }
        return nil
    }

    /// The ids and label values of the example that a text must not show as they are written (those
    /// that look like slugs: with a hyphen or an underscore).
    static func slugs(_ project: LoadedProject) -> Set<String> {
        var ids = Set(project.plan.units.map(\.id) + project.plan.items.map(\.id) + project.rules.rules.map(\.id))
        for item in project.plan.items { ids.formUnion(item.labels.values) }
        return ids.filter { $0.contains("-") || $0.contains("_") }
    }

    @Test func everyShippedTemplateReadsAsWordsInBothLanguages() throws {
        let (findings, project) = try Self.findings()
        let ids = Self.slugs(project)
        var problems: [String] = []
        var seen: [String: Set<String>] = [:]
        var checked: Set<String> = []
        for finding in findings {
            for language in ["sv", "en"] {
                let title = finding.title(in: language) ?? ""
                let text = finding.text(in: language) ?? ""
                if title.isEmpty { problems.append("\(finding.rule) \(finding.stage) (\(language)): no title") }
                if text.isEmpty { problems.append("\(finding.rule) \(finding.stage) (\(language)): no text") }
                // The same words come back week after week: each is read once.
                for (part, words) in [("text", text), ("title", title)] where checked.insert(words).inserted {
                    if let problem = Self.problem(in: words, ids: ids) {
                        problems.append("\(finding.rule) \(finding.subject) \(finding.stage) \(part) (\(language)): \(problem) in “\(words)”")
                    }
                }
            }
            seen[finding.rule, default: []].insert(Self.kind(of: finding.stage))
        }
        let readsClean = problems.isEmpty
        #expect(readsClean, "\(problems.count) texts read wrong, the first: \(problems.prefix(5).joined(separator: "\n"))")
        // Every deadline rule was rendered at every stage it has: a reminder (when it has `remind:`), on
        // its day, and late (when it has `overdue:`; the monthly figures and the yearly revision have
        // none by design). Threshold rules at every stage: the next test.
        for rule in project.rules.rules {
            guard case .deadline(let deadline) = rule.settings else { continue }
            let stages = seen[rule.id] ?? []
            if let why = Self.notInTheExample[rule.id] {
                // Said here so that the day the example gains a subject for it, its stages are read too.
                #expect(stages.isEmpty, "rule \(rule.id) now has subjects in the example (\(why)): remove it from notInTheExample")
                continue
            }
            let shown = !stages.isEmpty
            #expect(shown, "the example never shows rule \(rule.id)")
            var expected: Set<String> = ["due"]
            if !deadline.remind.isEmpty { expected.insert("reminder") }
            if deadline.overdue != nil { expected.insert("overdue") }
            #expect(stages.isSuperset(of: expected), "rule \(rule.id) shows only \(stages.sorted()), not \(expected.sorted())")
            #expect(deadline.overdue != nil || !stages.contains("overdue"), "rule \(rule.id) has no overdue: but shows overdue")
        }
    }

    /// Every threshold rule at every stage its texts tell apart, whether or not the example's
    /// figures reach it: a first warning, a critical alert firing for three periods, a value back
    /// under the limit but not at the clear level, resolved, and a missing value; both languages.
    @Test func everyShippedThresholdTemplateReadsAsWordsAtEveryStage() throws {
        let (project, _) = try Self.example()
        let ids = Self.slugs(project)
        let unit = try #require(project.plan.units.first { $0.id == "farsta" })
        var problems: [String] = []
        var rendered = 0
        for rule in project.rules.rules {
            guard case .threshold(let threshold) = rule.settings else { continue }
            let period = Period(kind: .month, year: 2026, index: 11)
            let start = Period(kind: .month, year: 2026, index: 9)
            let limit = threshold.warning ?? threshold.critical
            func above(_ condition: Condition?) -> Double {
                switch condition {
                case .above(let value)?: value + 1.5
                case .below(let value)?: value - 1.5
                case .outside(_, let high)?: high + 1.5
                case nil: 1
                }
            }
            let within: Double = switch (limit, threshold.clear) {
            case (.above(let value)?, .below(let clear)?): (value + clear) / 2
            case (.below(let value)?, .above(let clear)?): (value + clear) / 2
            default: above(limit)
            }
            // Resolved: a value on the good side of where the alert clears.
            let resolved: Double = switch threshold.clear ?? limit {
            case .below(let value)?: value - 1.5
            case .above(let value)?: value + 1.5
            case .outside(let low, let high)?: (low + high) / 2
            case nil: 1
            }
            let stages: [(String, Stage, Double?, Condition?, Period?, Int)] = [
                ("first warning", .firing(.warning, notice: 1), above(threshold.warning), threshold.warning, period, 1),
                ("critical for three periods", .firing(.critical, notice: 2), above(threshold.critical), threshold.critical, start, 3),
                ("back under the limit", .firing(.warning, notice: 1), within, threshold.warning, start, 3),
                ("resolved", .resolved, resolved, limit, nil, 0),
                ("missing", .missing, nil, nil, nil, 0),
            ]
            for (name, stage, value, condition, since, periods) in stages {
                // Only the stages the rule can reach: no missing alert without `missing:`, no warning
                // without a warning level, no critical alert without a critical level.
                if stage == .missing && threshold.missingAfter == nil { continue }
                if stage.firingLevel == .warning && threshold.warning == nil { continue }
                if stage.firingLevel == .critical && threshold.critical == nil { continue }
                // A derived metric's value comes with the reported figures it was computed from, as the
                // evaluator gives them (none for a missing value).
                let (derivedValue, inputs) = Self.derived(value, of: threshold.derived, period: period)
                let context = ThresholdTemplateContext(
                    ruleID: rule.id, ruleGroup: rule.group, metric: threshold.metric, forPeriods: threshold.forPeriods, unit: unit,
                    stage: stage, severity: stage.firingLevel ?? .warning, occurrence: since ?? period, period: period, value: derivedValue,
                    limit: condition, clear: threshold.clear, firingSince: since, firingPeriods: periods,
                    missingSince: stage == .missing ? LocalDate(year: 2026, month: 12, day: 14) : nil,
                    inputs: inputs, unitLabel: threshold.derived?.unitLabel ?? [:])
                let message = FindingMessage(title: rule.title, text: rule.text, context: context)
                for language in ["sv", "en"] {
                    for (part, words) in [("title", message.title(in: language) ?? ""), ("text", message.text(in: language) ?? "")] {
                        rendered += 1
                        if words.isEmpty { problems.append("\(rule.id) \(name) \(part) (\(language)) is empty") }
                        if let problem = Self.problem(in: words, ids: ids) {
                            problems.append("\(rule.id) \(name) \(part) (\(language)): \(problem) in “\(words)”")
                        }
                    }
                }
            }
        }
        let readsClean = problems.isEmpty
        #expect(readsClean, "\(problems.count) texts read wrong, the first: \(problems.prefix(5).joined(separator: "\n"))")
        #expect(rendered >= 6 * 4 * 4)
    }

    /// For a derived metric, reported figures that give `value` (or very nearly: a ratio's counts are
    /// whole) and the value they give; for a reported metric, `value` and no figures.
    static func derived(_ value: Double?, of metric: DerivedMetric?, period: Period) -> (Double?, DerivedInputs?) {
        guard let value, let metric else { return (value, nil) }
        switch metric.formula {
        case .change(_, _, let measure):
            let from = 5.8
            let to = measure == .percent ? from * (1 + value / 100) : from + value
            return (value, .change(from: from, basePeriod: metric.basePeriod(of: period) ?? period.previous, to: to, measure: measure))
        case .ratio(_, _, let percent):
            // Two hundred who left in a year: a half per cent is one person.
            let denominator = percent ? 200.0 : 40.0
            let numerator = (value * denominator / (percent ? 100 : 1)).rounded()
            return (numerator / denominator * (percent ? 100 : 1), .ratio(numerator: numerator, denominator: denominator, percent: percent))
        case .sumOverChildren:
            return (value, .sum(total: value, parts: 3))
        }
    }

    @Test func theChecksCatchWhatTheyAreFor() {
        let ids: Set<String> = ["gott-ledarskap"]
        #expect(Self.problem(in: "Personalomsättningen var 14,3 % under andra tertialet 2026 (maj–aug).", ids: ids) == nil)
        #expect(Self.problem(in: "Värdet för 2026-T2 saknas.", ids: ids) != nil)
        #expect(Self.problem(in: "Värdet för 2026-06 saknas.", ids: ids) != nil)
        #expect(Self.problem(in: "ska vara klar senast 2026-12-15.", ids: ids) != nil)
        #expect(Self.problem(in: "i fokusområdet gott-ledarskap.", ids: ids) != nil)
        #expect(Self.problem(in: "The yearly follow-up of gott-ledarskapets indicator", ids: ids) == nil)
        #expect(Self.problem(in: "värdet för arenden_per_handlaggare", ids: ids) != nil)
        #expect(Self.problem(in: "i Enskede-Årsta-Vantör stadsdelsförvaltning, Kompetens- och utvecklingsmöjligheter.", ids: ids) == nil)
        #expect(Self.problem(in: "14,3 % (andra tertialet 2026 (maj–aug))", ids: ids) != nil)
        #expect(Self.problem(in: "är {{days_overdue}} dagar försenad", ids: ids) != nil)
        #expect(Self.problem(in: "försenad .", ids: ids) != nil)
    }

    static func kind(of stage: Stage) -> String {
        switch stage {
        case .reminder: "reminder"
        case .due: "due"
        case .overdue: "overdue"
        case .escalated: "escalated"
        case .firing: "firing"
        case .resolved: "resolved"
        case .missing: "missing"
        case .report: "report"
        case .completed: "completed"
        }
    }
}

/// Why the example could not be read.
struct TextProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
