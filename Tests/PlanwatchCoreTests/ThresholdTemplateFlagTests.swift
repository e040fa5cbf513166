@testable import PlanwatchCore
import Testing

/// The flags threshold texts tell their stages apart by: `is_within_limit` (firing, but the latest
/// value is back within the limit and not yet at the clear level) and `is_continuing` (firing for
/// more than one period).
@Suite struct ThresholdTemplateFlagTests {
    static let unit = OrganisationUnit(id: "farsta", name: "Farsta", kind: "district", location: SourceLocation(file: "t", line: 1, column: 1))

    static func context(_ stage: Stage, value: Double?, periods: Int) -> ThresholdTemplateContext {
        ThresholdTemplateContext(ruleID: "r", ruleGroup: "g", metric: "m", forPeriods: 1, unit: unit, stage: stage, severity: .warning,
                                 occurrence: Period("2026-T1")!, period: Period("2026-T2")!, value: value, limit: .above(15),
                                 clear: .below(14), firingSince: Period("2026-T1")!, firingPeriods: periods)
    }

    static func flag(_ name: String, _ context: ThresholdTemplateContext) -> Bool {
        if case .flag(let value)? = context.value(of: TemplateVariable(name), in: .swedish) { return value }
        Issue.record("\(name) is no flag")
        return false
    }

    @Test(arguments: [(15.9, false), (14.3, true), (13.0, true)])
    func aFiringValueBackUnderTheLimitIsWithinIt(value: Double, within: Bool) {
        #expect(Self.flag("is_within_limit", Self.context(.warning, value: value, periods: 2)) == within)
    }

    @Test func onlyAFiringAlertIsWithinItsLimitOrContinuing() {
        #expect(!Self.flag("is_within_limit", Self.context(.resolved, value: 12, periods: 0)))
        #expect(!Self.flag("is_within_limit", Self.context(.missing, value: nil, periods: 0)))
        #expect(!Self.flag("is_continuing", Self.context(.resolved, value: 12, periods: 3)))
    }

    @Test(arguments: [(1, false), (2, true), (8, true)])
    func anAlertContinuesFromItsSecondPeriod(periods: Int, continuing: Bool) {
        #expect(Self.flag("is_continuing", Self.context(.critical, value: 22, periods: periods)) == continuing)
    }
}
