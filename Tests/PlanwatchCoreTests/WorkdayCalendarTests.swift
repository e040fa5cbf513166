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

    /// Plan data may still name a date outside 1970–2199 (`due: 2250-12-25`): the holidays of its
    /// year are computed by the same rules, not forgotten.
    @Test(arguments: ["2200-01-01", "2250-12-25", "2300-04-09", "9999-12-24", "1969-12-25", "1900-06-22", "0001-01-01"])
    func holidaysOutsideTheTableAreStillHolidays(text: String) throws {
        let date = try #require(LocalDate(iso: text))
        #expect(!date.weekday.isWeekend, "pick a weekday: \(text)")
        #expect(!sweden.isWorkingDay(date), "\(text) is a holiday or an eve")
        #expect(SwedishWorkdayCalendar.holidays(in: date.year).contains { $0.date == date })
    }

    @Test func ordinaryDaysOutsideTheTableAreWorkingDays() throws {
        #expect(sweden.isWorkingDay(try #require(LocalDate(iso: "2250-12-23"))))
        #expect(sweden.isWorkingDay(try #require(LocalDate(iso: "1969-12-22"))))
    }

    @Test func easterIsInMarchOrAprilInEveryYear() {
        for year in stride(from: -3000, through: 12_000, by: 7) {
            let easter = easterSunday(year: year)
            #expect(easter.year == year && (3...4).contains(easter.month) && easter.weekday == .sunday, "\(year)")
        }
        #expect(easterSunday(year: 2300) == LocalDate(year: 2300, month: 4, day: 8))
        #expect(easterSunday(year: 9999) == LocalDate(year: 9999, month: 3, day: 28))
    }
}
