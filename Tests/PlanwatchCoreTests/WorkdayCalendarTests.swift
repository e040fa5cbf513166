import PlanwatchCore
import Testing

@Suite struct WorkdayCalendarTests {
    let sweden = SwedishWorkdayCalendar()
    let plain = MondayToFridayCalendar()

    func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func weekendsHolidaysAndEvesAreNotWorkingDays() {
        #expect(!sweden.isWorkingDay(date("2027-01-30")))  // Saturday
        #expect(!sweden.isWorkingDay(date("2027-01-06")))  // Epiphany, a Wednesday
        #expect(!sweden.isWorkingDay(date("2026-06-19")))  // Midsummer Eve
        #expect(!sweden.isWorkingDay(date("2026-12-24")))  // Christmas Eve
        #expect(!sweden.isWorkingDay(date("2026-12-31")))  // New Year's Eve
        #expect(sweden.isWorkingDay(date("2026-06-22")))
        #expect(plain.isWorkingDay(date("2026-12-24")))
    }

    @Test func aDeadlineOnSundayMovesToMonday() {
        #expect(sweden.shift(date("2027-01-31"), .nextWorkday) == date("2027-02-01"))
        #expect(sweden.shift(date("2027-01-31"), .previousWorkday) == date("2027-01-29"))
        #expect(sweden.shift(date("2027-01-31"), .none) == date("2027-01-31"))
        #expect(sweden.shift(date("2027-02-01"), .nextWorkday) == date("2027-02-01"))
    }

    @Test func christmasPushesADeadlinePastTheWholeHoliday() {
        // Thu 24 eve, Fri 25 and Sat 26 holidays, Sun 27.
        #expect(sweden.shift(date("2026-12-24"), .nextWorkday) == date("2026-12-28"))
        #expect(plain.shift(date("2026-12-24"), .nextWorkday) == date("2026-12-24"))
        // New Year's Eve (Thu) back to Wednesday.
        #expect(sweden.shift(date("2026-12-31"), .previousWorkday) == date("2026-12-30"))
    }

    @Test func workingDaysAreCountedOverHolidays() {
        // From Wed 2026-12-23: Mon 28, Tue 29, Wed 30, Fri 2027-01-01 is a holiday, Mon 4, Tue 5.
        #expect(sweden.adding(workdays: 3, to: date("2026-12-23")) == date("2026-12-30"))
        #expect(sweden.adding(workdays: 5, to: date("2026-12-23")) == date("2027-01-05"))
        #expect(sweden.adding(workdays: -5, to: date("2027-01-05")) == date("2026-12-23"))
        #expect(sweden.adding(workdays: 0, to: date("2027-01-31")) == date("2027-01-31"))
        #expect(plain.adding(workdays: 2, to: date("2027-01-29")) == date("2027-02-02"))
        #expect(sweden.workdays(from: date("2026-12-23"), to: date("2027-01-05")) == 5)
        #expect(sweden.nextWorkingDay(after: date("2027-03-25")) == date("2027-03-30"))  // Easter
        #expect(sweden.previousWorkingDay(before: date("2027-03-29")) == date("2027-03-25"))
    }
}
