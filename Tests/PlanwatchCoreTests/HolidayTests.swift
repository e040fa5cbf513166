import PlanwatchCore
import Testing

@Suite struct HolidayTests {
    func names(_ year: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: SwedishWorkdayCalendar.holidays(in: year).map { ($0.name, $0.date.description) })
    }

    @Test(arguments: [
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
        (2028, "2028-04-16"), (2029, "2029-04-01"), (2030, "2030-04-21"), (2038, "2038-04-25"),
    ])
    func easterSundayFollowsTheGregorianComputus(year: Int, easter: String) {
        #expect(easterSunday(year: year).description == easter)
        #expect(names(year)["Påskdagen"] == easter)
    }

    @Test(arguments: [
        (2024, "2024-03-29", "2024-04-01", "2024-05-09", "2024-05-19"),
        (2025, "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-08"),
        (2026, "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-24"),
        (2027, "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-16"),
        (2030, "2030-04-19", "2030-04-22", "2030-05-30", "2030-06-09"),
    ])
    func easterDependentDaysMoveWithEaster(year: Int, goodFriday: String, easterMonday: String, ascension: String, pentecost: String) {
        let days = names(year)
        #expect(days["Långfredagen"] == goodFriday)
        #expect(days["Annandag påsk"] == easterMonday)
        #expect(days["Kristi himmelsfärdsdag"] == ascension)
        #expect(days["Pingstdagen"] == pentecost)
    }

    @Test(arguments: [
        (2024, "2024-06-21", "2024-06-22", "2024-11-02"), (2025, "2025-06-20", "2025-06-21", "2025-11-01"),
        (2026, "2026-06-19", "2026-06-20", "2026-10-31"), (2027, "2027-06-25", "2027-06-26", "2027-11-06"),
        (2028, "2028-06-23", "2028-06-24", "2028-11-04"), (2029, "2029-06-22", "2029-06-23", "2029-11-03"),
        (2030, "2030-06-21", "2030-06-22", "2030-11-02"),
    ])
    func midsummerAndAllSaintsFallOnTheirSaturdays(year: Int, eve: String, midsummer: String, allSaints: String) {
        let days = names(year)
        #expect(days["Midsommarafton"] == eve)
        #expect(days["Midsommardagen"] == midsummer)
        #expect(days["Alla helgons dag"] == allSaints)
    }

    @Test func nationalDayReplacedWhitMondayIn2005() {
        #expect(names(2005)["Sveriges nationaldag"] == "2005-06-06")
        #expect(names(2005)["Annandag pingst"] == nil)
        #expect(names(2004)["Annandag pingst"] == "2004-05-31")
        #expect(names(2004)["Sveriges nationaldag"] == nil)
    }

    @Test func aYearHasThirteenHolidaysAndThreeEves() {
        for year in 2024...2030 {
            let holidays = SwedishWorkdayCalendar.holidays(in: year)
            #expect(holidays.filter { $0.kind == .holiday }.count == 13)
            #expect(holidays.filter { $0.kind == .eve }.map(\.name) == ["Midsommarafton", "Julafton", "Nyårsafton"])
            #expect(holidays == holidays.sorted())
        }
    }
}
