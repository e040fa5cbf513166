import PlanwatchCore
import Testing

@Suite struct MessageLanguageWordTests {
    @Test(arguments: [("sv", MessageLanguage.swedish), ("en", .english), ("SV", .swedish), ("En", .english),
                      ("sv-SE", .swedish), ("sv_FI", .swedish), ("en-GB", .english)])
    func aLanguageIsFoundByItsCodeWithOrWithoutARegion(code: String, expected: MessageLanguage) {
        #expect(MessageLanguage(code: code) == expected)
    }

    @Test(arguments: ["fi", "", "s", "svenska", "-sv", "english"])
    func otherCodesAreNoLanguage(code: String) {
        #expect(MessageLanguage(code: code) == nil)
    }

    @Test func aLanguageHasOneCode() {
        #expect(MessageLanguage.allCases.map(\.code) == ["sv", "en"])
        #expect(MessageLanguage.allCases.allSatisfy { MessageLanguage(code: $0.code) == $0 })
    }

    @Test(arguments: [(0, "0 dagar", "0 days"), (1, "1 dag", "1 day"), (2, "2 dagar", "2 days"), (21, "21 dagar", "21 days"),
                      (1132, "1\u{00A0}132 dagar", "1,132 days")])
    func daysAreSingularForOneOnly(count: Int, swedish: String, english: String) {
        #expect(MessageLanguage.swedish.days(count) == swedish)
        #expect(MessageLanguage.english.days(count) == english)
    }

    @Test(arguments: [(-1, "-1 dag", "-1 day"), (-3, "-3 dagar", "-3 days")])
    func aNegativeCountKeepsItsSign(count: Int, swedish: String, english: String) {
        #expect(MessageLanguage.swedish.days(count) == swedish)
        #expect(MessageLanguage.english.days(count) == english)
    }

    @Test(arguments: [(0, "0 arbetsdagar", "0 working days"), (1, "1 arbetsdag", "1 working day"),
                      (10, "10 arbetsdagar", "10 working days")])
    func workdaysAreCountedInWorkingDays(count: Int, swedish: String, english: String) {
        #expect(MessageLanguage.swedish.workdays(count) == swedish)
        #expect(MessageLanguage.english.workdays(count) == english)
    }

    @Test(arguments: [(0, "0 veckor", "0 weeks"), (1, "1 vecka", "1 week"), (2, "2 veckor", "2 weeks")])
    func weeksAreCountedInWeeks(count: Int, swedish: String, english: String) {
        #expect(MessageLanguage.swedish.weeks(count) == swedish)
        #expect(MessageLanguage.english.weeks(count) == english)
    }

    @Test(arguments: [(0, "0 timmar", "0 hours"), (1, "1 timme", "1 hour"), (36, "36 timmar", "36 hours")])
    func hoursAreCountedInHours(count: Int, swedish: String, english: String) {
        #expect(MessageLanguage.swedish.hours(count) == swedish)
        #expect(MessageLanguage.english.hours(count) == english)
    }

    @Test(arguments: [("28d", "28 dagar", "28 days"), ("1 workday", "1 arbetsdag", "1 working day"),
                      ("2w", "2 veckor", "2 weeks"), ("36h", "36 timmar", "36 hours")])
    func aRuleDurationIsSaidInItsUnit(text: String, swedish: String, english: String) throws {
        let duration = try RuleDuration(parsing: text)
        #expect(MessageLanguage.swedish.duration(duration) == swedish)
        #expect(MessageLanguage.english.duration(duration) == english)
    }

    @Test func aCountTakesTheCallersWords() {
        #expect(MessageLanguage.swedish.count(1, singular: "försenad", plural: "försenade") == "1 försenad")
        #expect(MessageLanguage.swedish.count(2, singular: "försenad", plural: "försenade") == "2 försenade")
        #expect(MessageLanguage.english.count(0, singular: "reminder", plural: "reminders") == "0 reminders")
    }

    @Test(arguments: [([], "", ""), (["a"], "a", "a"), (["a", "b"], "a och b", "a and b"),
                      (["a", "b", "c"], "a, b och c", "a, b and c"), (["a", "b", "c", "d"], "a, b, c och d", "a, b, c and d")])
    func listsJoinTheLastItemWithAndAndTheOthersWithCommas(items: [String], swedish: String, english: String) {
        #expect(MessageLanguage.swedish.list(items) == swedish)
        #expect(MessageLanguage.english.list(items) == english)
    }

    @Test(arguments: [("Lisa Strand", "Lisa"), ("Anna-Karin Lind", "Anna-Karin"), ("Lisa", "Lisa"),
                      ("  Lisa Strand  ", "Lisa"), ("\u{00A0}Lisa\u{00A0}Strand", "Lisa"), ("Lisa\nStrand", "Lisa"),
                      ("Per Olof Berg", "Per"), ("", ""), ("   ", "")])
    func theGivenNameIsTheFirstWord(fullName: String, expected: String) {
        #expect(MessageLanguage.givenName(fullName) == expected)
    }

    @Test(arguments: [("Strand, Lisa", "Lisa"), ("Strand,Lisa", "Lisa"), ("Lind, Anna-Karin", "Anna-Karin"),
                      ("af Klint, Hilma", "Hilma"), ("Lisa Strand, enhetschef", "Lisa"), ("Strand,", "Strand"),
                      (", Lisa", "Lisa")])
    func aNameWrittenSurnameFirstGivesTheNameAfterTheComma(fullName: String, expected: String) {
        #expect(MessageLanguage.givenName(fullName) == expected)
    }
}
