import Foundation
import PlanwatchTestSupport
import Testing

/// `evaluate --format json` escapes what JSON requires in plan data's texts — quotes, backslashes,
/// tabs, line breaks, control characters — and copies everything else as it is (non-ASCII too).
@Suite struct EvaluateJSONEscapingTests {
    static let title = "Citat \"x\", snedstreck \\ tab\t rad\nslut \u{01} Åsa"

    /// A project with items due in nine days, whose titles are `titles` (``title`` by default).
    static func project(titles: [String] = [title]) throws -> String {
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
            "plan/items.json": "{\"items\": [\n" + titles.enumerated().map { index, title in
                "{\"id\": \"t\(index + 1)\", \"kind\": \"task\", \"title\": \(jsonString(title)), \"unit\": \"u1\", \"owner\": \"p1\", \"due\": \"2027-03-10\"}"
            }.joined(separator: ",\n") + "\n]}\n",
        ]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    /// A text as a JSON string, escaped as the plan's author would (not by the writer under test).
    static func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    /// The writer looks at eight bytes at a time for what needs an escape: a quote, a backslash or
    /// a control character at every position of a word, and two in one word, come back exactly.
    @Test func anEscapeAtAnyPositionOfALongTitleComesBackExactly() throws {
        var titles: [String] = []
        for special in ["\"", "\\", "\n", "\t", "\u{01}", "\u{1F}"] {
            for position in 0..<20 {
                titles.append(String(repeating: "å", count: position % 3) + String(repeating: "a", count: position) + special + "bcdefghijklmnopq")
            }
            titles.append("abcdefgh" + special + special + "ijklmnop\u{7F} ~ !#")
        }
        titles.append("no escape at all, only text and Åsa's æøå")
        let folder = try Self.project(titles: titles)
        let output = try PlanwatchProcess.run(["evaluate", "--config", folder + "/planwatch.yaml", "--at", "2027-03-01 09:00", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let findings = document?["findings"] as? [[String: Any]] ?? []
        #expect(findings.count == titles.count)
        let read = Set(findings.compactMap { ($0["title"] as? [String: String])?["sv"] })
        #expect(read == Set(titles))
        #expect(Set(findings.compactMap { $0["subject_title"] as? String }) == Set(titles))
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
