import PlanwatchCore
import Testing

/// A large plan is evaluated in parts at once, one per core (DeadlineEvaluator): the evaluation must
/// be the one a single pass gives — the same findings, upcoming stages, occurrences and
/// cancellations, in the same order, with the same recipients and texts — for any number of parts.
@Suite struct EvaluationInPartsTests {
    /// 10 000 items (well above the 4 096 from which a plan is evaluated in parts): yearly indicators
    /// on a calendar rule, and activities on their own due dates over the year, some done on time,
    /// some late, some overdue and escalated.
    static func plan() -> (rules: [Rule], items: [PlanItem]) {
        var activityRule = Fixtures.yearlyFollowUp()
        activityRule.id = "activities"
        activityRule.settings = .deadline(DeadlineRule(
            due: .itemDueDate, shift: .nextWorkday, remind: [RuleDuration(14, .days), RuleDuration(3, .workdays)],
            overdue: OverduePolicy(repeat: RuleDuration(7, .days), escalateAfter: RuleDuration(14, .days), escalateTo: [.role("styrgrupp")],
                                   maxOverdue: RuleDuration(60, .days))))
        activityRule.selector = Selector(itemKind: "activity")
        var items: [PlanItem] = []
        for n in 0..<10_000 {
            if n % 5 == 0 {
                items.append(PlanItem(id: "ind-\(n)", kind: "indicator", title: "Indikator \(n)", labels: ["plan": "p23"], unit: "farsta",
                                      owner: n % 2 == 0 ? "p-owner" : "p-manager", location: Fixtures.here))
                continue
            }
            let due = Fixtures.date("2027-01-01").adding(days: n % 365)
            var completed: [Completion] = []
            if n % 7 == 0 { completed.append(Completion(occurrence: nil, on: due.adding(days: n % 3 == 0 ? 4 : -2), location: Fixtures.here)) }
            items.append(PlanItem(id: "akt-\(n)", kind: "activity", title: "Aktivitet \(n)", unit: "farsta",
                                  owner: n % 3 == 0 ? "p-owner" : "p-manager", due: due, completed: completed, location: Fixtures.here))
        }
        return ([Fixtures.yearlyFollowUp(), activityRule], items)
    }

    /// What an evaluation says, field by field, in order.
    static func fingerprint(_ evaluation: Evaluation) -> [String] {
        func describe(_ findings: [Finding]) -> [String] {
            findings.map { finding in
                [finding.rule, finding.subject, finding.occurrence.description, finding.stage.description, finding.since.description,
                 finding.severity.rawValue, finding.recipients.map(\.id).joined(separator: ","), finding.title(in: "sv") ?? "-"]
                    .joined(separator: " ")
            }
        }
        return describe(evaluation.findings).map { "finding " + $0 } + describe(evaluation.upcoming).map { "upcoming " + $0 }
            + describe(evaluation.completions).map { "completion " + $0 }
            + evaluation.occurrences.map { "occurrence \($0.rule) \($0.item) \($0.due) \($0.status.name) \($0.stages.count)" }
    }

    @Test(arguments: [2, 3, 7])
    func anEvaluationInPartsIsTheEvaluationOfOnePass(parts: Int) {
        let (rules, items) = Self.plan()
        let plan = PlanSnapshot(units: Fixtures.units, people: Fixtures.people, items: items, measurements: [])
        let evaluator = Evaluator(rules: RuleSet(groups: [RuleGroup(name: "g", rules: rules, location: Fixtures.here)]), plan: plan,
                                  settings: Fixtures.settings)
        let once = Self.fingerprint(evaluator.evaluate(at: Fixtures.at("2027-03-01 09:00"), horizonDays: 30, parts: 1))
        let inParts = Self.fingerprint(evaluator.evaluate(at: Fixtures.at("2027-03-01 09:00"), horizonDays: 30, parts: parts))
        #expect(once.count > 2_000, "the plan gives too little to compare: \(once.count) lines")
        #expect(once.contains { $0.hasPrefix("completion ") } && once.contains { $0.contains(" escalated ") })
        #expect(inParts == once, "first difference: \(zip(inParts, once).first { $0.0 != $0.1 }.map { "\($0.0) ≠ \($0.1)" } ?? "lengths \(inParts.count) ≠ \(once.count)")")
    }
}
