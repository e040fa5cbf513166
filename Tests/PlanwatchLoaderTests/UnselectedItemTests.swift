import Foundation
import PlanwatchCore
import PlanwatchLoader
import Testing

/// `check` warns about an item that no rule selects — a typo in a label or a kind drops it from
/// every rule — with the value probably meant; and says nothing when it cannot know.
@Suite struct UnselectedItemTests {
    static let organisation = LabelVocabularyLoadingTests.organisation

    static let rules = """
        group: g
        rules:
          - id: yearly
            kind: deadline
            for_each: { item: indicator, labels: { plan: handlingsplan-2023 } }
            due: "*-01-31"
          - id: local
            kind: deadline
            for_each: { item: activity, labels: { plan: handlingsplan-2023, scope: lokal } }
          - id: caseload
            kind: threshold
            metric: cases
            for_each: { unit: district }
            warning: { above: 15 }
        """

    /// An item each rule selects (a rule selecting by a label no item has would be an error).
    static let selected = """
        items:
          - { id: akt-0, kind: activity, title: "A", labels: { plan: handlingsplan-2023, scope: lokal }, due: 2027-03-31 }
        """

    @Test func aTypoInAPlanLabelIsAWarningAtTheItemWithTheValueMeant() throws {
        let project = try loadProject(["rules.yaml": Self.rules, "org.yaml": Self.organisation, "akt.yaml": Self.selected, "items.yaml": """
            items:
              - { id: ind-1, kind: indicator, title: "I", labels: { plan: handlingsplan-2023 }, unit: farsta }
              - { id: ind-2, kind: indicator, title: "I", labels: { plan: handlingsplan-2O23 }, unit: farsta }
            """])
        #expect(!project.hasErrors)
        #expect(project.diagnostics.map(\.description) == [
            "items.yaml:3:5: warning: no rule selects item 'ind-2' (kind indicator): nothing reminds about it\n"
                + "    hint: did you mean plan: handlingsplan-2023? rule 'yearly' selects that",
        ])
        #expect(project.diagnostics.first?.severity == .warning)
    }

    @Test func theKindALabelKeyAMissingLabelAndTheEmployeesAreHinted() throws {
        let sam = """

              - id: sam
                kind: deadline
                for_each: { item: sam-follow-up, min_employees: 10 }
                due: "*-12-15"
            """
        let project = try loadProject(["rules.yaml": Self.rules + sam, "org.yaml": Self.organisation, "akt.yaml": Self.selected, "items.json": """
            {"items": [
              {"id": "ind-1", "kind": "indicatr", "title": "I", "labels": {"plan": "handlingsplan-2023"}},
              {"id": "ind-2", "kind": "indicator", "title": "I", "labels": {"plann": "handlingsplan-2023"}},
              {"id": "akt-1", "kind": "activity", "title": "A", "labels": {"plan": "handlingsplan-2023"}},
              {"id": "sam-1", "kind": "sam-follow-up", "title": "S", "unit": "farsta"},
              {"id": "x-1", "kind": "something-else", "title": "X"}
            ]}
            """])
        #expect(project.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message) | \($0.hint ?? "-")" } == [
            "2:3 no rule selects item 'ind-1' (kind indicatr): nothing reminds about it | did you mean kind 'indicator'? rule 'yearly' selects that kind",
            "3:3 no rule selects item 'ind-2' (kind indicator): nothing reminds about it | did you mean label 'plan' (not 'plann')? rule 'yearly' selects plan: handlingsplan-2023",
            "4:3 no rule selects item 'akt-1' (kind activity): nothing reminds about it | rule 'local' selects it with the label scope: lokal",
            "5:3 no rule selects item 'sam-1' (kind sam-follow-up): nothing reminds about it | rule 'sam' selects it only in units with at least 10 employees, and unit 'farsta' gives no 'employees'",
            "6:3 no rule selects item 'x-1' (kind something-else): nothing reminds about it | -",
        ])
    }

    @Test func planFilesAloneAndRulesWithoutItemSelectorsSayNothing() throws {
        let items = "items: [ { id: x-1, kind: anything, title: X } ]"
        #expect(try loadProject(["org.yaml": Self.organisation, "items.yaml": items]).diagnostics.isEmpty)
        let thresholdOnly = """
            group: g
            rules: [ { id: caseload, kind: threshold, metric: cases, for_each: { unit: district }, warning: { above: 15 } } ]
            """
        #expect(try loadProject(["rules.yaml": thresholdOnly, "org.yaml": Self.organisation, "items.yaml": items]).diagnostics.isEmpty)
        let everything = "group: g\nrules: [ { id: all, kind: deadline, due: \"*-01-31\" } ]"
        #expect(try loadProject(["rules.yaml": everything, "org.yaml": Self.organisation, "items.yaml": items]).diagnostics.isEmpty)
    }

    @Test func withErrorsTheWarningIsLeftOut() throws {
        // The rule is left out for its error; its items are not forgotten, the rule is broken.
        let broken = Self.rules.replacingOccurrences(of: "due: \"*-01-31\"", with: "due: \"*-13-31\"")
        let project = try loadProject(["rules.yaml": broken, "org.yaml": Self.organisation, "akt.yaml": Self.selected, "items.yaml": """
            items: [ { id: ind-1, kind: indicator, title: "I", labels: { plan: handlingsplan-2023 } } ]
            """])
        #expect(project.diagnostics.map(\.severity) == [.error])
    }

    @Test func aMillionItemsAreNotAMillionWarnings() throws {
        var lines: [String] = []
        for index in 0..<30_000 {
            let plan = index % 100 < 99 ? "handlingsplan-2023" : "handlingsplan-2016"  // 300 unselected
            lines.append(#"  {"id": "ind-\#(index)", "kind": "indicator", "title": "I", "labels": {"plan": "\#(plan)"}}"#)
        }
        let project = try loadProject(["rules.yaml": Self.rules, "org.yaml": Self.organisation, "akt.yaml": Self.selected,
                                       "items.json": "{\"items\": [\n" + lines.joined(separator: ",\n") + "\n]}\n"])
        let warnings = project.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 101)
        #expect(warnings.first?.message == "no rule selects item 'ind-99' (kind indicator): nothing reminds about it")
        #expect(warnings.last?.message == "200 more items from here on are selected by no rule")
        #expect(warnings.last?.location.line == 10_101)  // ind-10099, the 101st
    }
}
