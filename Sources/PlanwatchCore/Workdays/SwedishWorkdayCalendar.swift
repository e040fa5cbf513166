/// The Swedish working-day calendar (`workdays: se`).
///
/// Not working days: Saturdays, Sundays, the public holidays of lag (1989:253) — New Year's Day,
/// Epiphany, Good Friday, Easter Sunday and Monday, 1 May, Ascension Day, Pentecost, the National
/// Day (from 2005; Whit Monday until 2004), Midsummer Day, All Saints' Day, Christmas Day, Boxing
/// Day — and Midsummer Eve, Christmas Eve and New Year's Eve, which lag (1930:173) § 2 treats like
/// holidays for deadlines. Years 1970–2199 are covered (the range of systemd's calendar, and of the
/// times planwatch accepts: ``Timestamp/supportedRange``) from a table made once.
///
/// A date outside them can still come from plan data (`due: 2250-12-25`): its year's holidays are
/// then computed by the same rules on each call — the law as it stands after 2199, as it stood in
/// 1970 before — rather than taking every weekday for a working day.
public struct SwedishWorkdayCalendar: WorkdayCalendar {
    /// The years of the table.
    public static let years = 1970...2199

    private let nonWorkingDays: Set<Int>

    /// The calendar; its table of non-working days is computed once.
    public init() {
        var days = Set<Int>()
        for year in Self.years {
            for holiday in Self.holidays(in: year) { days.insert(holiday.date.dayNumber) }
        }
        nonWorkingDays = days
    }

    public var name: String { "se" }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if date.weekday.isWeekend { return false }
        if nonWorkingDays.contains(date.dayNumber) { return false }
        guard date < Self.firstDay || date > Self.lastDay else { return true }
        return !Self.holidays(in: date.year).contains { $0.date == date }
    }

    private static let firstDay = LocalDate(year: years.lowerBound, month: 1, day: 1)!
    private static let lastDay = LocalDate(year: years.upperBound, month: 12, day: 31)!

    /// Every holiday and eve of a year, in date order, including those that fall on a weekend.
    public static func holidays(in year: Int) -> [Holiday] {
        let easter = easterSunday(year: year)
        func fixed(_ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day)! }
        /// The first `weekday` on or after month-day.
        func first(_ weekday: Weekday, onOrAfter month: Int, _ day: Int) -> LocalDate {
            let start = fixed(month, day)
            return start.adding(days: (weekday.rawValue - start.weekday.rawValue + 7) % 7)
        }
        let midsummerDay = first(.saturday, onOrAfter: 6, 20)
        var result: [Holiday] = [
            Holiday(date: fixed(1, 1), name: "Nyårsdagen", englishName: "New Year's Day", kind: .holiday),
            Holiday(date: fixed(1, 6), name: "Trettondedag jul", englishName: "Epiphany", kind: .holiday),
            Holiday(date: easter.adding(days: -2), name: "Långfredagen", englishName: "Good Friday", kind: .holiday),
            Holiday(date: easter, name: "Påskdagen", englishName: "Easter Sunday", kind: .holiday),
            Holiday(date: easter.adding(days: 1), name: "Annandag påsk", englishName: "Easter Monday", kind: .holiday),
            Holiday(date: fixed(5, 1), name: "Första maj", englishName: "May Day", kind: .holiday),
            Holiday(date: easter.adding(days: 39), name: "Kristi himmelsfärdsdag", englishName: "Ascension Day", kind: .holiday),
            Holiday(date: easter.adding(days: 49), name: "Pingstdagen", englishName: "Whit Sunday", kind: .holiday),
            Holiday(date: midsummerDay.adding(days: -1), name: "Midsommarafton", englishName: "Midsummer Eve", kind: .eve),
            Holiday(date: midsummerDay, name: "Midsommardagen", englishName: "Midsummer Day", kind: .holiday),
            Holiday(date: first(.saturday, onOrAfter: 10, 31), name: "Alla helgons dag", englishName: "All Saints' Day", kind: .holiday),
            Holiday(date: fixed(12, 24), name: "Julafton", englishName: "Christmas Eve", kind: .eve),
            Holiday(date: fixed(12, 25), name: "Juldagen", englishName: "Christmas Day", kind: .holiday),
            Holiday(date: fixed(12, 26), name: "Annandag jul", englishName: "Boxing Day", kind: .holiday),
            Holiday(date: fixed(12, 31), name: "Nyårsafton", englishName: "New Year's Eve", kind: .eve),
        ]
        if year >= 2005 {
            result.append(Holiday(date: fixed(6, 6), name: "Sveriges nationaldag", englishName: "National Day of Sweden", kind: .holiday))
        } else {
            result.append(Holiday(date: easter.adding(days: 50), name: "Annandag pingst", englishName: "Whit Monday", kind: .holiday))
        }
        return result.sorted()
    }
}
