import PlanwatchCore
import Testing

/// Stages, occurrences and keys have one textual form and one parser, and the forms are those the
/// ledger, the journal and mail headers have always held.
@Suite struct IdentityTests {
    // Through a variable: a literal argument would be read as the tests' literal conversion.
    func stage(_ text: String) -> Stage? { Stage(text) }
    func occurrence(_ text: String) -> Occurrence? { Occurrence(text) }

    @Test(arguments: ["remind-28d", "remind-2w", "remind-36h", "remind-10-workdays", "remind-1-workday", "due", "overdue-1",
                      "overdue-12", "escalated", "warning", "critical", "warning-2", "critical-7", "resolved", "missing", "report",
                      "completed"])
    func everyStageReadsBackAsWritten(text: String) throws {
        let stage = try #require(Stage(text))
        #expect(stage.description == text)
    }

    @Test(arguments: ["", "remind-", "remind-28", "remind-28x", "remind-10 workdays", "remind-010d", "overdue-0", "overdue-01", "overdue--1",
                      "overdue-", "overdue-x", "warning-1", "warning-01", "critical-0", "Due", "due ", "escalate", "remind-1-workdays"])
    func aTextThatIsNotAStageIsRefused(text: String) {
        #expect(Stage(text) == nil)
    }

    @Test func stagesKnowWhatTheyAre() {
        #expect(stage("remind-10-workdays")?.reminderLead == RuleDuration(10, .workdays))
        #expect(stage("overdue-3")?.isOverdue == true && stage("due")?.isSentEarly == true && stage("overdue-1")?.isSentEarly == false)
        #expect(stage("critical-2")?.firingLevel == .critical && stage("resolved")?.firingLevel == nil)
    }

    @Test func occurrencesAreDatesOrPeriods() {
        #expect(occurrence("2027-02-01") == .date(LocalDate(iso: "2027-02-01")!))
        #expect(occurrence("2026-11") == .period(Period("2026-11")!))
        #expect(occurrence("2026-T2")?.description == "2026-T2" && occurrence("2026")?.description == "2026")
        #expect(occurrence("2027-02-30") == nil && occurrence("next year") == nil)
    }

    @Test func aNotificationKeyReadsBackAsWritten() throws {
        let text = "indikatorer-arlig-uppfoljning/ind-ledarskap/2027-02-01/remind-28d/p-lena"
        let key = try #require(NotificationKey(text))
        #expect(key.description == text)
        #expect(key.occurrence == OccurrenceKey(rule: "indikatorer-arlig-uppfoljning", subject: "ind-ledarskap",
                                                occurrence: .date(LocalDate(iso: "2027-02-01")!)))
        #expect(key.stage == .reminder(RuleDuration(28, .days)) && key.recipient == "p-lena")
        #expect(OccurrenceKey("r/s/2026-Q3")?.occurrence == .period(Period("2026-Q3")!))
        #expect(NotificationKey("r/s/2026-Q3/critical") == nil && NotificationKey("r/s/someday/due/p") == nil)
        #expect(NotificationKey("r//2027-02-01/due/p") == nil && NotificationKey("r/s/2027-02-01/soon/p") == nil)
    }
}
