import Foundation
import Logging
import PlanwatchCore
import PlanwatchOutput
import Testing

/// A journal that keeps entries in memory, for assertions on what delivery logs.
final class RecordingJournal: JournalSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [JournalEntry] = []
    var entries: [JournalEntry] { lock.withLock { stored } }
    func send(_ entry: JournalEntry) { lock.withLock { stored.append(entry) } }
}

@Suite struct SpoolTests {
    func temporarySpool() throws -> MaildirSpool {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-spool-\(UUID().uuidString)").path
        let spool = MaildirSpool(root: root)
        try spool.prepare()
        return spool
    }

    @Test func aMessageLandsInNewWithMode0600AndNothingInTmp() throws {
        let spool = try temporarySpool()
        #expect(try spool.write(name: "abc", data: Array("Subject: x\r\n\r\nbody\r\n".utf8)))
        #expect(spool.names(in: .new) == ["abc"] && spool.names(in: .tmp).isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: spool.root + "/new/abc")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: spool.root + "/new")[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }

    @Test func spoolingTheSameNameTwiceIsANoOp() throws {
        let spool = try temporarySpool()
        #expect(try spool.write(name: "abc", data: Array("first".utf8)))
        #expect(try !spool.write(name: "abc", data: Array("second".utf8)))
        #expect(spool.read("abc").map { String(decoding: $0, as: UTF8.self) } == "first")
        try spool.move("abc", from: .new, to: .sent)
        #expect(try !spool.write(name: "abc", data: Array("third".utf8)))
        #expect(spool.names(in: .new).isEmpty)
    }

    func stubSendmail(exit status: Int32, log: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sendmail-\(UUID().uuidString)").path
        try "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '\(log)'\ncat > /dev/null\nexit \(status)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func message(to address: String) -> [UInt8] {
        Array("X-Planwatch-Key: r/s/2027-02-01/due/p\r\nX-Planwatch-Rcpt: <\(address)>\r\nSubject: x\r\n\r\nbody\r\n".utf8)
    }

    @Test func temporaryFailuresAreRetriedWithBackoffAndDeliveredOnce() throws {
        let spool = try temporarySpool()
        try spool.write(name: "m1", data: message(to: "anna@example.se"))
        let log = spool.root + "/calls.log"
        let journal = RecordingJournal()
        let failing = SpoolFlusher(spool: spool, transport: SendmailTransport(path: try stubSendmail(exit: 75, log: log), sender: "pw@example.se"),
                                   journal: journal)
        let t0 = Instant(seconds: 1_800_000_000)
        #expect(failing.flush(now: t0).deferred == 1)
        #expect(failing.flush(now: t0.adding(seconds: 30)).waiting == 1)  // the first retry is after 60 s
        #expect(failing.flush(now: t0.adding(seconds: 61)).deferred == 1)
        let summary = failing.flush(now: t0.adding(seconds: 62))
        #expect(summary.waiting == 1 && summary.nextAttempt == t0.adding(seconds: 61 + 120))  // doubled
        #expect(journal.entries.filter { $0["MESSAGE_ID"] == MessageID.deliveryDeferred.rawValue }.count == 2)

        let working = SpoolFlusher(spool: spool, transport: SendmailTransport(path: try stubSendmail(exit: 0, log: log), sender: "pw@example.se"),
                                   journal: journal)
        #expect(working.flush(now: t0.adding(seconds: 200)).delivered == 1)
        #expect(working.flush(now: t0.adding(seconds: 10_000)).delivered == 0)
        #expect(spool.names(in: .sent) == ["m1"])
        #expect(spool.names(in: .new).isEmpty)
        #expect(spool.names(in: .retry).isEmpty)
        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(calls.count == 3)
        #expect(calls.last == "-i -f pw@example.se -- anna@example.se")
    }

    @Test func permanentFailuresAreSetAsideAndLoggedAtErr() throws {
        let spool = try temporarySpool()
        try spool.write(name: "m2", data: message(to: "nobody@example.se"))
        let journal = RecordingJournal()
        let flusher = SpoolFlusher(spool: spool, transport: SendmailTransport(path: try stubSendmail(exit: 67, log: spool.root + "/l"), sender: "pw@example.se"),
                                   journal: journal)
        #expect(flusher.flush(now: Instant(seconds: 1_800_000_000)).failed == 1)
        #expect(spool.names(in: .failed) == ["m2"])
        let entry = journal.entries.first { $0["MESSAGE_ID"] == MessageID.deliveryFailed.rawValue }
        #expect(entry?["PRIORITY"] == "3")
    }

    @Test func mailUndeliverableForDaysIsSetAside() throws {
        let spool = try temporarySpool()
        try spool.write(name: "m3", data: message(to: "anna@example.se"))
        let flusher = SpoolFlusher(spool: spool, transport: SendmailTransport(path: try stubSendmail(exit: 75, log: spool.root + "/l"), sender: "pw@example.se"),
                                   journal: RecordingJournal())
        let t0 = Instant(seconds: 1_800_000_000)
        _ = flusher.flush(now: t0)
        #expect(flusher.flush(now: t0.adding(seconds: 3 * 86_400 + 1)).failed == 1)
    }

    @Test func sysexitsDecideTemporaryOrPermanent() {
        #expect(SendmailTransport.classify(status: 0, message: "") == .delivered)
        #expect(SendmailTransport.classify(status: 75, message: "queue full") == .temporary("sendmail exited with 75: queue full"))
        #expect(SendmailTransport.classify(status: 69, message: "") == .temporary("sendmail exited with 69"))
        #expect(SendmailTransport.classify(status: 67, message: "") == .permanent("sendmail exited with 67"))
    }
}

@Suite struct JournalEntryTests {
    @Test func fieldNamesAreSanitisedForJournald() {
        #expect(JournalEntry.sanitize("request.id") == "REQUEST_ID")
        #expect(JournalEntry.sanitize("_private") == "PRIVATE")
        #expect(JournalEntry.sanitize("3d") == "F3D")
        #expect(JournalEntry.sanitize(String(repeating: "a", count: 80)).count == 64)
    }

    @Test func notificationsCarryTheDesignsFieldsAndPriorities() {
        let finding = OutputFixtures.finding()
        let entry = JournalEntry.notification(finding, key: NotificationKey(finding, recipient: "p-asa"), language: "sv")
        #expect(entry["PRIORITY"] == "6" && entry["MESSAGE_ID"] == MessageID.reminder.rawValue)
        #expect(entry["SYSLOG_IDENTIFIER"] == "planwatch")
        #expect(entry["PLANWATCH_MESSAGE_KEY"] == "yearly/ind-1/2027-02-01/remind-28d/p-asa")
        for name in ["PLANWATCH_RULE", "PLANWATCH_SUBJECT", "PLANWATCH_UNIT", "PLANWATCH_STAGE", "PLANWATCH_DUE", "PLANWATCH_SEVERITY"] {
            #expect(entry[name] != nil, "\(name)")
        }
        let stages = ["due": "5", "overdue-2": "4", "escalated": "3", "warning": "4", "critical": "2", "resolved": "6", "missing": "4"]
        for (stage, priority) in stages {
            #expect(JournalEntry.notification(OutputFixtures.finding(stage: stage), key: NotificationKey(finding, recipient: "p"), language: "sv")["PRIORITY"] == priority, "\(stage)")
        }
    }

    @Test func everyMessageIDIsExplainedInTheCatalogInSwedishAndEnglish() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = try String(contentsOf: root.appendingPathComponent("systemd/planwatch.catalog"), encoding: .utf8)
        for id in MessageID.allCases {
            #expect(catalog.contains("-- \(id.rawValue)\n"), "\(id) in English")
            #expect(catalog.contains("-- \(id.rawValue) sv\n"), "\(id) in Swedish")
        }
    }
}

@Suite struct JournalLogHandlerTests {
    @Test func levelsBecomePrioritiesAndMetadataKeysValidFieldNames() {
        let journal = RecordingJournal()
        var handler = JournalLogHandler(label: "planwatch.test", sink: journal)
        handler.metadata = ["request.id": "42"]
        var logger = Logger(label: "planwatch.test", factory: { _ in handler })
        logger.logLevel = .debug
        logger.warning("disk nearly full", metadata: ["free-bytes": "1024", "_hidden": "x"])
        logger.debug("details")
        let entry = journal.entries[0]
        #expect(entry["MESSAGE"] == "disk nearly full" && entry["PRIORITY"] == "4")
        #expect(entry["REQUEST_ID"] == "42" && entry["FREE_BYTES"] == "1024" && entry["HIDDEN"] == "x")
        #expect(entry["SYSLOG_IDENTIFIER"] == "planwatch" && entry["PLANWATCH_LOGGER"] == "planwatch.test")
        #expect(journal.entries[1]["PRIORITY"] == "7")
        #expect(JournalLogHandler.priority(.critical) == .critical && JournalLogHandler.priority(.notice) == .notice)
    }
}
