import Foundation
import PlanwatchCore
import PlanwatchLoader
import Testing

/// Loads a folder of files written for the test; diagnostics name files without their folder.
func loadProject(_ files: [String: String]) throws -> LoadedProject {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-labels-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    var project = try ProjectLoader.load(paths: [folder.path], configuration: Configuration())
    project.diagnostics = project.diagnostics.map { diagnostic in
        var moved = diagnostic
        moved.location.file = (moved.location.file as NSString).lastPathComponent
        if let hint = moved.hint { moved.hint = hint.replacingOccurrences(of: folder.path + "/", with: "") }
        return moved
    }
    return project
}

/// `labels:` in rule files and plan files: the vocabularies are read into the plan, and declaring
/// a label again the same way is fine.
@Suite struct LabelVocabularyLoadingTests {
    static let organisation = """
        units: [ { id: farsta, name: "Farsta", kind: district, roles: { coordinator: p-anna } } ]
        people: [ { id: p-anna, name: "Anna", email: anna@example.se } ]
        """

    static let rules = """
        group: g
        labels:
          focus_area:
            god-arbetssituation: { sv: "En god arbetssituation", en: "A good work situation" }
            gott-ledarskap: "Ett gott ledarskap"
        rules:
          - id: yearly
            kind: deadline
            for_each: { item: indicator, labels: { plan: handlingsplan-2023 } }
            due: "*-01-31"
            text: { sv: "{{item.labels.focus_area}} ({{item.label_ids.focus_area}})" }
        """

    @Test func aRuleGroupsVocabularyIsThePlansWithItsDisplayNames() throws {
        let project = try loadProject(["rules.yaml": Self.rules, "org.yaml": Self.organisation, "items.yaml": """
            items:
              - { id: ind-1, kind: indicator, title: "I", labels: { plan: handlingsplan-2023, focus_area: gott-ledarskap }, unit: farsta }
            """])
        #expect(project.diagnostics.isEmpty, "\(project.diagnostics)")
        let vocabulary = try #require(project.plan.vocabularies[label: "focus_area"])
        #expect(vocabulary.valueIDs == ["god-arbetssituation", "gott-ledarskap"])
        #expect(vocabulary.location == SourceLocation(file: vocabulary.location.file, line: 3, column: 3))
        #expect(project.rules.groups.first?.labels.map(\.key) == ["focus_area"])
        #expect(project.plan.vocabularies.displayName(of: "god-arbetssituation", label: "focus_area", in: "en") == "A good work situation")
        // A plain string names the value in both languages.
        #expect(project.plan.vocabularies.displayName(of: "gott-ledarskap", label: "focus_area", in: "en") == "Ett gott ledarskap")
    }

    @Test func theSameVocabularyDeclaredTwiceIsFineAndAPlanFileMayHoldOnlyLabels() throws {
        let items = "items: [ { id: ind-1, kind: indicator, title: I, labels: { plan: handlingsplan-2023, focus_area: gott-ledarskap } } ]"
        let project = try loadProject(["rules.yaml": Self.rules, "org.yaml": Self.organisation, "items.yaml": items, "labels.yaml": """
            labels:
              focus_area:
                gott-ledarskap: { en: "Ett gott ledarskap", sv: "Ett gott ledarskap" }
                god-arbetssituation: { en: "A good work situation", sv: "En god arbetssituation" }
            """])
        #expect(project.diagnostics.isEmpty, "\(project.diagnostics)")
        #expect(project.plan.vocabularies.all.count == 1)
    }

    @Test func aLabelWithoutVocabularyStaysFree() throws {
        let project = try loadProject(["rules.yaml": Self.rules, "org.yaml": Self.organisation, "items.json": """
            {"items": [{"id": "ind-1", "kind": "indicator", "title": "I", "labels": {"plan": "handlingsplan-2023", "anything": "goes"}}]}
            """])
        #expect(project.diagnostics.isEmpty, "\(project.diagnostics)")
    }

    @Test func aBulkItemsLabelOutsideTheVocabularyIsReportedAtTheValueOnItsOwnLine() throws {
        let project = try loadProject(["rules.yaml": Self.rules, "org.yaml": Self.organisation, "items.json": """
            {"items": [
              {"id": "ind-1", "kind": "indicator", "title": "I", "labels": {"plan": "handlingsplan-2023", "focus_area": "gott-ledarskap"}},
              {"id": "ind-2", "kind": "indicator", "title": "I", "labels": {"plan": "handlingsplan-2023", "focus_area": "gott-ledarskap"}},
              {"id": "ind-3", "kind": "indicator", "title": "Ö", "labels": {
                 "plan": "handlingsplan-2023", "focus_area": "ledarskap"}}
            ]}
            """])
        // (A name given twice is refused, as the general reader refuses it: ReaderParityTests.)
        #expect(project.diagnostics.map(\.description) == [
            "items.json:5:50: error: item 'ind-3' has focus_area: 'ledarskap', which is not in the vocabulary of 'focus_area'\n"
                + "    hint: did you mean 'gott-ledarskap'?",
        ])
    }
}
