import Foundation
import PlanwatchTestSupport
import Testing

/// A long listing is written in parts at once, one per core, and the parts are joined in order
/// (EvaluationReport, JSONWriter.elements): the output must be what one writer makes, element after
/// element. With 1 500 more activities, active and upcoming on the day asked about (far more than
/// the 512 from which a table or an array is written in parts), the text and the JSON must be byte
/// for byte those of a run on one core (PLANWATCH_SEQUENTIAL=1: one part); the JSON must read back
/// and print again, with Python's json module and the same layout, to the same bytes (a comma, a
/// line break or an indent lost where two parts meet would show); and every activity is listed once.
@Suite struct EvaluateInPartsTests {
    static let count = 1500

    /// The fixture with `count` more activities due on 2027-01-29, in a bulk JSON file.
    static func workspace() throws -> (folder: URL, config: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-parts-\(UUID().uuidString)")
        let fixtures = PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("plan"), to: folder.appendingPathComponent("plan"))
        let items = (0..<count).map { n in
            #"{"id": "del-\#(String(format: "%04d", n))", "kind": "activity", "title": "Delaktivitet \#(n) \"åäö\"", "#
                + #""labels": {"plan": "handlingsplan-2023"}, "unit": "farsta", "owner": "p-maria", "due": "2027-01-29"}"#
        }
        try "{\"items\": [\n\(items.joined(separator: ",\n"))\n]}\n"
            .write(to: folder.appendingPathComponent("plan/bulk.json"), atomically: true, encoding: .utf8)
        let config = try String(contentsOf: fixtures.appendingPathComponent("planwatch.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "rules: [rules]", with: "rules: [\(fixtures.appendingPathComponent("rules").path)]")
        let path = folder.appendingPathComponent("planwatch.yaml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    @Test func aListingWrittenInPartsIsTheListingOfOneWriter() throws {
        let (folder, config) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        // On 2027-01-25 the activities' 14-day reminders are active and their due stage comes within 30 days.
        let arguments = ["evaluate", "--config", config, "--at", "2027-01-25 09:00", "--horizon", "30d"]
        let json = try PlanwatchProcess.run(arguments + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let oneCore = try PlanwatchProcess.run(arguments + ["--format", "json"], environment: ["PLANWATCH_SEQUENTIAL": "1"])
        #expect(json.stdout == oneCore.stdout, "the JSON written in parts is not the JSON of one part")
        let reprint = try runProgram("/usr/bin/env", ["python3", "-c", """
            import json, sys
            document = json.load(open(sys.argv[1], encoding="utf-8"))
            sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\\n")
            """, try Self.file(json.stdout)])
        #expect(reprint.status == 0, "\(reprint.stderr)")
        #expect(reprint.stdout == json.stdout, "the JSON is not laid out as one writer lays it out")

        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        func added(_ name: String) -> [String] {
            (document[name] as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String }.filter { $0.hasPrefix("del-") }
        }
        #expect(added("findings").count == Self.count && Set(added("findings")).count == Self.count, "\(added("findings").count) active")
        #expect(added("upcoming").count >= Self.count, "\(added("upcoming").count) upcoming")
        let occurrences = (document["occurrences"] as? [[String: Any]] ?? []).compactMap { $0["item"] as? String }.filter { $0.hasPrefix("del-") }
        #expect(occurrences == (0..<Self.count).map { String(format: "del-%04d", $0) }, "the occurrences in the plan's order")

        // The text listing: the same as on one core, a line per finding.
        let text = try PlanwatchProcess.run(arguments)
        #expect(text.status == 0, "\(text.stderr)")
        let textOnOneCore = try PlanwatchProcess.run(arguments, environment: ["PLANWATCH_SEQUENTIAL": "1"])
        #expect(text.stdout == textOnOneCore.stdout, "the table written in parts is not the table of one part")
        #expect(text.stdout.split(separator: "\n").filter { $0.contains(" del-") }.count == added("findings").count + added("upcoming").count)
    }

    /// Writes `text` to a new temporary file; its path.
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-parts-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
