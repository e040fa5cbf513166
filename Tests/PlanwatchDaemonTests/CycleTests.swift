import Foundation
import Logging
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchLoader
import PlanwatchOutput
import PlanwatchState
import Testing

final class MemoryJournal: JournalSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [JournalEntry] = []
    var entries: [JournalEntry] { lock.withLock { stored } }
    func send(_ entry: JournalEntry) { lock.withLock { stored.append(entry) } }
}

@Suite struct CycleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Setup {
        let cycle: Cycle
        let project: LoadedProject
        let journal: MemoryJournal
        let store: StateStore
        let spool: MaildirSpool
    }

    func setup(digest: String = "immediate") throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-cycle-\(UUID().uuidString)")
        var configuration = Configuration()
        configuration.digest = digest
        configuration.mailTransport = "none"
        configuration.roles = ["styrgrupp": ["p-anna", "p-erik"]]
        let project = try ProjectLoader.load(paths: [Self.root.appendingPathComponent("Tests/Fixtures/rules").path,
                                                     Self.root.appendingPathComponent("Tests/Fixtures/plan").path], configuration: configuration)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try StateStore(path: folder.appendingPathComponent("state.sqlite").path)
        let spool = MaildirSpool(root: folder.appendingPathComponent("spool").path)
        let journal = MemoryJournal()
        let cycle = Cycle(configuration: configuration, store: store, spool: spool, journal: journal, logger: Logger(label: "test"))
        return Setup(cycle: cycle, project: project, journal: journal, store: store, spool: spool)
    }

    let monday = try! Timestamp.parse("2027-01-04 09:00", in: Zone(identifier: "Europe/Stockholm")!)

    @Test func aSecondCycleAtTheSameTimeSendsNothing() throws {
        let s = try setup()
        let first = try s.cycle.run(project: s.project, at: monday, deliver: false)
        #expect(first.mails > 0 && first.notifications == first.mails)
        let spooled = s.spool.names(in: .new)
        let second = try s.cycle.run(project: s.project, at: monday.adding(seconds: 3600), deliver: false)
        #expect(second.mails == 0 && second.notifications == 0)
        #expect(s.spool.names(in: .new) == spooled)
        #expect(try s.store.allRows().count == first.notifications)
    }

    @Test func everyNotificationReachesTheJournalAndTheLedgerNamesItsMail() throws {
        let s = try setup()
        _ = try s.cycle.run(project: s.project, at: monday, deliver: false)
        let notifications = s.journal.entries.filter { $0["PLANWATCH_MESSAGE_KEY"] != nil && $0["PLANWATCH_MAIL"] != nil }
        let rows = try s.store.allRows()
        #expect(Set(notifications.compactMap { $0["PLANWATCH_MESSAGE_KEY"] }) == Set(rows.map(\.key.description)))
        for row in rows {
            let file = try #require(row.file)
            let data = try #require(s.spool.read(file))
            #expect(MaildirSpool.headers(of: data).keys.contains(row.key))
            #expect(String(decoding: data, as: UTF8.self).contains("Message-ID: \(row.messageID ?? "?")\r\n"))
        }
    }

    @Test func aCrashBetweenSpoolAndLedgerIsCompletedNotResent() throws {
        let s = try setup()
        _ = try s.cycle.run(project: s.project, at: monday, deliver: false)
        let rows = try s.store.allRows()
        // Simulate the crash: the ledger lost its rows, the spool kept the mail.
        let fresh = try StateStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-\(UUID().uuidString).sqlite").path)
        let cycle = Cycle(configuration: s.cycle.configuration, store: fresh, spool: s.spool, journal: s.journal, logger: Logger(label: "t"))
        let again = try cycle.run(project: s.project, at: monday.adding(seconds: 60), deliver: false)
        #expect(again.recovered == rows.count)
        #expect(again.mails == 0)
        #expect(Set(try fresh.allRows().map(\.key)) == Set(rows.map(\.key)))
        #expect(s.journal.entries.contains { $0["MESSAGE_ID"] == MessageID.recovered.rawValue })
    }

    @Test func silencedNotificationsAreJournalledAndRecordedButNotMailed() throws {
        let s = try setup()
        _ = try s.store.add(Silence(rule: "arenden-per-handlaggare", author: "ops", comment: "test", createdAt: monday.adding(seconds: -60),
                                    expiresAt: monday.adding(seconds: 86_400)))
        let summary = try s.cycle.run(project: s.project, at: monday, deliver: false)
        #expect(summary.muted > 0)
        let muted = s.journal.entries.filter { $0["MESSAGE_ID"] == MessageID.muted.rawValue }
        #expect(muted.count == summary.muted && muted.allSatisfy { $0["PLANWATCH_RULE"] == "arenden-per-handlaggare" })
        #expect(try s.store.allRows().filter { $0.status == .muted }.count == summary.muted)
        for name in s.spool.names(in: .new) {
            #expect(!MaildirSpool.headers(of: s.spool.read(name)!).keys.contains { $0.rule == "arenden-per-handlaggare" })
        }
    }

    @Test func alertTransitionsAreJournalledOnce() throws {
        let s = try setup()
        _ = try s.cycle.run(project: s.project, at: monday, deliver: false)
        let transitions = s.journal.entries.filter { $0["MESSAGE_ID"] == MessageID.alertTransition.rawValue }
        #expect(transitions.contains { $0["PLANWATCH_SUBJECT"] == "farsta" && $0["PLANWATCH_STAGE"] == "critical" && $0["PRIORITY"] == "2" })
        _ = try s.cycle.run(project: s.project, at: monday.adding(seconds: 60), deliver: false)
        #expect(s.journal.entries.filter { $0["MESSAGE_ID"] == MessageID.alertTransition.rawValue }.count == transitions.count)
    }

    @Test func dailyDigestsMakeOneMailPerRecipient() throws {
        let s = try setup(digest: "daily")
        let summary = try s.cycle.run(project: s.project, at: monday, deliver: false)
        // One digest per recipient; critical alerts go on their own, outside the digest.
        let ordinary = s.spool.names(in: .new).map { String(decoding: s.spool.read($0)!, as: UTF8.self) }
            .filter { !$0.contains("/critical/") }
        let recipients = ordinary.flatMap { MaildirSpool.headers(of: Data($0.utf8)).recipients }
        #expect(recipients.count == Set(recipients).count)
        #expect(summary.notifications > summary.mails)
    }
}
