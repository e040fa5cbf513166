import Foundation
import PlanwatchCore
import PlanwatchLoader
import Testing

/// The bulk JSON reader reads the same items, and reports the same problems, as the general reader.
@Suite struct JSONItemsReaderTests {
    func load(_ files: [String: String]) throws -> LoadedProject {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        var project = try ProjectLoader.load(paths: [folder.path], configuration: Configuration())
        project.diagnostics = project.diagnostics.map { var d = $0; d.location.file = (d.location.file as NSString).lastPathComponent; return d }
        return project
    }

    let organisation = """
        units: [ { id: farsta, name: "Farsta", kind: district } ]
        people: [ { id: p-maria, name: "Maria", email: maria@example.se } ]
        """

    @Test func itemsWithEscapesLabelsAndCompletionsAreRead() throws {
        let project = try load(["org.yaml": organisation, "items.json": """
            {"items": [
              {"id": "a-1", "kind": "activity", "title": "R\\u00e4kna \\"sv\\u00e5rt\\" \\ud83d\\ude00\\nslut", "labels": {"plan": "p23", "n": 3},
               "unit": "farsta", "owner": "p-maria", "due": "2027-03-31",
               "completed": [{"occurrence": "2027-03-31", "on": "2027-03-20", "note": "klar"}]}
            ]}
            """])
        #expect(project.diagnostics.isEmpty, "\(project.diagnostics)")
        let item = try #require(project.plan.items.first)
        #expect(item.title == "Räkna \"svårt\" 😀\nslut")
        #expect(item.labels == ["plan": "p23", "n": "3"])
        #expect(item.due == LocalDate(iso: "2027-03-31"))
        #expect(item.completed.first?.on == LocalDate(iso: "2027-03-20"))
        #expect(item.location.line == 2 && item.location.column == 3)
    }

    @Test func problemsAreReportedWithPositions() throws {
        let project = try load(["org.yaml": organisation, "items.json": """
            {"items": [
              {"id": "a-1", "kind": "activity", "title": "x", "due": "2027-02-30", "unit": "farstaa"},
              {"kind": "activity", "title": "no id"},
              {"id": "a 3", "kind": "activity", "title": ["a list"]}
            ]}
            """])
        let lines = project.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        #expect(lines.contains("2:58: due '2027-02-30' is not a date that exists"))
        // At the value, as the YAML reader reports it (it used to be at the item).
        #expect(lines.contains("2:80: item 'a-1' refers to unknown unit 'farstaa'"))
        #expect(lines.contains("3:3: an item is missing 'id'"))
        #expect(lines.contains("4:10: item id 'a 3' is not a valid id"))
        #expect(lines.contains("4:46: title must be a text, not a list"))
        #expect(lines.count == 5, "\(lines)")
    }

    @Test func otherJSONShapesGoThroughTheGeneralReader() throws {
        let project = try load(["org.json": """
            {"units": [{"id": "farsta", "name": "Farsta", "kind": "district"}],
             "people": [{"id": "p-maria", "name": "Maria", "email": "maria@example.se"}],
             "items": [{"id": "a-1", "kind": "activity", "title": "x", "unit": "farsta"}]}
            """])
        #expect(project.diagnostics.isEmpty)
        #expect(project.plan.units.count == 1 && project.plan.items.count == 1)
    }
}
