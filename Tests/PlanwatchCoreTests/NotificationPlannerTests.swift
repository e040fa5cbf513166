import PlanwatchCore
import Testing

@Suite struct NotificationPlannerTests {
    typealias F = Fixtures

    let planner = NotificationPlanner(zone: F.stockholm, workdays: SwedishWorkdayCalendar.shared, sendAt: 8 * 60, defaultDigest: .immediate)

    func yearly(_ day: String, overdue: OverduePolicy? = OverduePolicy(repeat: RuleDuration(7, .days))) -> Evaluation {
        F.evaluate([F.yearlyFollowUp(overdue: overdue)], items: [F.indicator()], at: "\(day) 09:00")
    }

    @Test func eachFindingAndRecipientIsOneNotification() {
        let evaluation = yearly("2027-01-04")
        let plan = planner.plan(findings: evaluation.findings, alreadySent: [], silences: [], now: F.at("2027-01-04 09:00"))
        #expect(plan.mails.map { $0.notifications.map(\.key.description) } == [
            ["yearly/ind-1/2027-02-01/remind-28d/p-chair"], ["yearly/ind-1/2027-02-01/remind-28d/p-owner"],
        ])
    }

    @Test func aKeyInTheLedgerIsNeverPlannedAgain() {
        let evaluation = yearly("2027-01-04")
        let sent = Set(evaluation.findings[0].recipients.map { NotificationKey(evaluation.findings[0], recipient: $0.id) })
        let plan = planner.plan(findings: evaluation.findings, alreadySent: sent, silences: [], now: F.at("2027-01-05 09:00"))
        #expect(plan.mails.isEmpty && plan.muted.isEmpty && plan.waiting.isEmpty)
    }

    @Test func missedStagesAfterDowntimeSendOnlyTheLatest() {
        // Down since before the first reminder; back on 1 February, the due day.
        let evaluation = yearly("2027-02-01")
        let plan = planner.plan(findings: evaluation.findings, alreadySent: [], occurrences: evaluation.occurrences, silences: [],
                                now: F.at("2027-02-01 09:00"))
        #expect(Set(plan.mails.flatMap(\.notifications).map(\.key.stage)) == ["due"])
        #expect(plan.skipped.first?.stages == ["remind-28d", "remind-14d", "remind-7d", "remind-1d"])
        // With the 28- and 14-day reminders sent before the downtime, only 7d and 1d were missed.
        let sent: [OccurrenceKey: Set<Stage>] = [OccurrenceKey("yearly/ind-1/2027-02-01")!: ["remind-28d", "remind-14d"]]
        let later = planner.plan(findings: evaluation.findings, alreadySent: [], sentStages: sent, occurrences: evaluation.occurrences,
                                 silences: [], now: F.at("2027-02-01 09:00"))
        #expect(later.skipped.first?.stages == ["remind-7d", "remind-1d"])
    }

    @Test func notificationsWaitForTheSendTimeOnWorkingDays() {
        let evaluation = yearly("2027-01-04")
        let early = planner.plan(findings: evaluation.findings, alreadySent: [], silences: [], now: F.at("2027-01-04 07:59"))
        #expect(early.mails.isEmpty)
        #expect(early.waiting.first?.slot == F.at("2027-01-04 08:00"))
        // The next send slot after Friday 08:00 is Monday 08:00 (the weekend is skipped); after the
        // Thursday before Easter 2027 it is Tuesday 30 March.
        #expect(planner.nextSlot(after: F.at("2027-01-08 08:00")) == F.at("2027-01-11 08:00"))
        #expect(planner.nextSlot(after: F.at("2027-03-25 09:00")) == F.at("2027-03-30 08:00"))
    }

    @Test func remindersOnNonWorkingDaysGoOutBeforeAndAlertsAfter() {
        var finding = yearly("2027-01-04").findings[0]
        finding.since = F.date("2027-01-09")  // a Saturday
        #expect(planner.slot(for: finding) == F.at("2027-01-08 08:00"))
        finding.stage = "overdue-1"
        #expect(planner.slot(for: finding) == F.at("2027-01-11 08:00"))
        finding.stage = "missing"
        finding.since = F.date("2026-12-24")  // Christmas Eve
        #expect(planner.slot(for: finding) == F.at("2026-12-28 08:00"))
    }

    @Test func dailyDigestsBundleARecipientsNotificationsAndCriticalGoesAtOnce() {
        let daily = NotificationPlanner(zone: F.stockholm, workdays: SwedishWorkdayCalendar.shared, sendAt: 8 * 60, defaultDigest: .daily)
        var second = F.indicator()
        second.id = "ind-2"
        let evaluation = F.evaluate([F.yearlyFollowUp()], items: [F.indicator(), second], at: "2027-01-04 09:00")
        let plan = daily.plan(findings: evaluation.findings, alreadySent: [], silences: [], now: F.at("2027-01-04 09:00"))
        #expect(plan.mails.count == 2)  // one digest each for the owner and the coordinator
        #expect(plan.mails.allSatisfy { $0.isDigest && $0.notifications.count == 2 && $0.slot == F.at("2027-01-04 08:00") })
        var critical = evaluation.findings
        critical[0].severity = .critical
        let urgent = daily.plan(findings: critical, alreadySent: [], silences: [], now: F.at("2027-01-04 09:00"))
        let alone = urgent.mails.filter { $0.notifications.contains { $0.finding.severity == .critical } }
        #expect(alone.count == 2 && alone.allSatisfy { !$0.isDigest && $0.notifications.count == 1 })
    }

    @Test func weeklyDigestsWaitForTheirDay() {
        let weekly = NotificationPlanner(zone: F.stockholm, workdays: SwedishWorkdayCalendar.shared, sendAt: 8 * 60,
                                         defaultDigest: DigestPolicy("Mon 08:00")!)
        let evaluation = yearly("2027-01-05")  // Tuesday: the reminder began Monday 4 January
        let tuesday = weekly.plan(findings: evaluation.findings, alreadySent: [], silences: [], now: F.at("2027-01-05 09:00"))
        #expect(tuesday.mails.count == 2)  // Monday 08:00 has come: part of that week's digest
        var later = evaluation.findings
        later[0].since = F.date("2027-01-05")
        let beforeMonday = weekly.plan(findings: later, alreadySent: [], silences: [], now: F.at("2027-01-08 09:00"))
        #expect(beforeMonday.mails.isEmpty)
        let monday = weekly.plan(findings: later, alreadySent: [], silences: [], now: F.at("2027-01-11 08:00"))
        #expect(monday.mails.count == 2 && monday.mails[0].slot == F.at("2027-01-11 08:00"))
    }

    @Test func silencesMuteMatchingNotificationsUntilTheyExpire() {
        let evaluation = yearly("2027-01-04")
        let silence = Silence(id: 7, rule: "yearly", recipient: "p-chair", author: "ops", comment: "on leave",
                              createdAt: F.at("2027-01-01 00:00"), expiresAt: F.at("2027-01-10 00:00"))
        let plan = planner.plan(findings: evaluation.findings, alreadySent: [], silences: [silence], now: F.at("2027-01-04 09:00"))
        #expect(plan.muted.map(\.key.recipient) == ["p-chair"] && plan.muted.first?.silencedBy == 7)
        #expect(plan.mails.flatMap(\.notifications).map(\.key.recipient) == ["p-owner"])
        let expired = planner.plan(findings: evaluation.findings, alreadySent: [], silences: [silence], now: F.at("2027-01-11 09:00"))
        #expect(expired.muted.isEmpty)
    }

    @Test func keysAndNamesAreStable() {
        let key = NotificationKey(OccurrenceKey(rule: "r", subject: "s", occurrence: "2027-02-01"), stage: "due", recipient: "p")
        #expect(key.description == "r/s/2027-02-01/due/p")
        #expect(NotificationKey(key.description) == key)
        #expect(key.hash == String(SHA256.hex("r/s/2027-02-01/due/p").prefix(32)))
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

/// Every day a working day, so the DST Sundays of Europe can carry a send slot.
struct EveryDayCalendar: WorkdayCalendar {
    var name: String { "every-day" }
    func isWorkingDay(_ date: LocalDate) -> Bool { true }
}

@Suite struct SendSlotDSTTests {
    let zone = Zone(identifier: "Europe/Stockholm")!

    func at(_ utc: String) -> Instant { try! Timestamp.parse(utc, in: .utc) }

    @Test func aSlotInTheSpringForwardGapIsMovedNotLost() {
        let planner = NotificationPlanner(zone: zone, workdays: EveryDayCalendar(), sendAt: 2 * 60 + 30, defaultDigest: .immediate)
        // 28 March 2027: 02:30 does not exist in Stockholm; the slot is 03:30 CEST (01:30 UTC), once.
        #expect(planner.nextSlot(after: at("2027-03-27 23:00")) == at("2027-03-28 01:30"))
        #expect(planner.nextSlot(after: at("2027-03-28 01:30")) == at("2027-03-29 00:30"))
    }

    @Test func aSlotInTheRepeatedFallBackHourComesOnce() {
        let planner = NotificationPlanner(zone: zone, workdays: EveryDayCalendar(), sendAt: 2 * 60 + 30, defaultDigest: .immediate)
        // 31 October 2027: 02:30 happens twice; the slot is the first (00:30 UTC), and the next is the next day.
        #expect(planner.nextSlot(after: at("2027-10-30 23:00")) == at("2027-10-31 00:30"))
        #expect(planner.nextSlot(after: at("2027-10-31 00:30")) == at("2027-11-01 01:30"))
    }
}

/// When the daemon wakes: the planner's own answer for every kind of slot.
@Suite struct NextWakeTests {
    let zone = Zone(identifier: "Europe/Stockholm")!
    func at(_ text: String) -> Instant { try! Timestamp.parse(text, in: zone) }

    @Test func theNextDailySlotIsOnAWorkingDay() {
        let planner = NotificationPlanner(zone: zone, workdays: SwedishWorkdayCalendar.shared, sendAt: 8 * 60, defaultDigest: .daily)
        // Friday after the send time: Monday 08:00 (6 January 2027 is Epiphany, a Wednesday).
        #expect(planner.nextWake(after: at("2027-01-08 09:00")) == at("2027-01-11 08:00"))
        #expect(planner.nextWake(after: at("2027-01-05 09:00")) == at("2027-01-07 08:00"))
    }

    @Test func aWeeklyDigestAtAnotherTimeWakesTheDaemonThen() {
        let weekly = DigestPolicy("Mon 07:30")!
        let planner = NotificationPlanner(zone: zone, workdays: SwedishWorkdayCalendar.shared, sendAt: 8 * 60, defaultDigest: .daily,
                                          digests: ["p-lena": weekly])
        #expect(planner.nextWake(after: at("2027-01-08 09:00")) == at("2027-01-11 07:30"))
        #expect(planner.nextWake(after: at("2027-01-11 07:30")) == at("2027-01-11 08:00"))
        let everyone = NotificationPlanner(zone: zone, workdays: SwedishWorkdayCalendar.shared, sendAt: 8 * 60, defaultDigest: DigestPolicy("Fri 16:00")!)
        #expect(everyone.nextWake(after: at("2027-01-07 09:00")) == at("2027-01-08 08:00"))
        #expect(everyone.nextWake(after: at("2027-01-08 09:00")) == at("2027-01-08 16:00"))
    }
}
