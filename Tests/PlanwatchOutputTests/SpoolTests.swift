import Foundation
import Logging
import PlanwatchCore
import PlanwatchOutput
import PlanwatchTestSupport
import Testing

/// A journal that keeps entries in memory, for assertions on what delivery logs.
final class RecordingJournal: JournalSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [JournalEntry] = []
    var entries: [JournalEntry] { lock.withLock { stored } }
    func send(_ entry: JournalEntry) { lock.withLock { stored.append(entry) } }
}

/// The spools the contract tests run against.
enum SpoolKind: String, CaseIterable, CustomTestStringConvertible {
    case maildir, memory

    var testDescription: String { rawValue }

    func make() throws -> any MailSpool {
        switch self {
        case .maildir:
            let spool = MaildirSpool(root: FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-spool-\(UUID().uuidString)").path)
            try spool.prepare()
            return spool
        case .memory:
            return MemorySpool()
        }
    }
}

func message(to address: String, key: String = "r/s/2027-02-01/due/p") -> [UInt8] {
    Array("X-Planwatch-Key: \(key)\r\nX-Planwatch-Rcpt: <\(address)>\r\nSubject: x\r\n\r\nbody\r\n".utf8)
}

/// What every spool does, the Maildir and the in-memory one alike; and delivery through it, with a
/// transport that records what it is given.
@Suite struct SpoolContractTests {
    @Test(arguments: SpoolKind.allCases)
    func addingTheSameNameTwiceIsANoOpInAnyState(kind: SpoolKind) async throws {
        let spool = try kind.make()
        #expect(try await spool.add(name: "abc", data: Array("first".utf8)))
        #expect(try await !spool.add(name: "abc", data: Array("second".utf8)))
        #expect(await spool.message("abc", in: .waiting).map { String(decoding: $0, as: UTF8.self) } == "first")
        try await spool.move("abc", from: .waiting, to: .sent, at: Instant(seconds: 10))
        #expect(try await !spool.add(name: "abc", data: Array("third".utf8)))
        #expect(await spool.names(in: .waiting).isEmpty)
        #expect(await spool.names(in: .sent) == ["abc"])
        #expect(await spool.enteredAt("abc", in: .sent) == Instant(seconds: 10))
    }

    @Test(arguments: SpoolKind.allCases)
    func temporaryFailuresAreRetriedWithBackoffAndDeliveredOnce(kind: SpoolKind) async throws {
        let spool = try kind.make()
        try await spool.add(name: "m1", data: message(to: "anna@example.se"))
        let journal = RecordingJournal()
        let failing = MemoryTransport { _ in .temporary("sendmail exited with 75") }
        let flusher = SpoolFlusher(spool: spool, transport: failing, sender: "pw@example.se", journal: journal)
        let t0 = Instant(seconds: 1_800_000_000)
        #expect(try await flusher.flush(now: t0).deferred == 1)
        #expect(try await flusher.flush(now: t0.adding(seconds: 30)).waiting == 1)  // the first retry is after 60 s
        #expect(try await flusher.flush(now: t0.adding(seconds: 61)).deferred == 1)
        let summary = try await flusher.flush(now: t0.adding(seconds: 62))
        #expect(summary.waiting == 1 && summary.nextAttempt == t0.adding(seconds: 61 + 120))  // doubled
        #expect(journal.entries.filter { $0["MESSAGE_ID"] == MessageID.deliveryDeferred.rawValue }.count == 2)
        #expect(await spool.retry(of: "m1")?.attempts == 2)

        let working = MemoryTransport()
        let delivering = SpoolFlusher(spool: spool, transport: working, sender: "pw@example.se", journal: journal)
        #expect(try await delivering.flush(now: t0.adding(seconds: 200)).delivered == 1)
        #expect(try await delivering.flush(now: t0.adding(seconds: 10_000)).delivered == 0)
        #expect(await spool.names(in: .sent) == ["m1"])
        #expect(await spool.names(in: .waiting).isEmpty)
        #expect(await spool.names(in: .inFlight).isEmpty)
        #expect(await spool.retry(of: "m1") == nil)
        let handed = await working.deliveries
        #expect(handed.count == 1 && handed.first?.recipients == ["anna@example.se"] && handed.first?.sender == "pw@example.se")
        #expect(await failing.deliveries.count == 2)
    }

    @Test(arguments: SpoolKind.allCases)
    func permanentFailuresAreSetAsideAndLoggedAtErr(kind: SpoolKind) async throws {
        let spool = try kind.make()
        try await spool.add(name: "m2", data: message(to: "nobody@example.se"))
        let journal = RecordingJournal()
        let flusher = SpoolFlusher(spool: spool, transport: MemoryTransport { _ in .permanent("unknown user") }, sender: "pw@example.se",
                                   journal: journal)
        #expect(try await flusher.flush(now: Instant(seconds: 1_800_000_000)).failed == 1)
        #expect(await spool.names(in: .failed) == ["m2"])
        let entry = journal.entries.first { $0["MESSAGE_ID"] == MessageID.deliveryFailed.rawValue }
        #expect(entry?["PRIORITY"] == "3")
    }

    @Test(arguments: SpoolKind.allCases)
    func mailUndeliverableForDaysIsSetAside(kind: SpoolKind) async throws {
        let spool = try kind.make()
        try await spool.add(name: "m3", data: message(to: "anna@example.se"))
        let flusher = SpoolFlusher(spool: spool, transport: MemoryTransport { _ in .temporary("down") }, sender: "pw@example.se",
                                   journal: RecordingJournal())
        let t0 = Instant(seconds: 1_800_000_000)
        _ = try await flusher.flush(now: t0)
        #expect(try await flusher.flush(now: t0.adding(seconds: 3 * 86_400 + 1)).failed == 1)
    }

    /// A message left in flight by a flusher that died is handed over again at the next flush, once,
    /// with a journal note; the message is the same bytes (so the same Message-ID).
    @Test(arguments: SpoolKind.allCases)
    func aMessageLeftInFlightIsHandedOverAgainWithANote(kind: SpoolKind) async throws {
        let spool = try kind.make()
        let data = message(to: "anna@example.se")
        try await spool.add(name: "m4", data: data)
        try await spool.move("m4", from: .waiting, to: .inFlight, at: Instant(seconds: 1))  // then the flusher was killed
        let journal = RecordingJournal()
        let transport = MemoryTransport()
        let flusher = SpoolFlusher(spool: spool, transport: transport, sender: "pw@example.se", journal: journal)
        let summary = try await flusher.flush(now: Instant(seconds: 1_800_000_000))
        #expect(summary.delivered == 1 && summary.redelivered == 1)
        #expect(await transport.deliveries.map(\.message) == [data])
        #expect(journal.entries.contains { $0["MESSAGE_ID"] == MessageID.redelivery.rawValue && $0["PRIORITY"] == "5" })
        #expect(try await flusher.flush(now: Instant(seconds: 1_800_000_100)).delivered == 0)
    }

    @Test(arguments: SpoolKind.allCases)
    func sentMailIsKeptAsLongAsConfiguredThenRemoved(kind: SpoolKind) async throws {
        let spool = try kind.make()
        try await spool.add(name: "m5", data: message(to: "anna@example.se"))
        var flusher = SpoolFlusher(spool: spool, transport: MemoryTransport(), sender: "pw@example.se", journal: RecordingJournal())
        flusher.rules.keepSent = 86_400
        let t0 = Instant(seconds: 1_800_000_000)
        _ = try await flusher.flush(now: t0)
        _ = try await flusher.flush(now: t0.adding(seconds: 3600))
        #expect(await spool.names(in: .sent) == ["m5"])
        _ = try await flusher.flush(now: t0.adding(seconds: 86_401))
        #expect(await spool.names(in: .sent).isEmpty)
    }
}

/// The Maildir spool's files, and the sendmail transport, on their own.
@Suite struct MaildirSpoolTests {
    func temporarySpool() throws -> MaildirSpool {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-spool-\(UUID().uuidString)").path
        let spool = MaildirSpool(root: root)
        try spool.prepare()
        return spool
    }

    @Test func aMessageLandsInNewWithMode0600AndNothingInTmp() throws {
        let spool = try temporarySpool()
        #expect(try spool.add(name: "abc", data: Array("Subject: x\r\n\r\nbody\r\n".utf8)))
        #expect(spool.names(in: .waiting) == ["abc"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool.root + "/tmp").isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: spool.root + "/new/abc")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: spool.root + "/new")[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }

    func stubSendmail(exit status: Int32, log: String, body: String = "cat > /dev/null") throws -> String {
        try temporaryScript("#!/bin/sh\nprintf '%s\\n' \"$*\" >> '\(log)'\n\(body)\nexit \(status)\n", name: "sendmail")
    }

    @Test func sendmailGetsAnArgvWithTheSenderAndTheRecipientsAfterDoubleDash() async throws {
        let spool = try temporarySpool()
        let log = spool.root + "/calls.log"
        let transport = SendmailTransport(path: try stubSendmail(exit: 0, log: log))
        #expect(await transport.deliver(message(to: "anna@example.se"), from: "pw@example.se", to: ["anna@example.se"]) == .delivered)
        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(calls == ["-i -f pw@example.se -- anna@example.se"])
        let failing = SendmailTransport(path: try stubSendmail(exit: 67, log: log))
        #expect(await failing.deliver(message(to: "x@example.se"), from: "pw@example.se", to: ["x@example.se"]) == .permanent("sendmail exited with 67"))
    }

    /// A sendmail that neither reads its input nor ends, and ignores SIGTERM, is stopped after the
    /// timeout: the hand-over is a temporary failure, and the flush goes on.
    @Test func aHangingSendmailIsStoppedAfterTheTimeout() async throws {
        let spool = try temporarySpool()
        let stub = try stubSendmail(exit: 0, log: spool.root + "/l", body: "trap '' TERM\nsleep 600")
        let transport = SendmailTransport(path: stub, timeout: 1)
        let big = Array(repeating: UInt8(ascii: "x"), count: 1 << 20)  // more than a pipe holds: writing would block
        let result = await transport.deliver(big, from: "pw@example.se", to: ["anna@example.se"])
        guard case .temporary(let reason) = result else {
            Issue.record("expected a temporary failure, got \(result)")
            return
        }
        #expect(reason.contains("did not finish within 1 s"))
    }

    @Test func sysexitsDecideTemporaryOrPermanent() {
        #expect(SendmailTransport.classify(status: 0, message: "") == .delivered)
        #expect(SendmailTransport.classify(status: 75, message: "queue full") == .temporary("sendmail exited with 75: queue full"))
        #expect(SendmailTransport.classify(status: 69, message: "") == .temporary("sendmail exited with 69"))
        #expect(SendmailTransport.classify(status: 67, message: "") == .permanent("sendmail exited with 67"))
    }

    /// Two flushes at once: the second waits for the first, and no message is handed over twice.
    @Test func concurrentFlushesHandEachMessageOverOnce() async throws {
        let spool = try temporarySpool()
        for index in 0..<20 { try spool.add(name: "m\(index)", data: message(to: "anna@example.se", key: "r/s/2027-02-01/due/p\(index)")) }
        let log = spool.root + "/calls.log"
        let transport = SendmailTransport(path: try stubSendmail(exit: 0, log: log, body: "cat > /dev/null\nsleep 0.05"))
        let flushers = (0..<4).map { _ in SpoolFlusher(spool: spool, transport: transport, sender: "pw@example.se", journal: RecordingJournal()) }
        let delivered = try await withThrowingTaskGroup(of: Int.self) { group in
            for flusher in flushers { group.addTask { try await flusher.flush(now: Instant(seconds: 1_800_000_000)).delivered } }
            return try await group.reduce(0, +)
        }
        #expect(delivered == 20)
        #expect(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").count == 20)
        #expect(spool.names(in: .sent).count == 20)
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
            #expect(JournalEntry.notification(OutputFixtures.finding(stage: Stage(stage)!), key: NotificationKey(finding, recipient: "p"), language: "sv")["PRIORITY"] == priority, "\(stage)")
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
