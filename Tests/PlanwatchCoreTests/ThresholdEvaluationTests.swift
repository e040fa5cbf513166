import PlanwatchCore
import Testing

@Suite struct ThresholdEvaluationTests {
    typealias F = Fixtures

    func findings(_ values: [(String, Double)], at day: String, rule: Rule = F.caseload()) -> [Finding] {
        F.evaluate([rule], measurements: F.measurements(values), at: "\(day) 09:00").findings.filter { $0.stage != "missing" }
    }

    @Test func oneMonthAboveTheLimitIsOnlyPendingWithForTwoPeriods() {
        let evaluation = F.evaluate([F.caseload()], measurements: F.measurements([("2026-10", 21)]), at: "2026-11-05 09:00")
        #expect(evaluation.findings.isEmpty)
        #expect(evaluation.series.first { $0.unit == "farsta" }?.state == .pending(count: 1, of: 2))
    }

    @Test func twoMonthsAboveTheCriticalLimitAreCriticalAfterTheSecondValue() {
        let result = findings([("2026-10", 21), ("2026-11", 22)], at: "2026-12-05")
        #expect(result.map(\.stage) == ["critical"])
        #expect(result.first?.severity == .critical)
        #expect(result.first?.occurrence == "2026-11")
        #expect(result.first?.value == 22 && result.first?.threshold == "20")
        #expect(result.first?.recipients.map(\.id) == ["p-manager"])
        #expect(result.first?.title(in: "sv") == "Farsta: 22")
    }

    @Test func aValueBetweenClearAndWarningKeepsTheAlertFiringAtItsLevel() {
        let result = findings([("2026-10", 21), ("2026-11", 22), ("2026-12", 14.5)], at: "2027-01-05")
        #expect(result.map(\.stage) == ["critical"])
        #expect(result.first?.value == 14.5)
    }

    @Test func aValueBelowClearResolvesTheAlert() {
        let result = findings([("2026-10", 21), ("2026-11", 22), ("2026-12", 14.5), ("2027-01", 13)], at: "2027-02-05")
        #expect(result.map(\.stage) == ["resolved"])
        #expect(result.first?.severity == .info)
        #expect(result.first?.occurrence == "2026-11")
        // The next value below every limit: nothing more to say.
        let later = findings([("2026-10", 21), ("2026-11", 22), ("2026-12", 14.5), ("2027-01", 13), ("2027-02", 12)], at: "2027-03-05")
        #expect(later.isEmpty)
    }

    @Test func dropsIntoTheWarningRangeChangeTheSeverity() {
        let evaluation = F.evaluate([F.caseload()], measurements: F.measurements([("2026-10", 21), ("2026-11", 22), ("2026-12", 17)]),
                                    at: "2027-01-05 09:00")
        #expect(evaluation.findings.map(\.stage) == ["warning"])
        #expect(evaluation.series.first?.transitions.map(\.change) == [.pending, .firing, .severityChanged])
    }

    @Test func warningAndCriticalCountTogetherTowardsFor() {
        // Above warning then above critical: two consecutive periods with a condition → fires at the latest level.
        #expect(findings([("2026-10", 16), ("2026-11", 25)], at: "2026-12-05").map(\.stage) == ["critical"])
    }

    @Test func aGapBreaksTheConsecutivePeriods() {
        #expect(findings([("2026-09", 21), ("2026-11", 22)], at: "2026-12-05").isEmpty)
    }

    @Test func aValueNotReportedTenWorkingDaysAfterThePeriodIsMissing() {
        let values = F.measurements([("2026-10", 10)])
        // November ends on the 30th; ten working days later is Monday 14 December.
        let early = F.evaluate([F.caseload()], measurements: values, at: "2026-12-11 09:00")
        #expect(early.findings.filter { $0.stage == "missing" }.isEmpty)
        let late = F.evaluate([F.caseload()], measurements: values, at: "2026-12-14 09:00")
        let missing = late.findings.filter { $0.stage == "missing" }
        #expect(missing.map(\.occurrence) == ["2026-11"])
        #expect(missing.first?.since == F.date("2026-12-14"))
        // Reported after all: no longer missing.
        let reported = F.evaluate([F.caseload()], measurements: F.measurements([("2026-10", 10), ("2026-11", 11)]), at: "2026-12-15 09:00")
        #expect(reported.findings.isEmpty)
    }

    @Test func periodsOfEveryKindParseAndOrder() {
        #expect(Period("2026-10")?.end == F.date("2026-10-31"))
        #expect(Period("2026-Q3")?.start == F.date("2026-07-01"))
        #expect(Period("2026-T2")?.end == F.date("2026-08-31"))
        #expect(Period("2026")?.next.description == "2027")
        #expect(Period("2026-T3")?.next.description == "2027-T1")
        #expect(Period("2026-13") == nil && Period("2026-Q5") == nil && Period("26-01") == nil)
    }
}
