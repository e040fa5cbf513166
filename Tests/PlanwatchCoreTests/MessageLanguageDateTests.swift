import PlanwatchCore
import Testing

private func date(_ iso: String) -> LocalDate {
    LocalDate(iso: iso)!
}

@Suite struct MessageLanguageDateTests {
    @Test func datesInRunningTextHaveTheWeekdayAndLowerCaseNamesInSwedish() {
        #expect(MessageLanguage.swedish.date(date("2027-02-01")) == "måndag 1 februari 2027")
        #expect(MessageLanguage.english.date(date("2027-02-01")) == "Monday 1 February 2027")
    }

    @Test(arguments: [("2027-02-01", "måndag", "Monday"), ("2027-02-02", "tisdag", "Tuesday"),
                      ("2027-02-03", "onsdag", "Wednesday"), ("2027-02-04", "torsdag", "Thursday"),
                      ("2027-02-05", "fredag", "Friday"), ("2027-02-06", "lördag", "Saturday"),
                      ("2027-02-07", "söndag", "Sunday")])
    func everyWeekdayHasItsName(iso: String, swedish: String, english: String) {
        #expect(MessageLanguage.swedish.date(date(iso)) == "\(swedish) \(date(iso).day) februari 2027")
        #expect(MessageLanguage.english.date(date(iso)) == "\(english) \(date(iso).day) February 2027")
    }

    @Test(arguments: [(Weekday.monday, "mån", "Mon"), (.tuesday, "tis", "Tue"), (.wednesday, "ons", "Wed"),
                      (.thursday, "tors", "Thu"), (.friday, "fre", "Fri"), (.saturday, "lör", "Sat"), (.sunday, "sön", "Sun")])
    func everyWeekdayHasAShortName(weekday: Weekday, swedish: String, english: String) {
        #expect(MessageLanguage.swedish.weekdayAbbreviation(weekday) == swedish)
        #expect(MessageLanguage.english.weekdayAbbreviation(weekday) == english)
    }

    @Test func datesAcrossAYearEndHaveTheirOwnYear() {
        #expect(MessageLanguage.swedish.date(date("2026-12-31")) == "torsdag 31 december 2026")
        #expect(MessageLanguage.swedish.date(date("2027-01-01")) == "fredag 1 januari 2027")
        #expect(MessageLanguage.english.date(date("2026-12-31")) == "Thursday 31 December 2026")
        #expect(MessageLanguage.english.date(date("2027-01-01")) == "Friday 1 January 2027")
    }

    @Test func theLeapDayIsADateLikeAnyOther() {
        #expect(MessageLanguage.swedish.date(date("2028-02-29")) == "tisdag 29 februari 2028")
        #expect(MessageLanguage.english.date(date("2028-02-29")) == "Tuesday 29 February 2028")
        #expect(MessageLanguage.swedish.dayAndMonth(date("2028-02-29")) == "29 februari")
        #expect(MessageLanguage.english.shortDate(date("2028-02-29")) == "29 Feb")
    }

    /// The date in words is written as bytes: every day number and year comes out as the number
    /// itself, whatever its length or sign, after every weekday's and month's name.
    @Test func everyDayAndYearIsWrittenAsItsNumber() {
        for year in [-44, 0, 7, 99, 2027, 10_000, 123_456] {
            for (month, day) in [(1, 1), (2, 9), (10, 10), (12, 31)] {
                guard let date = LocalDate(year: year, month: month, day: day) else { continue }
                for language in [MessageLanguage.swedish, .english] {
                    let expected = language.weekdayName(date.weekday) + " " + String(day) + " " + language.monthName(month) + " " + String(year)
                    #expect(language.date(date) == expected)
                }
            }
        }
        let far = LocalDate(dayNumber: Int(Int32.max))
        #expect(MessageLanguage.swedish.date(far).hasSuffix(" " + String(far.year)))
    }

    static let months: [(Int, String, String, String, String)] = [
        (1, "januari", "jan", "January", "Jan"), (2, "februari", "feb", "February", "Feb"),
        (3, "mars", "mars", "March", "Mar"), (4, "april", "apr", "April", "Apr"), (5, "maj", "maj", "May", "May"),
        (6, "juni", "juni", "June", "Jun"), (7, "juli", "juli", "July", "Jul"), (8, "augusti", "aug", "August", "Aug"),
        (9, "september", "sep", "September", "Sep"), (10, "oktober", "okt", "October", "Oct"),
        (11, "november", "nov", "November", "Nov"), (12, "december", "dec", "December", "Dec"),
    ]

    @Test(arguments: months)
    func everyMonthHasItsNameInDatesAndItsShortNameInShortDates(month: Int, swedish: String, swedishShort: String,
                                                              english: String, englishShort: String) {
        let fourth = LocalDate(year: 2026, month: month, day: 4)!
        #expect(MessageLanguage.swedish.dayAndMonth(fourth) == "4 \(swedish)")
        #expect(MessageLanguage.english.dayAndMonth(fourth) == "4 \(english)")
        #expect(MessageLanguage.swedish.shortDate(fourth) == "4 \(swedishShort)")
        #expect(MessageLanguage.english.shortDate(fourth) == "4 \(englishShort)")
    }

    @Test(arguments: months)
    func everyMonthIsAPeriodWithItsYear(month: Int, swedish: String, swedishShort: String, english: String, englishShort: String) {
        let period = Period(kind: .month, year: 2026, index: month)
        #expect(MessageLanguage.swedish.period(period) == "\(swedish) 2026")
        #expect(MessageLanguage.english.period(period) == "\(english) 2026")
    }

    @Test(arguments: [0, 13, -1])
    func aMonthNumberThatIsNoMonthIsWrittenAsTheNumber(month: Int) {
        #expect(MessageLanguage.swedish.monthName(month) == String(month))
        #expect(MessageLanguage.english.monthAbbreviation(month) == String(month))
    }

    @Test(arguments: [(1, "första tertialet 2026 (jan–apr)", "the first tertial of 2026 (Jan–Apr)"),
                      (2, "andra tertialet 2026 (maj–aug)", "the second tertial of 2026 (May–Aug)"),
                      (3, "tredje tertialet 2026 (sep–dec)", "the third tertial of 2026 (Sep–Dec)")])
    func tertialsAreNamedByOrdinalWithTheirMonths(index: Int, swedish: String, english: String) {
        let period = Period(kind: .tertial, year: 2026, index: index)
        #expect(MessageLanguage.swedish.period(period) == swedish)
        #expect(MessageLanguage.english.period(period) == english)
    }

    @Test func theMonthsOfATertialAreJoinedByAnEnDash() {
        let text = MessageLanguage.swedish.period(Period(kind: .tertial, year: 2026, index: 1))
        #expect(text.unicodeScalars.contains("\u{2013}"))
        #expect(!text.contains("-"))
    }

    @Test(arguments: [(1, "första kvartalet 2026", "the first quarter of 2026"),
                      (2, "andra kvartalet 2026", "the second quarter of 2026"),
                      (3, "tredje kvartalet 2026", "the third quarter of 2026"),
                      (4, "fjärde kvartalet 2026", "the fourth quarter of 2026")])
    func quartersAreNamedByOrdinal(index: Int, swedish: String, english: String) {
        let period = Period(kind: .quarter, year: 2026, index: index)
        #expect(MessageLanguage.swedish.period(period) == swedish)
        #expect(MessageLanguage.english.period(period) == english)
    }

    @Test func aYearIsItsNumber() {
        for language in MessageLanguage.allCases {
            #expect(language.period(Period("2026")!) == "2026")
        }
    }

    @Test(arguments: [Period(kind: .quarter, year: 2026, index: 5), Period(kind: .tertial, year: 2026, index: 0),
                      Period(kind: .month, year: 2026, index: 13)])
    func aPeriodNumberThatDoesNotExistIsWrittenInTheShortForm(period: Period) {
        #expect(MessageLanguage.swedish.period(period) == period.description)
    }

    @Test(arguments: [(-30, "för 30 dagar sedan", "30 days ago"), (-2, "för 2 dagar sedan", "2 days ago"),
                      (-1, "i går", "yesterday"), (0, "i dag", "today"), (1, "i morgon", "tomorrow"),
                      (2, "om 2 dagar", "in 2 days"), (3, "om 3 dagar", "in 3 days"), (30, "om 30 dagar", "in 30 days")])
    func daysNearTodayAreSaidInWordsAndOthersInDays(offset: Int, swedish: String, english: String) {
        let today = date("2026-12-30")
        #expect(MessageLanguage.swedish.relativeDay(today.adding(days: offset), from: today) == swedish)
        #expect(MessageLanguage.english.relativeDay(today.adding(days: offset), from: today) == english)
    }

    @Test func tomorrowIsTomorrowAcrossAYearEndAndTheLeapDay() {
        #expect(MessageLanguage.swedish.relativeDay(date("2027-01-01"), from: date("2026-12-31")) == "i morgon")
        #expect(MessageLanguage.english.relativeDay(date("2028-03-01"), from: date("2028-02-28")) == "in 2 days")
    }

    @Test func manyDaysAwayAreGroupedByThousands() {
        #expect(MessageLanguage.swedish.relativeDay(date("2030-01-01"), from: date("2026-12-31")) == "om 1\u{00A0}097 dagar")
    }
}
