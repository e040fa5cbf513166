import Foundation
import PlanwatchTestSupport
import Testing

/// `evaluate --format json` escapes what JSON requires in plan data's texts — quotes, backslashes,
/// tabs, line breaks, control characters — and copies everything else as it is (non-ASCII too).
@Suite struct EvaluateJSONEscapingTests {
    static let title = "Citat \"x\", snedstreck \\ tab\t rad\nslut \u{01} Åsa"

    /// A project with one item, due in nine days, whose title is ``title``.
    static func project() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-escaping-\(UUID().uuidString)").path
        for sub in ["rules", "plan"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        let files = [
            "planwatch.yaml": """
                timezone: Europe/Stockholm
                workdays: mon-fri
                rules: [rules]
                plan: plan
                state: var/state.sqlite
                spool: var/spool
                mail: { from: "Planwatch <pw@example.se>", transport: none }

                """,
            "rules/r.yaml": """
                group: g
                rules:
                  - id: r
                    kind: deadline
                    for_each: { item: task }
                    remind: [30d]
                    notify: [owner]
                    title: { sv: "{{item.title}}", en: "{{item.title}}" }
                    text: { sv: "{{item.title}} ({{due_iso}})", en: "{{item.title}} ({{due_iso}})" }

                """,
            "plan/organisation.yaml": """
                units:
                  - { id: u1, name: "Enhet 1", kind: district, roles: { manager: p1 } }
                people:
                  - { id: p1, name: "Person 1", email: p1@example.se }

                """,
            "plan/items.json": #"""
                {"items": [
                {"id": "t1", "kind": "task", "title": "Citat \"x\", snedstreck \\ tab\t rad\nslut \u0001 Åsa", "unit": "u1", "owner": "p1", "due": "2027-03-10"}
                ]}

                """#,
        ]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func titlesWithQuotesBackslashesAndControlCharactersComeBackExactly() throws {
        let folder = try Self.project()
        let output = try PlanwatchProcess.run(["evaluate", "--config", folder + "/planwatch.yaml", "--at", "2027-03-01 09:00", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        // The escapes as written, one per character that needs one.
        #expect(output.stdout.contains(#""sv": "Citat \"x\", snedstreck \\ tab\t rad\nslut \u0001 Åsa","#))
        let document = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let finding = (document?["findings"] as? [[String: Any]])?.first
        #expect(finding?["subject_title"] as? String == Self.title)
        #expect((finding?["title"] as? [String: String]) == ["sv": Self.title, "en": Self.title])
        #expect((finding?["text"] as? [String: String])?["en"] == Self.title + " (2027-03-10)")
    }
}
