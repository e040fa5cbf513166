import PlanwatchCore
import Testing

@Suite struct RuleDurationTests {
    @Test(arguments: [
        ("28d", 28, RuleDuration.Unit.days), ("2w", 2, .weeks), ("36h", 36, .hours), ("10 workdays", 10, .workdays),
        ("1 workday", 1, .workdays), (" 7 days ", 7, .days), ("0d", 0, .days),
    ])
    func acceptedForms(text: String, amount: Int, unit: RuleDuration.Unit) throws {
        let duration = try RuleDuration(parsing: text)
        #expect(duration.amount == amount && duration.unit == unit)
    }

    @Test(arguments: ["", "d", "-3d", "3x", "3", "2 fortnights", "1.5d", "99999999d", "20000d"])
    func anythingElseIsAClearError(text: String) {
        #expect(throws: RuleDurationError.self) { try RuleDuration(parsing: text) }
    }

    @Test func errorsSayWhatIsAccepted() {
        #expect {
            try RuleDuration(parsing: "3x")
        } throws: { error in
            (error as? RuleDurationError)?.description
                == "invalid duration '3x': unknown unit 'x' (expected e.g. 28d, 2w, 36h or 10 workdays)"
        }
    }

    @Test func leadsCountBackInCalendarOrWorkingDays() throws {
        let sweden = SwedishWorkdayCalendar()
        let due = LocalDate(iso: "2027-02-01")!
        #expect(try RuleDuration(parsing: "28d").date(before: due, workdays: sweden).description == "2027-01-04")
        #expect(try RuleDuration(parsing: "2w").date(before: due, workdays: sweden).description == "2027-01-18")
        #expect(try RuleDuration(parsing: "10 workdays").date(before: due, workdays: sweden).description == "2027-01-18")
        #expect(try RuleDuration(parsing: "36h").seconds == 129_600)
        #expect(try RuleDuration(parsing: "10 workdays").description == "10 workdays")
    }
}
