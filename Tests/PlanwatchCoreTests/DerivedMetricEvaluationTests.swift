import PlanwatchCore
import Testing

/// Threshold rules on metrics computed from reported ones: a change, a ratio, a sum over child units.
@Suite struct DerivedMetricEvaluationTests {
    typealias F = Fixtures

    static let units = [
        OrganisationUnit(id: "city", name: "Staden", kind: "city", roles: ["manager": "p-chair"], location: F.here),
        OrganisationUnit(id: "jarva", name: "Järva", kind: "district", parent: "city", roles: ["manager": "p-manager"], location: F.here),
        OrganisationUnit(id: "farsta", name: "Farsta", kind: "district", parent: "city", roles: ["manager": "p-manager"], location: F.here),
    ]

    static func rule(_ derived: DerivedMetric, unitKind: String = "district", warning: Condition? = .above(10),
                     critical: Condition? = .above(25), clear: Condition? = .below(5), missing: RuleDuration? = nil,
                     text: String = "{{inputs}}") -> Rule {
        Rule(id: "derived", group: "g", settings: .threshold(ThresholdRule(
                metric: "", warning: warning, critical: critical, forPeriods: 1, clear: clear, missingAfter: missing, derived: derived)),
             selector: Selector(unitKind: unitKind), notify: [.unitRole("manager")], severity: .warning,
             title: F.template("{{unit.name}}: {{value}} ({{metric}})"),
             text: LocalizedTemplates(["sv": try! MessageTemplate(text), "en": try! MessageTemplate(text)]), location: F.here)
    }

    static let growth = DerivedMetric(.change(metric: "konsultkostnad_msek", against: .previous, as: .percent),
                                      unitLabel: ["sv": "Mkr", "en": "MSEK"])

    static func values(_ rows: [(String, String, String, Double)]) -> [Measurement] {
        rows.map { Measurement(unit: $0.0, metric: $0.1, period: Period($0.2)!, value: $0.3, location: F.here) }
    }

    static func evaluate(_ rules: [Rule], _ rows: [(String, String, String, Double)], at time: String) -> Evaluation {
        let plan = PlanSnapshot(units: units, people: F.people, measurements: values(rows))
        let ruleSet = RuleSet(groups: [RuleGroup(name: "g", rules: rules, location: F.here)])
        return Evaluator(rules: ruleSet, plan: plan, settings: F.settings).evaluate(at: F.at(time))
    }

    @Test func consultantCostsFromFiveEightToEightThreeMillionAreAFortyThreePerCentGrowth() throws {
        let evaluation = Self.evaluate([Self.rule(Self.growth)], [
            ("jarva", "konsultkostnad_msek", "2024", 5.8), ("jarva", "konsultkostnad_msek", "2025", 8.3),
            ("farsta", "konsultkostnad_msek", "2024", 7.0), ("farsta", "konsultkostnad_msek", "2025", 7.2),
        ], at: "2026-01-05 09:00")
        let finding = try #require(evaluation.findings.first { $0.subject == "jarva" })
        #expect(finding.stage == "critical" && finding.occurrence == "2025")
        #expect(abs((finding.value ?? 0) - 43.103) < 0.001)
        #expect(finding.title(in: "sv") == "Järva: 43,1 (konsultkostnad_msek.change-percent)")
        #expect(finding.text(in: "sv") == "5,8 → 8,3\u{00A0}Mkr, +43\u{00A0}%")
        #expect(finding.text(in: "en") == "5.8 → 8.3\u{00A0}MSEK, +43%")
        // Farsta: +2.9 %, below every limit.
        #expect(!evaluation.findings.contains { $0.subject == "farsta" })
    }

    @Test func theFirstYearHasNoChangeAndAGapInTheInputsIsAGapInTheChange() {
        let rows = [("jarva", "konsultkostnad_msek", "2023", 5.0), ("jarva", "konsultkostnad_msek", "2025", 8.3)]
        let evaluation = Self.evaluate([Self.rule(Self.growth, missing: RuleDuration(20, .workdays))], rows, at: "2026-03-02 09:00")
        #expect(evaluation.findings.allSatisfy { $0.stage == "missing" })
        // 2024 and 2025 have no change (2024 is not reported); the series begins with 2024.
        #expect(evaluation.findings.filter { $0.subject == "jarva" }.map(\.occurrence) == ["2024", "2025"])
    }

    @Test func aChangeAgainstTheSamePeriodAYearEarlierSkipsTheTertialsBetween() throws {
        let derived = DerivedMetric(.change(metric: "omsattning", against: .yearEarlier, as: .absolute))
        let evaluation = Self.evaluate([Self.rule(derived, critical: nil, clear: nil)], [
            ("jarva", "omsattning", "2025-T2", 10), ("jarva", "omsattning", "2025-T3", 30), ("jarva", "omsattning", "2026-T1", 30),
            ("jarva", "omsattning", "2026-T2", 22.5),
        ], at: "2026-09-07 09:00")
        let finding = try #require(evaluation.findings.first { $0.subject == "jarva" })
        #expect(finding.occurrence == "2026-T2" && finding.value == 12.5)
        #expect(finding.text(in: "sv") == "10 → 22,5, +12,5")
    }

    @Test func aFallingCostIsANegativeChangeAndResolvesTheAlert() throws {
        let evaluation = Self.evaluate([Self.rule(Self.growth)], [
            ("jarva", "konsultkostnad_msek", "2024", 5.8), ("jarva", "konsultkostnad_msek", "2025", 8.3),
            ("jarva", "konsultkostnad_msek", "2026", 7.9),
        ], at: "2027-01-05 09:00")
        let finding = try #require(evaluation.findings.first { $0.subject == "jarva" })
        #expect(finding.stage == "resolved")
        #expect(finding.text(in: "sv") == "8,3 → 7,9\u{00A0}Mkr, -5\u{00A0}%")
    }

    @Test func aRatioInPerCentDividesTheFiguresOfTheSamePeriod() throws {
        let derived = DerivedMetric(.ratio(numerator: "erbjudna", denominator: "slutat", percent: true))
        let evaluation = Self.evaluate([Self.rule(derived, warning: .below(90), critical: nil, clear: nil)], [
            ("jarva", "erbjudna", "2025", 8), ("jarva", "slutat", "2025", 12),
            ("farsta", "erbjudna", "2025", 10), ("farsta", "slutat", "2025", 10),
            ("farsta", "erbjudna", "2026", 10),                       // no leavers reported: no ratio
        ], at: "2027-01-05 09:00")
        let finding = try #require(evaluation.findings.first { $0.subject == "jarva" })
        #expect(finding.stage == "warning" && abs((finding.value ?? 0) - 66.667) < 0.001)
        #expect(finding.text(in: "sv") == "8 av 12 (67\u{00A0}%)")
        #expect(finding.text(in: "en") == "8 of 12 (67%)")
        #expect(!evaluation.findings.contains { $0.subject == "farsta" })
    }

    @Test func aRatioByZeroHasNoValue() {
        let derived = DerivedMetric(.ratio(numerator: "erbjudna", denominator: "slutat", percent: true))
        let evaluation = Self.evaluate([Self.rule(derived, warning: .below(90), critical: nil, clear: nil)], [
            ("jarva", "erbjudna", "2025", 0), ("jarva", "slutat", "2025", 0),
        ], at: "2026-02-05 09:00")
        #expect(evaluation.findings.isEmpty)
        #expect(evaluation.series.first { $0.unit == "jarva" }?.lastValue == nil)
    }

    @Test func aSumOverChildUnitsNeedsEveryChildThatReports() throws {
        let derived = DerivedMetric(.sumOverChildren(metric: "arenden"))
        let rule = Self.rule(derived, unitKind: "city", warning: .above(500), critical: nil, clear: nil, text: "{{inputs}}")
        let evaluation = Self.evaluate([rule], [
            ("jarva", "arenden", "2026-10", 300), ("farsta", "arenden", "2026-10", 250),
            ("jarva", "arenden", "2026-11", 400),                     // Farsta not reported: no sum for November
        ], at: "2026-12-05 09:00")
        let finding = try #require(evaluation.findings.first { $0.subject == "city" })
        #expect(finding.stage == "warning" && finding.occurrence == "2026-10" && finding.value == 550)
        #expect(finding.text(in: "sv") == "summa av 2 enheter: 550")
        #expect(evaluation.series.first { $0.unit == "city" }?.lastPeriod == Period("2026-10"))
    }

    @Test func thePreviousAndTheYearEarlierPeriodsCrossTheYear() {
        #expect(Period("2026-01")!.previous == Period("2025-12"))
        #expect(Period("2026-T1")!.previous == Period("2025-T3"))
        #expect(Period("2026-Q1")!.yearEarlier == Period("2025-Q1"))
        #expect(Period("2026")!.previous == Period("2025"))
    }
}

/// Selectors by employer: the employee bounds count the employer's whole operation.
@Suite struct EmployerSelectorTests {
    static let here = Fixtures.here
    static let units = [
        OrganisationUnit(id: "stockholm", name: "Stockholms stad", kind: "city", location: here),
        OrganisationUnit(id: "socialforvaltningen", name: "Socialförvaltningen", kind: "central", parent: "stockholm", employees: 420, location: here),
        OrganisationUnit(id: "socialjouren", name: "Socialjouren", kind: "section", parent: "socialforvaltningen", employees: 9, location: here),
        OrganisationUnit(id: "liten", name: "Liten förvaltning", kind: "central", parent: "stockholm", employees: 7, location: here),
    ]
    static var byID: [String: OrganisationUnit] { Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) }) }

    static func item(_ unit: String) -> PlanItem { PlanItem(id: "sam-\(unit)", kind: "sam-follow-up", title: "SAM", unit: unit, location: here) }

    @Test func aSubUnitFollowsItsEmployersWrittenRule() {
        let written = Selector(itemKind: "sam-follow-up", minEmployees: 10, employerKinds: ["central", "district"])
        let unwritten = Selector(itemKind: "sam-follow-up", maxEmployees: 9, employerKinds: ["central", "district"])
        #expect(written.matches(Self.item("socialjouren"), in: Self.byID))
        #expect(!unwritten.matches(Self.item("socialjouren"), in: Self.byID))
        #expect(written.countedUnit(Self.byID["socialjouren"], in: Self.byID)?.id == "socialforvaltningen")
        #expect(unwritten.matches(Self.item("liten"), in: Self.byID))
    }

    @Test func withoutEmployerKindsTheUnitCountsItself() {
        let unwritten = Selector(itemKind: "sam-follow-up", maxEmployees: 9)
        #expect(unwritten.matches(Self.item("socialjouren"), in: Self.byID))
    }

    @Test func aUnitWithNoEmployerAboveItMatchesNoBounds() {
        let written = Selector(itemKind: "sam-follow-up", minEmployees: 10, employerKinds: ["district"])
        #expect(written.countedUnit(Self.byID["socialjouren"], in: Self.byID) == nil)
        #expect(!written.matches(Self.item("socialjouren"), in: Self.byID))
    }
}
