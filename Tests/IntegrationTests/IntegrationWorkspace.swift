import Foundation
import PlanwatchTestSupport
import Testing

/// A throw-away planwatch installation for one integration test: the shipped rules, a copy of the
/// example plan whose people receive mail in the local test mailbox (`pwtest+NAME-TAG@localhost`),
/// and a configuration with state and spool in a temporary folder.
struct IntegrationWorkspace {
    static let mailbox = "/var/mail/pwtest"
    let folder: URL
    let tag: String
    var config: String { folder.appendingPathComponent("planwatch.yaml").path }
    var spool: String { folder.appendingPathComponent("spool").path }
    var state: String { folder.appendingPathComponent("state.sqlite").path }

    /// - Parameters:
    ///   - settings: more lines of the configuration (e.g. `replies:`).
    ///   - extraRules: a rule file read besides the fixture's rules (e.g. a report rule).
    init(sendmail: String = "/usr/sbin/sendmail", digest: String = "immediate", settings: String = "",
         extraRules: String? = nil, plan: ((inout String) -> Void)? = nil) throws {
        tag = "t" + UUID().uuidString.prefix(8).lowercased()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-it-\(tag)")
        let planFolder = folder.appendingPathComponent("plan")
        try FileManager.default.createDirectory(at: planFolder.appendingPathComponent("measurements"), withIntermediateDirectories: true)
        let example = PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/plan")
        for file in ["organisation.yaml", "items.yaml", "measurements/2026.csv"] {
            var text = try String(contentsOf: example.appendingPathComponent(file), encoding: .utf8)
            if file == "organisation.yaml" {
                text = text.replacingOccurrences(of: #"([a-z.]+)@example\.se"#, with: "pwtest+$1-\(tag)@localhost", options: .regularExpression)
            }
            if file == "items.yaml" { plan?(&text) }
            try text.write(to: planFolder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        var rules = [PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/rules").path]
        if let extraRules {
            let extra = folder.appendingPathComponent("rules")
            try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
            try extraRules.write(to: extra.appendingPathComponent("extra.yaml"), atomically: true, encoding: .utf8)
            rules.append(extra.path)
        }
        try """
        timezone: Europe/Stockholm
        workdays: se
        language: sv
        rules: [\(rules.joined(separator: ", "))]
        plan: plan
        state: state.sqlite
        spool: spool
        send_at: "08:00"
        digest: \(digest)
        mail: { from: "Planwatch <planwatch@localhost>", transport: sendmail, sendmail: \(sendmail) }
        roles: { styrgrupp: [p-anna, p-erik], facklig-referensgrupp: [p-sara] }
        \(settings)
        """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    func planwatch(_ arguments: [String]) throws -> PlanwatchProcess.Output {
        try PlanwatchProcess.run(arguments)
    }

    /// The messages of this workspace in the test mailbox, as Python's email parser reads them.
    func mails() throws -> [[String: Any]] {
        let script = PlanwatchProcess.root.appendingPathComponent("Tests/IntegrationTests/Scripts/read_mailbox.py").path
        let output = try runProgram("/usr/bin/env", ["python3", script, Self.mailbox, tag])
        guard output.status == 0 else { throw IntegrationError("read_mailbox.py failed: \(output.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// Waits until the mailbox holds `count` messages of this workspace (Postfix delivers in the background).
    func waitForMails(_ count: Int, seconds: Double = 30) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        var mails = try self.mails()
        while mails.count < count && Date() < deadline {
            usleep(250_000)
            mails = try self.mails()
        }
        return mails
    }

    /// The ledger's (key, message id, file) rows, read with Python's sqlite3.
    func ledger() throws -> [(key: String, messageID: String?, file: String?)] {
        let output = try runProgram("/usr/bin/env", ["python3", "-c", """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            print(json.dumps(db.execute("SELECT key, message_id, file FROM notification ORDER BY key").fetchall()))
            """, state])
        let rows = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[Any]] ?? []
        return rows.map { ($0[0] as! String, $0[1] as? String, $0[2] as? String) }
    }

    /// The journal entries a process started at `started` wrote.
    static func journal(pid: Int32, since started: Date, minimum: Int = 1) throws -> [[String: String]] {
        var entries: [[String: String]] = []
        for _ in 0..<40 {
            let output = try runProgram("/usr/bin/journalctl", journalSelection(pid: pid, since: started) + ["-o", "json", "--no-pager"])
            entries = output.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }.map { $0.compactMapValues { $0 as? String } }
            if entries.count >= minimum { break }
            usleep(250_000)
        }
        return entries
    }

    /// journalctl's arguments for the entries of the process `pid` started at `started`. The process
    /// id alone is not enough: a journal kept from earlier runs (or an earlier boot) holds entries
    /// of other processes that had the same id.
    static func journalSelection(pid: Int32, since started: Date) -> [String] {
        ["_PID=\(pid)", "--since", "@\(Int(started.timeIntervalSince1970.rounded(.down)))"]
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

struct IntegrationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
