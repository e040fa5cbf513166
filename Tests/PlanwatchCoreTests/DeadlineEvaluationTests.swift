import PlanwatchCore
import Testing

@Suite struct DeadlineEvaluationTests {
    typealias F = Fixtures

    @Test func aDueDateOnSundayShiftsToMondayAndItsFourWeekReminderIsActive() {
        let evaluation = F.evaluate([F.yearlyFollowUp()], items: [F.indicator()], at: "2027-01-04 09:00")
        let finding = try! #require(evaluation.findings.first)
        #expect(evaluation.findings.count == 1)
        #expect(finding.occurrence == "2027-02-01")
        #expect(finding.due == F.date("2027-02-01"))
        #expect(finding.stage == "remind-28d")
        #expect(finding.since == F.date("2027-01-04"))
        // {{due}} as people write it in Swedish.
        #expect(finding.title(in: "sv") == "Uppföljning: Personalomsättning senast måndag 1 februari 2027")
        // Owner and the coordinator, found in the parent unit because Farsta has none.
        #expect(finding.recipients.map(\.id) == ["p-owner", "p-chair"])
    }

    @Test func beforeTheFirstReminderNothingIsActive() {
        let evaluation = F.evaluate([F.yearlyFollowUp()], items: [F.indicator()], at: "2027-01-03 09:00", horizonDays: 30)
        #expect(evaluation.findings.isEmpty)
        #expect(evaluation.occurrences.first?.status == .upcoming)
    }

    @Test func stagesFollowEachOtherUpToTheDueDay() {
        let stages: [String: Stage] = ["2027-01-18": "remind-14d", "2027-01-25": "remind-7d", "2027-01-29": "remind-1d", "2027-02-01": "due"]
        for (day, stage) in stages {
            let evaluation = F.evaluate([F.yearlyFollowUp()], items: [F.indicator()], at: "\(day) 09:00")
            #expect(evaluation.findings.map(\.stage) == [stage], "on \(day)")
        }
    }

    @Test func aReminderOnANonWorkingDayMovesToTheWorkingDayBefore() {
        // 1d before Monday 1 February 2027 is Sunday 31 January: sent Friday 29 January.
        let evaluation = F.evaluate([F.yearlyFollowUp()], items: [F.indicator()], at: "2027-01-29 09:00")
        #expect(evaluation.findings.first?.stage == "remind-1d")
        #expect(evaluation.findings.first?.since == F.date("2027-01-29"))
    }

    @Test func aCompletionBeforeTheDueDateStopsAllLaterStages() {
        let done = Completion(occurrence: F.date("2027-02-01"), on: F.date("2027-01-20"), location: F.here)
        for day in ["2027-01-20", "2027-01-25", "2027-02-01", "2027-02-03", "2027-03-01"] {
            let evaluation = F.evaluate([F.yearlyFollowUp(overdue: OverduePolicy(repeat: RuleDuration(7, .days)))],
                                        items: [F.indicator(completed: [done])], at: "\(day) 09:00")
            #expect(evaluation.findings.isEmpty, "on \(day)")
            #expect(evaluation.occurrences.first?.status == .completedOnTime(F.date("2027-01-20")))
        }
        // Before the completion was recorded, the reminder was active.
        let before = F.evaluate([F.yearlyFollowUp()], items: [F.indicator(completed: [done])], at: "2027-01-19 09:00")
        #expect(before.findings.map(\.stage) == ["remind-14d"])
    }

    @Test func aCompletionAfterTheDueDateIsRecordedAsLate() {
        let done = Completion(occurrence: F.date("2027-02-01"), on: F.date("2027-02-03"), location: F.here)
        let rule = F.yearlyFollowUp(overdue: OverduePolicy(repeat: RuleDuration(7, .days)))
        let overdue = F.evaluate([rule], items: [F.indicator(completed: [done])], at: "2027-02-02 09:00")
        #expect(overdue.findings.map(\.stage) == ["overdue-1"])
        let after = F.evaluate([rule], items: [F.indicator(completed: [done])], at: "2027-02-04 09:00")
        #expect(after.findings.isEmpty)
        #expect(after.occurrences.first?.status == .completedLate(F.date("2027-02-03")))
    }

    @Test func theWrittenDueDateAlsoIdentifiesTheOccurrence() {
        let done = Completion(occurrence: F.date("2027-01-31"), on: F.date("2027-01-20"), location: F.here)
        let evaluation = F.evaluate([F.yearlyFollowUp()], items: [F.indicator(completed: [done])], at: "2027-01-25 09:00")
        #expect(evaluation.findings.isEmpty)
    }

    @Test func overdueNoticesRepeatEscalateAndStopAtTheCap() {
        let policy = OverduePolicy(repeat: RuleDuration(7, .days), escalateAfter: RuleDuration(14, .days),
                                   escalateTo: [.role("styrgrupp")], maxOverdue: RuleDuration(30, .days))
        let rule = F.yearlyFollowUp(overdue: policy)
        let expected: [String: Stage] = [
            "2027-02-02": "overdue-1", "2027-02-08": "overdue-2", "2027-02-12": "overdue-2",
            "2027-02-15": "escalated", "2027-02-22": "overdue-4", "2027-03-01": "overdue-5",
        ]
        for (day, stage) in expected {
            let evaluation = F.evaluate([rule], items: [F.indicator()], at: "\(day) 09:00")
            #expect(evaluation.findings.map(\.stage) == [stage], "on \(day)")
        }
        let escalated = F.evaluate([rule], items: [F.indicator()], at: "2027-02-15 09:00").findings.first
        #expect(escalated?.recipients.map(\.id) == ["p-owner", "p-chair"])
        // 30 days after 1 February is 3 March; after that, nothing more is said.
        let capped = F.evaluate([rule], items: [F.indicator()], at: "2027-03-05 09:00")
        #expect(capped.findings.isEmpty)
        #expect(capped.occurrences.contains { $0.status == .expired })
    }

    @Test func withoutAnOverduePolicyTheDueDayIsTheLastStage() {
        let evaluation = F.evaluate([F.yearlyFollowUp()], items: [F.indicator()], at: "2027-02-02 09:00")
        #expect(evaluation.findings.isEmpty)
        #expect(evaluation.occurrences.first { $0.due == F.date("2027-02-01") }?.status == .overdue)
    }

    @Test func anItemsOwnDueDateMakesOneOccurrence() {
        var item = F.indicator()
        item.due = F.date("2027-03-31")
        let rule = Rule(id: "own", group: "g", settings: .deadline(DeadlineRule(due: .itemDueDate, shift: .nextWorkday,
                                                                          remind: [RuleDuration(10, .workdays)])),
                        selector: Selector(itemKind: "indicator"), notify: [.owner], severity: .info,
                        title: F.template("{{item.title}}"), text: F.template("{{due}}"), location: F.here)
        // Ten working days before Wednesday 31 March 2027, over Easter (26 and 29 March): Monday 15 March.
        let evaluation = F.evaluate([rule], items: [item], at: "2027-03-15 09:00")
        #expect(evaluation.findings.map(\.stage) == ["remind-10-workdays"])
        #expect(F.evaluate([rule], items: [item], at: "2027-03-12 09:00").findings.isEmpty)
    }

    @Test func upcomingStagesWithinTheHorizonAreListed() {
        let evaluation = F.evaluate([F.yearlyFollowUp()], items: [F.indicator()], at: "2027-01-04 09:00", horizonDays: 14)
        #expect(evaluation.upcoming.map(\.stage) == ["remind-14d"])
        #expect(evaluation.upcoming.first?.since == F.date("2027-01-18"))
    }

    @Test func evaluationIsDeterministic() {
        let first = F.evaluate([F.yearlyFollowUp()], items: [F.indicator()], at: "2027-01-04 09:00", horizonDays: 60)
        let second = F.evaluate([F.yearlyFollowUp()], items: [F.indicator()], at: "2027-01-04 09:00", horizonDays: 60)
        #expect(first.findings == second.findings && first.upcoming == second.upcoming)
    }
}

@Suite struct DeadlineSelectionAndOffsetTests {
    typealias F = Fixtures

    @Test func anOffsetMovesEachCalendarDateBeforeShifting() {
        // Tertial report 1: the period ends 30 April 2027 (a Friday); 10 working days later, over
        // 1 May (a Saturday) and Ascension Day (6 May), is Monday 17 May.
        let rule = Rule(id: "t1", group: "g", settings: .deadline(DeadlineRule(
                due: .calendar(try! CalendarExpression("*-04-30")), offset: RuleDuration(10, .workdays), shift: .nextWorkday,
                remind: [RuleDuration(7, .days)])),
            selector: Selector(itemKind: "indicator"), notify: [.owner], severity: .warning,
            title: F.template("{{due}}"), text: F.template("{{due_nominal}}"), location: F.here)
        let evaluation = F.evaluate([rule], items: [F.indicator()], at: "2027-05-10 09:00")
        #expect(evaluation.findings.map(\.occurrence) == ["2027-05-17"])
        #expect(evaluation.findings.first?.stage == "remind-7d")
    }

    @Test func unitsAreSelectedByTheirNumberOfEmployees() {
        var small = Fixtures.units[1]
        small.employees = 8
        var large = small
        large.id = "large"
        large.employees = 40
        var item = F.indicator()
        let written = Selector(itemKind: "indicator", minEmployees: 10)
        #expect(!written.matches(item, unit: small) && written.matches(item, unit: large))
        #expect(!written.matches(item, unit: nil))
        item.unit = nil
        #expect(Selector(itemKind: "indicator").matches(item, unit: nil))
        #expect(Selector(unitKind: "district", maxEmployees: 9).matches(small))
    }
}
