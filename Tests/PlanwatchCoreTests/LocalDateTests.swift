import PlanwatchCore
import Testing

@Suite struct LocalDateTests {
    @Test func impossibleDatesDoNotExist() {
        #expect(LocalDate(year: 2026, month: 2, day: 30) == nil)
        #expect(LocalDate(iso: "2026-02-30") == nil)
        #expect(LocalDate(iso: "2028-02-29") != nil)
        #expect(LocalDate(iso: "2027-13-01") == nil)
    }

    @Test func weekdaysFollowTheCalendar() {
        #expect(LocalDate(iso: "2027-01-31")?.weekday == .sunday)
        #expect(LocalDate(iso: "1970-01-01")?.weekday == .thursday)
        #expect(LocalDate(iso: "1969-12-31")?.weekday == .wednesday)
    }

    @Test func dayNumbersRoundTrip() {
        for dayNumber in stride(from: -800_000, through: 800_000, by: 997) {
            let date = LocalDate(dayNumber: dayNumber)
            let (y, m, d) = date.parts
            #expect(LocalDate(year: y, month: m, day: d) == date)
        }
        #expect(LocalDate(iso: "2027-02-01")!.adding(days: -1).description == "2027-01-31")
    }

    @Test(arguments: ["2027-1-01", "2027-01-1", "2027/01/01", "2027-01-011", "２０２７-01-01", "27-01-01", "2027-01-0a", " 2027-01-01", ""])
    func onlyTheExactISOFormIsADate(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }
}
