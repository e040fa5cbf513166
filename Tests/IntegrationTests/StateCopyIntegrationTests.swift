import Foundation
import PlanwatchTestSupport
import Testing

/// `planwatch state copy`: a running SQLite installation moves to PostgreSQL (the real test server)
/// and sends nothing again. The ledger, alert states, silences, completions and reply tokens in
/// the PostgreSQL database are those of the SQLite file, a second copy adds nothing, and the first
/// cycle on PostgreSQL finds nothing to send.
@Suite struct StateCopyIntegrationTests {
    /// The rows of a SQLite query, each column as text (read with Python's sqlite3).
    static func sqlite(_ path: String, _ sql: String) throws -> [[String]] {
        let output = try runProgram("/usr/bin/env", ["python3", "-c", """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            print(json.dumps([["" if v is None else str(v) for v in row] for row in db.execute(sys.argv[2]).fetchall()]))
            """, path, sql])
        guard output.status == 0 else { throw IntegrationError("sqlite3: \(output.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String]] ?? []
    }

    /// Every step at a fixed time (a working day after the send time): at the real time of day the
    /// reminders waited for 08:00 before it and went out after it, and only then did the completion
    /// bring a calendar CANCEL.
    @Test func aMovedInstallationKeepsItsStateAndSendsNothingAgain() throws {
        let workspace = try IntegrationWorkspace(settings: "replies: { address: \"planwatch+{token}@localhost\" }") { text in
            text += (1...30).map { n in
                "\n  - { id: flytt-\(n), kind: activity, title: \"Aktivitet \(n)\", labels: { plan: handlingsplan-2023 }, unit: farsta, owner: p-maria, due: 2027-03-31 }"
            }.joined() + "\n"
        }
        defer { workspace.remove() }
        let cycle = try workspace.planwatch(["run", "--once", "--no-deliver", "--config", workspace.config, "--at", "2027-03-17 09:00"])
        #expect(cycle.status == 0, "\(cycle.stderr)")
        #expect(cycle.stdout.contains("0 waiting for their send time"), "\(cycle.stdout)")
        let complete = try workspace.planwatch(["complete", "flytt-1", "--by", "p-maria", "--note", "Klart före flytten",
                                                "--on", "2027-03-17", "--at", "2027-03-17 09:05", "--config", workspace.config])
        #expect(complete.status == 0, "\(complete.stderr)")
        let silence = try workspace.planwatch(["silence", "add", "--subject", "flytt-2", "--expires", "2030-12-31", "--comment", "Vänta på beslut",
                                               "--author", "ops", "--config", workspace.config])
        #expect(silence.status == 0, "\(silence.stderr)")
        // The cycle after the completion, still on SQLite, cancels flytt-1's calendar entry.
        let cancelling = try workspace.planwatch(["run", "--once", "--no-deliver", "--config", workspace.config, "--at", "2027-03-17 09:10"])
        #expect(cancelling.status == 0, "\(cancelling.stderr)")
        #expect(cancelling.stdout.contains("spooled 1 mails"), "the completion's CANCEL: \(cancelling.stdout)")
        let tokens = try Self.sqlite(workspace.state, "SELECT token, rule, subject, occurrence, recipient, issued_at FROM reply_token ORDER BY token")
        let ledger = try Self.sqlite(workspace.state, "SELECT key, message_id, file FROM notification ORDER BY key")
        #expect(!tokens.isEmpty, "the cycle issued no reply tokens; the test proves nothing about them")
        #expect(ledger.count >= 30)

        let database = try TestPostgresServer.freshDatabase()
        defer { _ = try? TestPostgresServer.client("dropdb", ["--force", database]) }
        let address = TestPostgresServer.address(database)
        let copy = try workspace.planwatch(["state", "copy", "--to", address, "--password-file", TestPostgresServer.passwordFile,
                                            "--config", workspace.config])
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("\(ledger.count) ledger rows copied (0 there already)"), "\(copy.stdout)")
        #expect(copy.stdout.contains("1 silences, 1 completions, \(tokens.count) reply tokens"), "\(copy.stdout)")
        #expect(!copy.stdout.contains(TestPostgresServer.password) && !copy.stderr.contains(TestPostgresServer.password))

        // What PostgreSQL holds is what the SQLite file held.
        #expect(try TestPostgresServer.query(database, "SELECT key, message_id, file FROM notification ORDER BY key")
            .map { $0.map { $0 } } == ledger)
        #expect(try TestPostgresServer.query(database, "SELECT token, rule, subject, occurrence, recipient, issued_at FROM reply_token ORDER BY token")
            == tokens)
        #expect(try TestPostgresServer.query(database, "SELECT item, recorded_by, note FROM completion")
            == Self.sqlite(workspace.state, "SELECT item, recorded_by, note FROM completion"))
        #expect(try TestPostgresServer.query(database, "SELECT subject, author, comment FROM silence")
            == [["flytt-2", "ops", "Vänta på beslut"]])
        #expect(try TestPostgresServer.query(database, "SELECT count(*) FROM alert_state")
            == Self.sqlite(workspace.state, "SELECT count(*) FROM alert_state"))

        // Again: nothing twice.
        let again = try workspace.planwatch(["state", "copy", "--to", address, "--password-file", TestPostgresServer.passwordFile,
                                             "--config", workspace.config])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 ledger rows copied (\(ledger.count) there already)"), "\(again.stdout)")
        #expect(again.stdout.contains("0 silences, 0 completions, 0 reply tokens"), "\(again.stdout)")

        // The installation switched to PostgreSQL: its first cycle sends nothing again, and it sees the completion.
        var text = try String(contentsOfFile: workspace.config, encoding: .utf8)
        text = text.replacingOccurrences(of: "state: state.sqlite", with: "state: \(address)")
        text += "\npostgresql: { node: a, password_file: \(TestPostgresServer.passwordFile) }\n"
        let moved = workspace.folder.appendingPathComponent("postgresql.yaml").path
        try text.write(toFile: moved, atomically: true, encoding: .utf8)
        let first = try workspace.planwatch(["run", "--once", "--no-deliver", "--config", moved, "--at", "2027-03-17 09:15"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("spooled 0 mails"), "the first cycle on PostgreSQL sent again: \(first.stdout)")
        let listed = try workspace.planwatch(["completions", "list", "--config", moved])
        #expect(listed.stdout.contains("flytt-1") && listed.stdout.contains("Klart före flytten"), "\(listed.stdout)")
    }
}
