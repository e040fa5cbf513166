import PlanwatchCore
import Testing

/// A hand-built plan whose 2026 report is worked out by hand first (the figures and the arithmetic
/// are in the comments), made on 1 October 2026.
@Suite struct ComplianceReportTests {
    typealias F = Fixtures

    static let here = F.here

    /// Four times a year, on the 15th of March, June, September and December, moved to the next
    /// working day: in 2026 Mon 16 Mar (the 15th is a Sunday), Mon 15 Jun, Tue 15 Sep, Tue 15 Dec;
    /// in 2025 Mon 17 Mar, Mon 16 Jun, Mon 15 Sep, Mon 15 Dec.
    static let quarterly = Rule(
        id: "quarterly", group: "g", settings: .deadline(DeadlineRule(
            due: .calendar(try! CalendarExpression("*-03,06,09,12-15")), shift: .nextWorkday, remind: [RuleDuration(7, .days)],
            overdue: OverduePolicy(repeat: RuleDuration(7, .days), maxOverdue: RuleDuration(30, .days)))),
        selector: Selector(itemKind: "indicator"), notify: [.owner], severity: .warning,
        title: F.template("{{item.title}}"), text: F.template("{{item.title}}"), location: here)

    /// Each activity's own due date; overdue notices every 7 days for 60 days.
    static let activities = Rule(
        id: "activities", group: "g", settings: .deadline(DeadlineRule(
            due: .itemDueDate, shift: .nextWorkday, remind: [RuleDuration(14, .days)],
            overdue: OverduePolicy(repeat: RuleDuration(7, .days), maxOverdue: RuleDuration(60, .days)))),
        selector: Selector(itemKind: "activity"), notify: [.owner], severity: .warning,
        title: F.template("{{item.title}}"), text: F.template("{{item.title}}"), location: here)

    static func completion(_ occurrence: String?, on: String) -> Completion {
        Completion(occurrence: occurrence.map(F.date), on: F.date(on), location: here)
    }

    static let items = [
        // fa1, Farsta. 2026: Mar done 10 Mar (on time); Jun done Sat 20 Jun (5 days late); Sep not
        // done (missed); Dec open. 2025: Mar on time; Dec done 5 Jan 2026 — after 2025 ended.
        PlanItem(id: "ind-a", kind: "indicator", title: "A", labels: ["focus_area": "fa1"], unit: "farsta", owner: "p-owner",
                 completed: [completion("2026-03-16", on: "2026-03-10"), completion("2026-06-15", on: "2026-06-20"),
                             completion("2025-03-17", on: "2025-03-17"), completion("2025-12-15", on: "2026-01-05")],
                 location: here),
        // fa2, the city. Mar: recorded on the due day (on time, recorded); Jun: a recorded completion
        // that was revoked (missed); Sep: done Fri 18 Sep, 3 days late, silenced; Dec: the plan says
        // 1 Dec 2026, after the report's day (open).
        PlanItem(id: "ind-b", kind: "indicator", title: "B", labels: ["focus_area": "fa2"], unit: "city", owner: "p-owner",
                 completed: [completion("2026-09-15", on: "2026-09-18"), completion("2026-12-15", on: "2026-12-01")], location: here),
        // No focus area, Farsta: due Fri 29 May 2026, never done (missed); its second overdue notice
        // was silenced.
        PlanItem(id: "akt-c", kind: "activity", title: "C", unit: "farsta", owner: "p-owner", due: F.date("2026-05-29"), location: here),
        // Due outside 2026: in no 2026 report.
        PlanItem(id: "akt-d", kind: "activity", title: "D", unit: "farsta", owner: "p-owner", due: F.date("2027-01-15"), location: here),
    ]

    static func instant(_ text: String) -> Instant { F.at(text) }

    static let recorded = [
        RecordedCompletion(id: 1, item: "ind-b", rule: "quarterly", occurrence: F.date("2026-03-16"), on: F.date("2026-03-16"),
                           recordedAt: instant("2026-03-16 15:00"), by: .person("p-owner"), how: .reply),
        RecordedCompletion(id: 2, item: "ind-b", rule: nil, occurrence: F.date("2026-06-15"), on: F.date("2026-06-10"),
                           recordedAt: instant("2026-06-10 15:00"), by: .person("p-owner"), how: .reply,
                           revoked: .init(at: instant("2026-06-11 09:00"), by: .operator("root"))),
    ]

    static func silence(_ id: Int64, rule: String, subject: String, stage: Stage? = nil, recipient: String? = nil,
                        from: String, until: String) -> Silence {
        Silence(id: id, rule: rule, subject: subject, stage: stage, recipient: recipient, author: "operator:root", comment: "test",
                createdAt: instant(from), expiresAt: instant(until))
    }

    static let silences = [
        // Covers ind-b's September occurrence: its reminder began Tue 8 Sep, its life ended at the
        // completion on 18 Sep; the silence was in force 1–30 Sep.
        silence(1, rule: "quarterly", subject: "ind-b", from: "2026-09-01 08:00", until: "2026-09-30 08:00"),
        // Covers akt-c: its stage overdue-2 was active Fri 5 Jun – Thu 11 Jun.
        silence(2, rule: "activities", subject: "akt-c", stage: "overdue-2", from: "2026-06-05 10:00", until: "2026-06-06 10:00"),
        // akt-c has no stage `escalated`: covers nothing.
        silence(3, rule: "activities", subject: "akt-c", stage: "escalated", from: "2026-05-01 00:00", until: "2026-08-01 00:00"),
        // One recipient's mail: the occurrence was still told to the others; covers nothing.
        silence(4, rule: "activities", subject: "akt-c", recipient: "p-owner", from: "2026-05-01 00:00", until: "2026-08-01 00:00"),
        // Over before ind-a's March occurrence began (its reminder on Mon 9 Mar): covers nothing.
        silence(5, rule: "quarterly", subject: "ind-a", from: "2026-01-01 00:00", until: "2026-02-01 00:00"),
        // After ind-a's March completion (10 Mar) and before its June reminder (8 Jun): covers nothing.
        silence(6, rule: "quarterly", subject: "ind-a", from: "2026-03-12 00:00", until: "2026-03-20 00:00"),
    ]

    /// Farsta's cases per case handler (warning above 15, critical above 20, for 2 periods, clear
    /// below 14, missing after 10 working days).
    static let measurements = F.measurements([
        ("2025-11", 18), ("2025-12", 19),
        ("2026-01", 14.5), ("2026-02", 16), ("2026-03", 17), ("2026-04", 21), ("2026-05", 22), ("2026-06", 14.5),
        /* July not reported */ ("2026-08", 13), ("2026-09", 16), ("2026-10", 30),
    ])

    static func report(_ period: ReportPeriod, grouping: ReportGrouping = .focusArea, today: String = "2026-10-01") -> ComplianceReport {
        let plan = PlanSnapshot(units: F.units, people: F.people, items: items, measurements: measurements)
        let rules = RuleSet(groups: [RuleGroup(name: "g", title: ["sv": "Gruppen"], rules: [quarterly, activities, F.caseload()],
                                               location: here)])
        return ComplianceReport(rules: rules, plan: plan, settings: F.settings, recorded: recorded, silences: silences,
                                period: period, grouping: grouping, today: F.date(today))
    }

    func status(_ report: ComplianceReport, _ item: String, _ due: String) -> ReportOccurrence? {
        report.occurrences.first { $0.item == item && $0.due == F.date(due) }
    }

    @Test func everyOccurrenceDueInTheYearHasItsOutcomeAsOfTheReportsDay() throws {
        let report = Self.report(.year(2026))
        #expect(report.asOf == F.date("2026-10-01") && !report.isPeriodOver)
        #expect(report.occurrences.map { "\($0.item) \($0.due) \($0.status.name)" } == [
            "ind-a 2026-03-16 on-time", "ind-b 2026-03-16 on-time",
            "akt-c 2026-05-29 missed",
            "ind-a 2026-06-15 late", "ind-b 2026-06-15 missed",
            "ind-a 2026-09-15 missed", "ind-b 2026-09-15 late",
            "ind-a 2026-12-15 open", "ind-b 2026-12-15 open",
        ])
        #expect(status(report, "ind-a", "2026-03-16")?.status == .onTime(completed: F.date("2026-03-10")))
        // 15 Jun → 20 Jun: 5 days.
        #expect(status(report, "ind-a", "2026-06-15")?.status == .late(completed: F.date("2026-06-20"), days: 5))
        // 15 Sep → 18 Sep: 3 days; silenced, and still late: done beats silenced.
        let september = try #require(status(report, "ind-b", "2026-09-15"))
        #expect(september.status == .late(completed: F.date("2026-09-18"), days: 3))
        #expect(september.silences == [1] && september.completionSource == .plan)
        // Recorded on the due day: on time, and said to be recorded.
        #expect(status(report, "ind-b", "2026-03-16")?.status == .onTime(completed: F.date("2026-03-16")))
        #expect(status(report, "ind-b", "2026-03-16")?.completionSource == .recorded)
        // The revoked recorded completion does not count.
        #expect(status(report, "ind-b", "2026-06-15")?.status == .missed)
        // A completion dated after the report's day does not count yet.
        #expect(status(report, "ind-b", "2026-12-15")?.status == .open)
        // Silenced and not done: missed by its dates.
        let activity = try #require(status(report, "akt-c", "2026-05-29"))
        #expect(activity.status == .missed && activity.silences == [2])
        // Silences 3–6 cover nothing.
        #expect(report.occurrences.filter(\.isSilenced).map(\.item) == ["akt-c", "ind-b"])
        #expect(report.recordedCompletions == (given: 2, revoked: 1) && report.silencesGiven == 6)
    }

    @Test func onTimeRatesOverallAndPerGroup() {
        let report = Self.report(.year(2026))
        // On time: ind-a Mar, ind-b Mar = 2. Late: ind-a Jun (5), ind-b Sep (3) = 2, 8 days, mean 4.
        // Missed: akt-c, ind-b Jun, ind-a Sep = 3. Open: the two in December.
        // Rate: 2 ÷ (2 + 2 + 3) = 2/7.
        let overall = report.overall
        #expect((overall.onTime, overall.late, overall.missed, overall.open, overall.silenced) == (2, 2, 3, 2, 2))
        #expect(overall.total == 9 && overall.decided == 7)
        #expect(overall.onTimeRate == 2.0 / 7.0)
        #expect(overall.meanDaysLate == 4)

        // By focus area, in the plan's order, items without one last:
        // fa1 (ind-a): 1 on time, 1 late, 1 missed, 1 open → 1/3; fa2 (ind-b): the same → 1/3,
        // 1 silenced; none (akt-c): 1 missed → 0/1.
        let byFocus = report.groups
        #expect(byFocus.map(\.key) == ["fa1", "fa2", nil])
        #expect(byFocus.map(\.tally.onTimeRate) == [1.0 / 3.0, 1.0 / 3.0, 0])
        #expect(byFocus.map(\.tally.silenced) == [0, 1, 1])

        // By unit, in the plan's order: city (ind-b) 1/3; Farsta (ind-a, akt-c): 1 ÷ (1 + 1 + 2) = 1/4.
        let byUnit = report.groups(by: .unit)
        #expect(byUnit.map(\.key) == ["city", "farsta"])
        #expect(byUnit.map(\.tally.onTimeRate) == [1.0 / 3.0, 0.25])
        #expect(byUnit[1].tally.total == 5)

        // By rule: quarterly 2 ÷ (2 + 2 + 2) = 1/3; activities 0/1.
        #expect(report.groups(by: .rule).map(\.key) == ["quarterly", "activities"])
        #expect(report.groups(by: .rule).map(\.tally.onTimeRate) == [1.0 / 3.0, 0])

        // Unit × focus area: Farsta × fa1 = 1/3, Farsta × none = 0/1, city × fa2 = 1/3, city × fa1 empty.
        let cross = report.crossTab(rows: .unit, columns: .focusArea)
        #expect(cross.rows == ["city", "farsta"] && cross.columns == ["fa1", "fa2", nil])
        #expect(cross.tally(row: "farsta", column: "fa1")?.onTimeRate == 1.0 / 3.0)
        #expect(cross.tally(row: "farsta", column: nil)?.onTimeRate == 0)
        #expect(cross.tally(row: "city", column: "fa1") == nil)
    }

    @Test func aPastYearIsReportedAsOfItsLastDayWhateverTheEvaluationTime() {
        // Made on 1 Oct 2026, far outside the evaluator's window around today (2025's occurrences are
        // all over 9 months ago).
        let report = Self.report(.year(2025))
        #expect(report.asOf == F.date("2025-12-31") && report.isPeriodOver)
        #expect(report.occurrences.map(\.due.description) == [
            "2025-03-17", "2025-03-17", "2025-06-16", "2025-06-16", "2025-09-15", "2025-09-15", "2025-12-15", "2025-12-15",
        ])
        // ind-a's December occurrence was done on 5 Jan 2026: not done by the end of 2025, so missed
        // in the 2025 report (an evaluation in January 2026 calls it late).
        #expect(status(report, "ind-a", "2025-12-15")?.status == .missed)
        let january = F.evaluate([Self.quarterly], items: Self.items, at: "2026-01-10 09:00")
        #expect(january.occurrences.first { $0.item == "ind-a" && $0.due == F.date("2025-12-15") }?.status
            == .completedLate(F.date("2026-01-05")))
        // 1 on time (ind-a March) of 8: 1 ÷ (1 + 0 + 7).
        #expect(report.overall.onTimeRate == 1.0 / 8.0)
        #expect((report.overall.onTime, report.overall.missed, report.overall.open) == (1, 7, 0))
    }

    @Test func anOccurrenceMovedIntoThePeriodByItsOffsetIsInIt() {
        // Due 20 working days after 31 December: the 2025 year-end falls in 2026 (Fri 30 Jan 2026:
        // 2 Jan is the first working day, 6 Jan a holiday, then 17 more), and 2026's own in 2027.
        let annual = Rule(
            id: "annual", group: "g", settings: .deadline(DeadlineRule(
                due: .calendar(try! CalendarExpression("*-12-31")), offset: RuleDuration(20, .workdays), shift: .nextWorkday)),
            selector: Selector(itemKind: "indicator"), notify: [.owner], severity: .warning,
            title: F.template("x"), text: F.template("x"), location: Self.here)
        let plan = PlanSnapshot(units: F.units, people: F.people, items: Self.items)
        let report = ComplianceReport(rules: RuleSet(groups: [RuleGroup(name: "g", rules: [annual], location: Self.here)]),
                                      plan: plan, settings: F.settings, period: .year(2026), today: F.date("2027-03-01"))
        #expect(report.occurrences.map(\.due) == [F.date("2026-01-30"), F.date("2026-01-30")])
        #expect(report.occurrences.map(\.nominalDue) == [F.date("2026-01-30"), F.date("2026-01-30")])
    }

    @Test func aThresholdSeriesPeriodByPeriodWithHysteresisAndAMissingMonth() throws {
        let report = Self.report(.year(2026))
        let rule = try #require(report.thresholds.first)
        #expect(rule.rule == "caseload" && rule.warning == .above(15) && rule.critical == .above(20))
        let farsta = try #require(rule.series.first)
        #expect(rule.series.map(\.unit) == ["farsta"])
        // State at each month's end (warning above 15, critical above 20, for 2, clear below 14):
        // Nov–Dec 2025 at 18, 19 fire at warning; Jan 14.5 is not below 14: still warning (the year
        // begins firing); Feb 16, Mar 17: warning; Apr 21: critical; May 22: critical; Jun 14.5: kept
        // critical; Jul not reported (missing: ten working days passed long before 1 Oct) keeps it;
        // Aug 13: below 14, resolved (ok); Sep 16: pending 1 of 2. Oct–Dec had not ended by 1 Oct
        // (October's value of 30 does not count yet).
        #expect(farsta.periods.map(\.period.description) == (1...12).map { "2026-" + LocalDate.pad($0, 2) })
        #expect(farsta.periods.map(\.value) == [14.5, 16, 17, 21, 22, 14.5, nil, 13, 16, nil, nil, nil])
        #expect(farsta.periods.map { $0.state?.name ?? "-" } == [
            "warning", "warning", "warning", "critical", "critical", "critical", "critical", "ok", "pending", "-", "-", "-",
        ])
        #expect(farsta.periods.map(\.hasEnded) == Array(repeating: true, count: 9) + [false, false, false])
        #expect(farsta.periods.map(\.isMissing) == [false, false, false, false, false, false, true, false, false, false, false, false])
        // Warning: Jan, Feb, Mar = 3; critical: Apr, May, Jun, Jul = 4; missing: Jul = 1.
        #expect((farsta.periodsAtWarning, farsta.periodsAtCritical, farsta.periodsMissing) == (3, 4, 1))
        #expect(farsta.highest?.period == Period("2026-05") && farsta.highest?.value == 22)
        #expect(farsta.stateAtEnd == .pending(count: 1, of: 2))
    }

    @Test func thePastYearsSeriesEndsAsTheYearEnded() throws {
        let farsta = try #require(Self.report(.year(2025)).thresholds.first?.series.first)
        // No figures before November 2025: no state; Nov 18 pending; Dec 19 warning.
        #expect(farsta.periods.map { $0.state?.name ?? "-" } == Array(repeating: "-", count: 10) + ["pending", "warning"])
        #expect(farsta.stateAtEnd == .firing(.warning))
        #expect((farsta.periodsAtWarning, farsta.periodsAtCritical, farsta.periodsMissing) == (1, 0, 0))
    }
}
