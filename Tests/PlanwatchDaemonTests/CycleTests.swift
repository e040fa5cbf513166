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

/// The state and spool a cycle test runs on: the real ones (SQLite, Maildir) or the in-memory ones.
enum Backends: String, CaseIterable, CustomTestStringConvertible {
    case files, memory

    var testDescription: String { rawValue }

    func make(_ folder: URL) throws -> (any StateStore, any MailSpool) {
        switch self {
        case .files:
            (try SQLiteStateStore(path: folder.appendingPathComponent("state.sqlite").path),
             MaildirSpool(root: folder.appendingPathComponent("spool").path))
        case .memory:
            (MemoryStateStore(), MemorySpool())
        }
    }
}

@Suite struct CycleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Setup {
        let cycle: Cycle
        let project: LoadedProject
        let journal: MemoryJournal
        let store: any StateStore
        let spool: any MailSpool
    }

    func setup(digest: String = "immediate", backends: Backends = .files) throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-cycle-\(UUID().uuidString)")
        var configuration = Configuration()
        configuration.digest = digest
        configuration.mailTransport = .none
        configuration.roles = ["styrgrupp": ["p-anna", "p-erik"]]
        let project = try ProjectLoader.load(paths: [Self.root.appendingPathComponent("Tests/Fixtures/rules").path,
                                                     Self.root.appendingPathComponent("Tests/Fixtures/plan").path], configuration: configuration)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (store, spool) = try backends.make(folder)
        let journal = MemoryJournal()
        let cycle = Cycle(configuration: configuration, state: store, spool: spool, journal: journal, logger: Logger(label: "test"),
                          lock: (spool as? MaildirSpool)?.cycleLock)
        return Setup(cycle: cycle, project: project, journal: journal, store: store, spool: spool)
    }

    let monday = try! Timestamp.parse("2027-01-04 09:00", in: Zone(identifier: "Europe/Stockholm")!)

    @Test(arguments: Backends.allCases)
    func aSecondCycleAtTheSameTimeSendsNothing(backends: Backends) async throws {
        let s = try setup(backends: backends)
        let first = try await s.cycle.run(project: s.project, at: monday, deliver: false)
        #expect(first.mails > 0 && first.notifications == first.mails)
        let spooled = await s.spool.names(in: .waiting)
        let second = try await s.cycle.run(project: s.project, at: monday.adding(seconds: 3600), deliver: false)
        #expect(second.mails == 0 && second.notifications == 0)
        #expect(await s.spool.names(in: .waiting) == spooled)
        #expect(try await s.store.allRows().count == first.notifications)
    }

    @Test(arguments: Backends.allCases)
    func everyNotificationReachesTheJournalAndTheLedgerNamesItsMail(backends: Backends) async throws {
        let s = try setup(backends: backends)
        _ = try await s.cycle.run(project: s.project, at: monday, deliver: false)
        let notifications = s.journal.entries.filter { $0["PLANWATCH_MESSAGE_KEY"] != nil && $0["PLANWATCH_MAIL"] != nil }
        let rows = try await s.store.allRows()
        #expect(Set(notifications.compactMap { $0["PLANWATCH_MESSAGE_KEY"] }) == Set(rows.map(\.key.description)))
        for row in rows {
            let file = try #require(row.file)
            let data = try #require(await s.spool.message(file, in: .waiting))
            #expect(MaildirSpool.headers(of: data).keys.contains(row.key))
            #expect(String(decoding: data, as: UTF8.self).contains("Message-ID: \(row.messageID ?? "?")\r\n"))
        }
    }

    @Test(arguments: Backends.allCases)
    func aCrashBetweenSpoolAndLedgerIsCompletedNotResent(backends: Backends) async throws {
        let s = try setup(backends: backends)
        _ = try await s.cycle.run(project: s.project, at: monday, deliver: false)
        let rows = try await s.store.allRows()
        // Simulate the crash: the ledger lost its rows, the spool kept the mail.
        let fresh: any StateStore = backends == .files
            ? try SQLiteStateStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-\(UUID().uuidString).sqlite").path)
            : MemoryStateStore()
        let cycle = Cycle(configuration: s.cycle.configuration, state: fresh, spool: s.spool, journal: s.journal, logger: Logger(label: "t"))
        let again = try await cycle.run(project: s.project, at: monday.adding(seconds: 60), deliver: false)
        #expect(again.recovered == rows.count)
        #expect(again.mails == 0)
        #expect(Set(try await fresh.allRows().map(\.key)) == Set(rows.map(\.key)))
        #expect(s.journal.entries.contains { $0["MESSAGE_ID"] == MessageID.recovered.rawValue })
    }

    @Test(arguments: Backends.allCases)
    func silencedNotificationsAreJournalledAndRecordedButNotMailed(backends: Backends) async throws {
        let s = try setup(backends: backends)
        _ = try await s.store.add(Silence(rule: "arenden-per-handlaggare", author: "ops", comment: "test", createdAt: monday.adding(seconds: -60),
                                          expiresAt: monday.adding(seconds: 86_400)))
        let summary = try await s.cycle.run(project: s.project, at: monday, deliver: false)
        #expect(summary.muted > 0)
        let muted = s.journal.entries.filter { $0["MESSAGE_ID"] == MessageID.muted.rawValue }
        #expect(muted.count == summary.muted && muted.allSatisfy { $0["PLANWATCH_RULE"] == "arenden-per-handlaggare" })
        #expect(try await s.store.allRows().filter { $0.status == .muted }.count == summary.muted)
        for name in await s.spool.names(in: .waiting) {
            let data = try #require(await s.spool.message(name, in: .waiting))
            #expect(!MaildirSpool.headers(of: data).keys.contains { $0.rule == "arenden-per-handlaggare" })
        }
    }

    @Test(arguments: Backends.allCases)
    func alertTransitionsAreJournalledOnce(backends: Backends) async throws {
        let s = try setup(backends: backends)
        _ = try await s.cycle.run(project: s.project, at: monday, deliver: false)
        let transitions = s.journal.entries.filter { $0["MESSAGE_ID"] == MessageID.alertTransition.rawValue }
        #expect(transitions.contains { $0["PLANWATCH_SUBJECT"] == "farsta" && $0["PLANWATCH_STAGE"] == "critical" && $0["PRIORITY"] == "2" })
        _ = try await s.cycle.run(project: s.project, at: monday.adding(seconds: 60), deliver: false)
        #expect(s.journal.entries.filter { $0["MESSAGE_ID"] == MessageID.alertTransition.rawValue }.count == transitions.count)
    }

    @Test(arguments: Backends.allCases)
    func dailyDigestsMakeOneMailPerRecipient(backends: Backends) async throws {
        let s = try setup(digest: "daily", backends: backends)
        let summary = try await s.cycle.run(project: s.project, at: monday, deliver: false)
        // One digest per recipient; critical alerts go on their own, outside the digest.
        var ordinary: [[UInt8]] = []
        for name in await s.spool.names(in: .waiting) {
            let data = try #require(await s.spool.message(name, in: .waiting))
            if !String(decoding: data, as: UTF8.self).contains("/critical/") { ordinary.append(data) }
        }
        let recipients = ordinary.flatMap { MaildirSpool.headers(of: $0).recipients }
        #expect(recipients.count == Set(recipients).count)
        #expect(summary.notifications > summary.mails)
    }
}
