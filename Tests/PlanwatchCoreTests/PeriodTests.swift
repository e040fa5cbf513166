import PlanwatchCore
import Testing

@Suite struct PeriodTests {
    @Test(arguments: [("2026-10", "2026-10"), ("2026-Q3", "2026-Q3"), ("2026-T2", "2026-T2"), ("2026", "2026"), ("1900-01", "1900-01")])
    func periodsAreReadAsWritten(text: String, expected: String) {
        #expect(Period(text)?.description == expected)
    }

    @Test(arguments: ["2026-13", "2026-00", "2026-1", "2026-Q0", "2026-Q5", "2026-T4", "1899", "1899-12", "20261", "2026-10-01",
                      "2026/10", "+202", "abcd", "2026-q3", "2026-١٠", "", "2026-"])
    func otherTextsAreNotPeriods(text: String) {
        #expect(Period(text) == nil)
    }
}
