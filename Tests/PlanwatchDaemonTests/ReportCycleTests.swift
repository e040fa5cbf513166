import Foundation
import Logging
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchLoader
import PlanwatchOutput
import PlanwatchState
import Testing

/// Report rules in a cycle, on both backends: once per period and recipient, silences mute, and a
/// mail spooled by an interrupted cycle is recorded, not sent again.
@Suite struct ReportCycleTests {
    static let rule = """
        group: uppfoljning
        rules:
          - id: arsrapport
            kind: report
            due: "*-01-20"
            notify: [styrgrupp]
        """

    /// Wednesday 20 January 2027, after the send time.
    let reportDay = try! Timestamp.parse("2027-01-20 09:00", in: Zone(identifier: "Europe/Stockholm")!)

    func setup(_ backends: Backends) throws -> (cycle: Cycle, project: LoadedProject, store: any StateStore, spool: any MailSpool,
                                                journal: MemoryJournal) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-report-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try Self.rule.write(to: folder.appendingPathComponent("rules/report.yaml"), atomically: true, encoding: .utf8)
        var configuration = Configuration()
        configuration.mailTransport = .none
        configuration.roles = ["styrgrupp": ["p-anna", "p-erik"]]
        let project = try ProjectLoader.load(paths: [CycleTests.root.appendingPathComponent("Tests/Fixtures/rules").path,
                                                     folder.appendingPathComponent("rules").path,
                                                     CycleTests.root.appendingPathComponent("Tests/Fixtures/plan").path],
                                             configuration: configuration)
        #expect(!project.hasErrors, "\(project.diagnostics)")
        let (store, spool) = try backends.make(folder)
        let journal = MemoryJournal()
        let cycle = Cycle(configuration: configuration, state: store, spool: spool, journal: journal, logger: Logger(label: "test"))
        return (cycle, project, store, spool, journal)
    }

    func reportRows(_ store: any StateStore) async throws -> [LedgerRow] {
        try await store.allRows().filter { $0.key.rule == "arsrapport" }
    }

    @Test(arguments: Backends.allCases)
    func eachRecipientGetsThePeriodsReportOnce(backends: Backends) async throws {
        let s = try setup(backends)
        _ = try await s.cycle.run(project: s.project, at: reportDay, deliver: false)
        let rows = try await reportRows(s.store)
        #expect(rows.map(\.key.description).sorted() == ["arsrapport/2026/2027-01-20/report/p-anna", "arsrapport/2026/2027-01-20/report/p-erik"])
        #expect(rows.allSatisfy { $0.status == .spooled && $0.file != nil })
        let file = try #require(rows.first?.file)
        let mail = try #require(await s.spool.message(file, in: .waiting))
        let text = String(decoding: mail, as: UTF8.self)
        #expect(text.contains("X-Planwatch-Key: arsrapport/2026/2027-01-20/report/"))
        #expect(text.contains("filename=\"uppfoljning-2026.html\"") && text.contains("filename=\"uppfoljning-2026.csv\""))
        #expect(s.journal.entries.filter { $0["MESSAGE_ID"] == "ee0bc26428ff42ae8aaa1b5d1428adb4" }.count == 2)

        // The same day again, and a week later: nothing more about the report.
        for days: Int64 in [0, 7] {
            _ = try await s.cycle.run(project: s.project, at: reportDay.adding(seconds: days * 86_400 + 3600), deliver: false)
        }
        #expect(try await reportRows(s.store).count == 2)
        #expect(s.journal.entries.filter { $0["MESSAGE_ID"] == "ee0bc26428ff42ae8aaa1b5d1428adb4" }.count == 2)
    }

    @Test(arguments: Backends.allCases)
    func aSilenceForOneRecipientMutesTheirsOnly(backends: Backends) async throws {
        let s = try setup(backends)
        _ = try await s.store.add(Silence(rule: "arsrapport", recipient: "p-erik", author: "ops", comment: "tjänstledig",
                                          createdAt: reportDay.adding(seconds: -86_400), expiresAt: reportDay.adding(seconds: 86_400)))
        _ = try await s.cycle.run(project: s.project, at: reportDay, deliver: false)
        let rows = try await reportRows(s.store)
        #expect(rows.first { $0.key.recipient == "p-erik" }?.status == .muted)
        #expect(rows.first { $0.key.recipient == "p-anna" }?.status == .spooled)
    }

    @Test(arguments: Backends.allCases)
    func aReportSpooledByAnInterruptedCycleIsRecordedAndNotSentAgain(backends: Backends) async throws {
        let s = try setup(backends)
        // An earlier cycle spooled Anna's report and stopped before the ledger.
        var configuration = Configuration()
        configuration.mailTransport = .none
        let key = NotificationKey("arsrapport/2026/2027-01-20/report/p-anna")!
        let anna = NotifiedPerson(id: "p-anna", name: "Anna Lindqvist", email: "anna@example.se", language: "sv", via: "styrgrupp")
        let mail = try MailComposer(configuration: configuration).composeReport(key: key, to: anna, subject: "Årlig uppföljning 2026",
                                                                               text: "…", attachments: [], date: reportDay)
        try await s.spool.prepare()
        try await s.spool.add(name: mail.name, data: mail.data)

        let summary = try await s.cycle.run(project: s.project, at: reportDay, deliver: false)
        #expect(summary.recovered >= 1)
        let rows = try await reportRows(s.store)
        #expect(rows.count == 2)
        #expect(rows.first { $0.key.recipient == "p-anna" }?.file == mail.name)
        // Anna's one mail is the spooled one.
        let annas = await s.spool.names(in: .waiting).filter { $0 == mail.name }
        #expect(annas.count == 1)
    }
}
