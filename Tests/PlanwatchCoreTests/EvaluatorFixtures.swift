import PlanwatchCore

/// Small plans and rules for the evaluator tests.
enum Fixtures {
    static let stockholm = Zone(identifier: "Europe/Stockholm")!
    static let here = SourceLocation(file: "test.yaml", line: 1, column: 1)
    static let settings = Evaluator.Settings(zone: stockholm, workdays: SwedishWorkdayCalendar.shared, language: "sv",
                                             roles: ["styrgrupp": ["p-chair"]])

    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    static func at(_ text: String) -> Instant { try! Timestamp.parse(text, in: stockholm) }

    static func template(_ text: String) -> LocalizedTemplates { LocalizedTemplates(["sv": try! MessageTemplate(text)]) }

    static let units = [
        OrganisationUnit(id: "city", name: "Staden", kind: "city", roles: ["coordinator": "p-chair"], location: here),
        OrganisationUnit(id: "farsta", name: "Farsta", kind: "district", parent: "city",
                         roles: ["manager": "p-manager"], location: here),
    ]
    static let people = [
        Person(id: "p-owner", name: "Olle Ägare", email: "olle@example.se", location: here),
        Person(id: "p-manager", name: "Mona Chef", email: "mona@example.se", location: here),
        Person(id: "p-chair", name: "Stina Styr", email: "stina@example.se", location: here),
    ]

    static func indicator(completed: [Completion] = []) -> PlanItem {
        PlanItem(id: "ind-1", kind: "indicator", title: "Personalomsättning", labels: ["plan": "p23"], unit: "farsta",
                 owner: "p-owner", completed: completed, location: here)
    }

    static func yearlyFollowUp(overdue: OverduePolicy? = nil, remind: [RuleDuration] = [RuleDuration(28, .days), RuleDuration(14, .days), RuleDuration(7, .days), RuleDuration(1, .days)]) -> Rule {
        Rule(id: "yearly", group: "g", settings: .deadline(DeadlineRule(
                due: .calendar(try! CalendarExpression("*-01-31")), shift: .nextWorkday, remind: remind, overdue: overdue)),
             selector: Selector(itemKind: "indicator", labels: ["plan": "p23"]), notify: [.owner, .unitRole("coordinator")],
             severity: .warning, title: template("Uppföljning: {{item.title}} senast {{due}}"), text: template("{{item.title}}"),
             location: here)
    }

    static func caseload(forPeriods: Int = 2) -> Rule {
        Rule(id: "caseload", group: "g", settings: .threshold(ThresholdRule(
                metric: "cases", warning: .above(15), critical: .above(20), forPeriods: forPeriods, clear: .below(14),
                missingAfter: RuleDuration(10, .workdays))),
             selector: Selector(unitKind: "district"), notify: [.unitRole("manager")], severity: .warning,
             title: template("{{unit.name}}: {{value}}"), text: template("{{value}} > {{threshold}}"), location: here)
    }

    static func measurements(_ values: [(String, Double)]) -> [Measurement] {
        values.map { Measurement(unit: "farsta", metric: "cases", period: Period($0.0)!, value: $0.1, location: here) }
    }

    static func evaluate(_ rules: [Rule], items: [PlanItem] = [], measurements: [Measurement] = [], at time: String,
                         horizonDays: Int = 0) -> Evaluation {
        let plan = PlanSnapshot(units: units, people: people, items: items, measurements: measurements)
        let ruleSet = RuleSet(groups: [RuleGroup(name: "g", rules: rules, location: here)])
        return Evaluator(rules: ruleSet, plan: plan, settings: settings).evaluate(at: at(time), horizonDays: horizonDays)
    }
}
