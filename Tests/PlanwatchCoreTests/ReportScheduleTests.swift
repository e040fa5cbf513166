import PlanwatchCore
import Testing

/// When report rules mail their reports, and what each mailing covers.
@Suite struct ReportScheduleTests {
    typealias F = Fixtures

    static func rule(_ due: String = "*-01-20", coverage: ReportRule.Coverage = .previousYear) -> Rule {
        Rule(id: "arsrapport", group: "g", settings: .report(ReportRule(due: try! CalendarExpression(due), coverage: coverage)),
             selector: Selector(), notify: [.role("styrgrupp")], severity: .info, title: LocalizedTemplates(), text: LocalizedTemplates(),
             location: F.here)
    }

    static func schedule(_ rules: [Rule]) -> ReportSchedule {
        let plan = PlanSnapshot(units: F.units, people: F.people, items: [], measurements: [])
        return ReportSchedule(rules: RuleSet(groups: [RuleGroup(name: "g", rules: rules, location: F.here)]), plan: plan,
                              settings: F.settings, sendAt: 8 * 60)
    }

    @Test func theReportOfTheYearBeforeGoesOutAtTheSendTimeOnItsDay() {
        let schedule = Self.schedule([Self.rule()])
        // Wednesday 20 January 2027: not before 08:00.
        #expect(schedule.due(at: F.at("2027-01-20 07:59")).isEmpty)
        let mailing = schedule.due(at: F.at("2027-01-20 08:00"))
        #expect(mailing.count == 1)
        #expect(mailing.first?.period == .year(2026) && mailing.first?.due == F.date("2027-01-20"))
        #expect(mailing.first?.recipients.map(\.id) == ["p-chair"])
        #expect(mailing.first.map { $0.key(for: $0.recipients[0]).description } == "arsrapport/2026/2027-01-20/report/p-chair")
        #expect(schedule.nextSlot(after: F.at("2027-01-19 12:00")) == F.at("2027-01-20 08:00"))
        #expect(schedule.nextSlot(after: F.at("2027-01-20 08:00")) == F.at("2028-01-20 08:00"))
    }

    @Test func aDayThatIsNotAWorkingDayGoesOutOnTheNextAndLateCyclesStillSendItOnce() {
        let schedule = Self.schedule([Self.rule()])
        // 20 January 2029 is a Saturday: the mailing goes out Monday 22 January, with the same key.
        #expect(schedule.due(at: F.at("2029-01-20 09:00")).isEmpty)
        let monday = schedule.due(at: F.at("2029-01-22 08:00"))
        #expect(monday.first?.due == F.date("2029-01-20") && monday.first?.slot == F.at("2029-01-22 08:00"))
        // After downtime: up to 30 days late it is still this mailing (the ledger says whether it went out)...
        #expect(schedule.due(at: F.at("2029-02-19 09:00")).first?.occurrence.description == "arsrapport/2028/2029-01-20")
        // ...and later it is left to `planwatch report`: a new installation in June mails nothing.
        #expect(schedule.due(at: F.at("2029-02-20 09:00")).isEmpty)
        #expect(schedule.due(at: F.at("2029-06-01 09:00")).isEmpty)
    }

    @Test func eachCoverageCountsItsDaysFromTheDueDay() {
        let due = F.date("2027-03-15")
        #expect(ReportRule.Coverage.previousYear.period(dueOn: due) == .year(2026))
        #expect(ReportRule.Coverage.yearToDate.period(dueOn: due) == ReportPeriod(from: F.date("2027-01-01"), to: F.date("2027-03-14")))
        #expect(ReportRule.Coverage.yearToDate.period(dueOn: F.date("2027-01-01")) == .year(2026))
        #expect(ReportRule.Coverage.previousMonth.period(dueOn: due) == ReportPeriod(from: F.date("2027-02-01"), to: F.date("2027-02-28")))
        #expect(ReportRule.Coverage.previousMonth.period(dueOn: F.date("2027-01-05")) == ReportPeriod(from: F.date("2026-12-01"), to: F.date("2026-12-31")))
    }

    @Test func aMonthlyReportIsItsOwnMailingEachMonthAndOtherRulesAreNotScheduled() {
        let schedule = Self.schedule([Self.rule("*-*-05", coverage: .previousMonth), F.yearlyFollowUp()])
        let march = schedule.due(at: F.at("2027-03-05 08:30"))
        #expect(march.map(\.occurrence.description) == ["arsrapport/2027-02-01..2027-02-28/2027-03-05"])
        #expect(schedule.due(at: F.at("2027-04-06 08:30")).map(\.occurrence.description) == ["arsrapport/2027-03-01..2027-03-31/2027-04-05"])
        #expect(Self.schedule([F.yearlyFollowUp()]).isEmpty)
    }

    @Test func reportRulesGiveTheEvaluatorNoFindings() {
        let evaluation = F.evaluate([Self.rule()], at: "2027-01-20 09:00")
        #expect(evaluation.findings.isEmpty && evaluation.occurrences.isEmpty)
    }
}
