import Foundation
import PlanwatchCore
import PlanwatchLoader
import Testing

/// The city's Stratsys reminds 28 days before a deadline for periods of 31 days or more, and 7 days
/// for shorter ones (domain.md); planwatch's shipped rules must do at least as well. The period of a
/// rule is the shortest gap between two of its due dates; a rule on each item's own due date is a
/// one-off deadline, held to the long floor.
struct StratsysFloor {
    static let calendar = SwedishWorkdayCalendar.shared
    static let zone = Zone(identifier: "Europe/Stockholm")!
    static let start = Instant(seconds: 1_767_225_600)  // 2026-01-01

    /// The due dates of the next two years of a calendar rule (with its offset, shifted as the rule
    /// shifts them), or `nil` for a rule on each item's own date.
    static func dueDates(_ deadline: DeadlineRule) -> [LocalDate]? {
        guard case .calendar(let expression) = deadline.due else { return nil }
        return expression.nextElapses(after: start, in: zone, count: 26).map { instant in
            let nominal = zone.date(at: instant)
            return calendar.shift(deadline.offset.map { $0.date(after: nominal, workdays: calendar) } ?? nominal, deadline.shift)
        }
    }

    /// The floor in days for a rule, and the period it follows from (`nil`: one-off).
    static func floor(_ deadline: DeadlineRule) -> (days: Int, period: Int?) {
        guard let dates = dueDates(deadline), dates.count > 1 else { return (28, nil) }
        let period = zip(dates, dates.dropFirst()).map { $0.days(until: $1) }.min()!
        return (period >= 31 ? 28 : 7, period)
    }

    /// The longest lead in calendar days, the shortest it comes to over the rule's due dates (a lead in
    /// working days is fewer calendar days in some weeks than in others).
    static func longestLead(_ deadline: DeadlineRule) -> Int {
        let samples = dueDates(deadline) ?? [LocalDate(year: 2027, month: 3, day: 31)!]
        return deadline.remind.map { lead in
            samples.map { lead.date(before: $0, workdays: calendar).days(until: $0) }.min() ?? 0
        }.max() ?? 0
    }

    /// A sentence for each deadline rule whose longest lead is below its floor.
    static func violations(_ rules: [Rule]) -> [String] {
        rules.compactMap { rule in
            guard case .deadline(let deadline) = rule.settings else { return nil }
            let (days, period) = floor(deadline)
            let lead = longestLead(deadline)
            guard lead < days else { return nil }
            let why = period.map { "occurrences every \($0) days" } ?? "its items' own due dates"
            return "rule '\(rule.id)' reminds at most \(lead) days ahead; Stratsys reminds \(days) days ahead for \(why)"
        }
    }
}

@Suite struct StratsysFloorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyShippedDeadlineRuleRemindsAtLeastAsEarlyAsStratsys() throws {
        let project = try ProjectLoader.load(paths: [Self.root.appendingPathComponent("rules").path], configuration: Configuration())
        #expect(!project.hasErrors)
        let deadlines = project.rules.rules.filter { $0.kind == .deadline }
        #expect(deadlines.count >= 10)
        #expect(StratsysFloor.violations(project.rules.rules) == [])
        // The monthly figures are held to the short floor, the rest to the long one.
        let floors = Dictionary(uniqueKeysWithValues: deadlines.compactMap { rule -> (String, Int)? in
            guard case .deadline(let deadline) = rule.settings else { return nil }
            return (rule.id, StratsysFloor.floor(deadline).days)
        })
        #expect(floors["manadsuppgifter"] == 7)
        #expect(floors["indikatorer-arlig-uppfoljning"] == 28 && floors["aktiviteter-lokala"] == 28)
    }

    @Test func aLeadShorterThanTheFloorIsCaught() throws {
        func rule(_ due: String?, remind: [RuleDuration]) throws -> Rule {
            Rule(id: "r", group: "g", settings: .deadline(DeadlineRule(due: try due.map { .calendar(try CalendarExpression($0)) } ?? .itemDueDate,
                                                                        remind: remind)),
                 selector: Selector(), notify: [.owner], severity: .warning, title: LocalizedTemplates(), text: LocalizedTemplates(),
                 location: SourceLocation(file: "t.yaml"))
        }
        #expect(StratsysFloor.violations([try rule("*-05,11-15", remind: [RuleDuration(21, .days), RuleDuration(7, .days)])])
                == ["rule 'r' reminds at most 21 days ahead; Stratsys reminds 28 days ahead for occurrences every 181 days"])
        #expect(StratsysFloor.violations([try rule(nil, remind: [RuleDuration(14, .days)])]).count == 1)
        #expect(StratsysFloor.violations([try rule("*-*~01", remind: [])]).count == 1)
        #expect(StratsysFloor.violations([try rule("*-*~01", remind: [RuleDuration(7, .days)])]) == [])
        // 20 working days are at least 28 calendar days before every due date.
        #expect(StratsysFloor.violations([try rule("*-01-31", remind: [RuleDuration(20, .workdays)])]) == [])
    }
}
