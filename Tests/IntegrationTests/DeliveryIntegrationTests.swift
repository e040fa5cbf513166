import Foundation
import PlanwatchTestSupport
import Testing

/// `run --once` against the real systemd-journald and a real Postfix (started by scripts/test-services).
extension RealPostfix {
@Suite(.serialized) struct DeliveryIntegrationTests {
    let monday = "2027-01-04 09:00"

    @Test func runOnceJournalsEveryNotificationAndTheMailsArriveReadable() throws {
        let workspace = try IntegrationWorkspace()
        defer { workspace.remove() }
        let run = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", monday])
        #expect(run.status == 0, "\(run.stderr)")
        let ledger = try workspace.ledger()
        #expect(ledger.count >= 8)

        // The journal: one entry per notification, with every field of the design.
        let entries = try IntegrationWorkspace.journal(pid: run.pid, since: run.started, minimum: ledger.count)
        let notifications = entries.filter { $0["PLANWATCH_MESSAGE_KEY"] != nil && $0["PLANWATCH_RECIPIENT"] != nil }
        #expect(Set(notifications.compactMap { $0["PLANWATCH_MESSAGE_KEY"] }) == Set(ledger.map(\.key)),
                "\(entries.count) entries of pid \(run.pid): \(entries.prefix(2))")
        for entry in notifications {
            for field in ["MESSAGE", "PRIORITY", "MESSAGE_ID", "PLANWATCH_RULE", "PLANWATCH_SUBJECT", "PLANWATCH_UNIT",
                          "PLANWATCH_STAGE", "PLANWATCH_SEVERITY", "PLANWATCH_MESSAGE_KEY"] {
                #expect(entry[field] != nil, "\(field) in \(entry["MESSAGE"] ?? "?")")
            }
            #expect(entry["SYSLOG_IDENTIFIER"] == "planwatch")
            if entry["PLANWATCH_STAGE"]?.hasPrefix("remind-") == true {
                #expect(entry["PLANWATCH_DUE"] == "2027-02-01" && entry["PRIORITY"] == "6")
            }
            if entry["PLANWATCH_STAGE"] == "critical" {
                #expect(entry["PLANWATCH_VALUE"] == "22" && entry["PLANWATCH_THRESHOLD"] == "20" && entry["PRIORITY"] == "2")
                #expect(entry["MESSAGE_ID"] == "9fa33e0e303a408f8417d00ed2a328ac")
            }
        }

        // The mail: delivered by Postfix to the local mailbox, read back with Python's email parser.
        let mails = try workspace.waitForMails(Set(ledger.compactMap(\.file)).count)
        #expect(mails.count == Set(ledger.compactMap(\.file)).count)
        #expect(Set(mails.compactMap { $0["message_id"] as? String }) == Set(ledger.compactMap(\.messageID)))
        let subjects = mails.compactMap { $0["subject"] as? String }
        #expect(subjects.contains("Påminnelse: Årlig uppföljning: Antal medarbetare per chef"))
        #expect(subjects.contains("Kritiskt larm: Ärenden per handläggare i Farsta stadsdelsförvaltning: 22"))
        for mail in mails {
            #expect((mail["defects"] as? [String]) == [], "\(mail["subject"] ?? "")")
            #expect(mail["auto_submitted"] as? String == "auto-generated")
            #expect((mail["to"] as? [String])?.count == 1)
            if let keys = mail["keys"] as? [String], keys.contains(where: { $0.contains("/remind-28d/") }) {
                let calendar = try #require(mail["calendar"] as? [String: Any])
                #expect(calendar["valid"] as? Bool == true)
                let event = try #require((calendar["events"] as? [[String: String]])?.first)
                #expect(event["DTSTART"] == "20270201" && event["UID"]?.hasSuffix("@localhost") == true)
                let text = mail["text"] as? String ?? ""
                #expect(text.hasPrefix("Hej ") || text.hasPrefix("Hello "), "\(text)")
            }
        }
        // Run again: nothing new is sent.
        let again = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", monday])
        #expect(again.stdout.contains("spooled 0 mails"))
    }

    @Test func withTheMTAFailingMailStaysSpooledIsRetriedAndArrivesOnce() throws {
        let stub = try temporaryScript("#!/bin/sh\ncat >/dev/null\necho 'mail system unavailable' >&2\nexit 75\n", name: "sendmail-75")
        defer { try? FileManager.default.removeItem(atPath: stub) }
        let workspace = try IntegrationWorkspace(sendmail: stub)
        defer { workspace.remove() }
        let run = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", monday])
        #expect(run.status == 0)
        #expect(run.stdout.contains("0 delivered") && run.stdout.contains("deferred"))
        let spooled = try FileManager.default.contentsOfDirectory(atPath: workspace.spool + "/new").count
        #expect(spooled > 0)
        // Too early for a retry; then a retry that fails again.
        #expect(try workspace.planwatch(["spool", "flush", "--config", workspace.config, "--at", "2027-01-04 09:00:30"]).stdout
            .contains("0 deferred, 0 failed, \(spooled) waiting"))
        #expect(try workspace.planwatch(["spool", "flush", "--config", workspace.config, "--at", "2027-01-04 09:01:01"]).status == 75)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.spool + "/new").count == spooled)
        // The MTA is back.
        try String(contentsOfFile: workspace.config, encoding: .utf8).replacingOccurrences(of: stub, with: "/usr/sbin/sendmail")
            .write(toFile: workspace.config, atomically: true, encoding: .utf8)
        let flush = try workspace.planwatch(["spool", "flush", "--config", workspace.config, "--at", "2027-01-04 09:10"])
        #expect(flush.stdout.contains("\(spooled) delivered"), "\(flush.stdout)\(flush.stderr)")
        #expect(try workspace.planwatch(["spool", "flush", "--config", workspace.config, "--force"]).stdout.contains("0 delivered"))
        let mails = try workspace.waitForMails(spooled)
        let ids = mails.compactMap { $0["message_id"] as? String }
        #expect(ids.count == spooled && Set(ids).count == spooled)
    }

    @Test func withPostfixStoppedMailIsQueuedAndDeliveredOnceAfterRecovery() throws {
        let workspace = try IntegrationWorkspace()
        defer { workspace.remove() }
        _ = try runProgram("/usr/sbin/postfix", ["stop"])
        var restarted = false
        defer { if !restarted { _ = try? runProgram("/usr/sbin/postfix", ["start"]) } }
        let run = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", monday])
        #expect(run.status == 0)
        let files = Set(try workspace.ledger().compactMap(\.file))
        usleep(1_000_000)
        #expect(try workspace.mails().isEmpty)
        _ = try runProgram("/usr/sbin/postfix", ["start"])
        restarted = true
        let mails = try workspace.waitForMails(files.count, seconds: 60)
        let ids = mails.compactMap { $0["message_id"] as? String }
        #expect(ids.count == files.count && Set(ids).count == files.count)
    }

    @Test func planDataCannotInjectHeadersOrRecipients() throws {
        let workspace = try IntegrationWorkspace { items in
            items = items.replacingOccurrences(
                of: #"title: "Antal medarbetare per chef""#,
                with: #"title: "Antal\r\nBcc: pwtest+victim-TAG@localhost\r\nX-Injected: yes\nSubject: falsk åäö""#)
        }
        defer { workspace.remove() }
        var organisation = try String(contentsOf: workspace.folder.appendingPathComponent("plan/organisation.yaml"), encoding: .utf8)
        organisation = organisation.replacingOccurrences(of: #"name: "Lena Åkesson""#, with: #"name: "Lena\r\nCc: pwtest+victim2@localhost""#)
        try organisation.write(to: workspace.folder.appendingPathComponent("plan/organisation.yaml"), atomically: true, encoding: .utf8)
        try String(contentsOf: workspace.folder.appendingPathComponent("plan/items.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "TAG", with: workspace.tag)
            .write(to: workspace.folder.appendingPathComponent("plan/items.yaml"), atomically: true, encoding: .utf8)
        let run = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", monday])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = Set(try workspace.ledger().compactMap(\.file)).count
        let mails = try workspace.waitForMails(expected)
        #expect(mails.count == expected)
        let evil = try #require(mails.first { ($0["subject"] as? String)?.contains("Bcc:") == true })
        #expect(evil["subject"] as? String == "Påminnelse: Årlig uppföljning: Antal Bcc: pwtest+victim-\(workspace.tag)@localhost X-Injected: yes Subject: falsk åäö")
        for mail in mails {
            let headers = mail["headers"] as? [String] ?? []
            #expect(!headers.contains("Bcc") && !headers.contains("Cc") && !headers.contains("X-Injected"))
            #expect(headers.filter { $0 == "Subject" }.count == 1)
            #expect((mail["to"] as? [String])?.count == 1)
            #expect(!((mail["delivered_to"] as? [String]) ?? []).contains { $0.contains("victim") })
        }
        // Nothing reached the would-be victims.
        let victims = try runProgram("/usr/bin/env", ["python3", PlanwatchProcess.root.appendingPathComponent("Tests/IntegrationTests/Scripts/read_mailbox.py").path,
                                                      IntegrationWorkspace.mailbox, "victim"])
        let delivered = (try JSONSerialization.jsonObject(with: Data(victims.stdout.utf8)) as? [[String: Any]] ?? [])
            .flatMap { $0["delivered_to"] as? [String] ?? [] }
        #expect(!delivered.contains { $0.contains("victim") })
    }
}
}
