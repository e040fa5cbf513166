import Foundation
import PlanwatchCore
import PlanwatchState
import Testing

/// The backends the contract tests run against: the same behaviours from each.
enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, memory, postgresql

    var testDescription: String { rawValue }

    func make() async throws -> any StateStore {
        switch self {
        case .postgresql:
            try await TestPostgreSQL.leadingStore()
        case .sqlite:
            try SQLiteStateStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-\(UUID().uuidString).sqlite").path)
        case .memory:
            MemoryStateStore()
        }
    }
}

/// What every state backend does, run against SQLite, the in-memory store and a real PostgreSQL alike.
@Suite struct StateStoreContractTests {
    let occurrence = OccurrenceKey(rule: "r", subject: "s", occurrence: .date(LocalDate(iso: "2027-02-01")!))
    var key: NotificationKey { NotificationKey(occurrence, stage: .due, recipient: "p") }

    @Test(arguments: Backend.allCases)
    func aKeyIsRecordedOnceEver(backend: Backend) async throws {
        let store = try await backend.make()
        let row = LedgerRow(key: key, status: .spooled, file: "f1", messageID: "<f1@x>", severity: .warning,
                            slot: Instant(seconds: 1), recordedAt: Instant(seconds: 2))
        #expect(try await store.record([row]) == 1)
        var again = row
        again.file = "f2"
        #expect(try await store.record([again]) == 0)
        #expect(try await store.allRows().map(\.file) == ["f1"])
        let other = NotificationKey(OccurrenceKey(rule: "x", subject: "y", occurrence: .period(Period("2026-11")!)), stage: .due, recipient: "p")
        #expect(try await store.recordedKeys(among: [key, other]) == [key])
        #expect(try await store.recordedFiles() == ["f1"])
        #expect(try await store.recordedStages(of: [occurrence]) == [occurrence: [.due]])
        #expect(try await store.rows(file: "f1").map(\.key) == [key])
        #expect(try await store.ledgerCounts() == [.spooled: 1])
    }

    @Test(arguments: Backend.allCases)
    func theNewestRowsComeFirst(backend: Backend) async throws {
        let store = try await backend.make()
        let stages: [Stage] = [.reminder(RuleDuration(28, .days)), .reminder(RuleDuration(10, .workdays)), .due, .overdue(2)]
        try await store.record(stages.enumerated().map { index, stage in
            LedgerRow(key: NotificationKey(occurrence, stage: stage, recipient: "p"), status: .spooled, file: "f\(index)", messageID: nil,
                      severity: .info, slot: Instant(seconds: 1), recordedAt: Instant(seconds: Int64(index)))
        })
        #expect(try await store.recentRows(limit: 2).map(\.key.stage) == [.overdue(2), .due])
        #expect(try await store.recordedStages(of: [occurrence])[occurrence] == Set(stages))
    }

    @Test(arguments: Backend.allCases)
    func silencesCanBeAddedListedAndExpired(backend: Backend) async throws {
        let store = try await backend.make()
        let id = try await store.add(Silence(rule: "r", stage: .overdue(1), author: "ops", comment: "planned",
                                             createdAt: Instant(seconds: 100), expiresAt: Instant(seconds: 1000)))
        #expect(try await store.silences().first?.isActive(at: Instant(seconds: 500)) == true)
        #expect(try await store.silences().first?.stage == .overdue(1))
        #expect(try await store.expireSilence(id: id, at: Instant(seconds: 600)))
        #expect(try await !store.expireSilence(id: id, at: Instant(seconds: 700)))
        #expect(try await store.silences().first?.isActive(at: Instant(seconds: 650)) == false)
    }

    @Test(arguments: Backend.allCases)
    func runsAndAlertStatesAreKept(backend: Backend) async throws {
        let store = try await backend.make()
        let id = try await store.startRun(startedAt: Instant(seconds: 5), evaluatedAt: Instant(seconds: 5))
        try await store.finishRun(RunRecord(id: id, startedAt: Instant(seconds: 5), finishedAt: Instant(seconds: 6), evaluatedAt: Instant(seconds: 5),
                                            findings: 3, mails: 2, notifications: 2, muted: 1, recovered: 0, outcome: .ok, message: nil))
        #expect(try await store.recentRuns(limit: 1).first?.mails == 2)
        let series = SeriesKey(rule: "r", unit: "u")
        try await store.save([StoredAlertState(series: series, state: .critical, since: "2026-11", lastPeriod: "2026-11", lastValue: 22)],
                             at: Instant(seconds: 7))
        #expect(try await store.alertStates()[series]?.state == .critical)
    }

    @Test(arguments: Backend.allCases)
    func aRunLeftRunningByADeadProcessBecomesInterrupted(backend: Backend) async throws {
        let store = try await backend.make()
        let killed = try await store.startRun(startedAt: Instant(seconds: 5), evaluatedAt: Instant(seconds: 5))
        _ = try await store.startRun(startedAt: Instant(seconds: 9), evaluatedAt: Instant(seconds: 9))
        let runs = try await store.recentRuns(limit: 2)
        #expect(runs.map(\.outcome) == [.running, .interrupted])
        #expect(runs.last?.id == killed)
    }
}

/// The SQLite backend on its own: files, reopening, damage, what an older planwatch wrote.
@Suite struct SQLiteStateStoreTests {
    func path() -> String { FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-\(UUID().uuidString).sqlite").path }

    @Test func theDatabaseIsInWALModeAndReopens() async throws {
        let path = path()
        let key = NotificationKey(OccurrenceKey(rule: "r", subject: "s", occurrence: .date(LocalDate(iso: "2027-02-01")!)), stage: .due, recipient: "p")
        do {
            let store = try SQLiteStateStore(path: path)
            try await store.record([LedgerRow(key: key, status: .muted, file: nil, messageID: nil, severity: .info, slot: Instant(seconds: 1),
                                              recordedAt: Instant(seconds: 1), silence: 3)])
        }
        let reopened = try SQLiteStateStore(path: path)
        #expect(try await reopened.journalMode() == "wal")
        #expect(try await reopened.allRows().first?.silence == 3)
        #expect(try await reopened.ledgerCounts() == [.muted: 1])
    }

    /// Two `run --once` started together on a fresh installation both found the schema missing, and
    /// the second failed with "table completion already exists" (found by the concurrent delivery test).
    /// Later one in some dozens of runs failed with "database is locked" (the switch to WAL does not
    /// wait the busy timeout): ten rounds, each on a new database.
    @Test(arguments: 0..<10) func storesOpenedTogetherOnANewDatabaseAllMigrateIt(round: Int) throws {
        let path = path()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let errors = OpenErrors()
        let gate = DispatchGroup()
        gate.enter()
        let threads = (0..<8).map { _ in
            Thread {
                gate.wait()
                do { _ = try SQLiteStateStore(path: path) } catch { errors.add("\(error)") }
            }
        }
        for thread in threads { thread.stackSize = 1 << 20; thread.start() }
        usleep(100_000)
        gate.leave()
        let deadline = Date().addingTimeInterval(60)
        while !threads.allSatisfy(\.isFinished), Date() < deadline { usleep(10_000) }
        let finished = threads.allSatisfy { $0.isFinished }
        #expect(finished)
        let failures = errors.all
        #expect(failures.isEmpty, "\(failures)")
        _ = try SQLiteStateStore(path: path, mode: .existing)
    }

    final class OpenErrors: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [String] = []
        func add(_ error: String) { lock.withLock { errors.append(error) } }
        var all: [String] { lock.withLock { errors } }
    }

    @Test func aCommandThatOnlyReadsNeverCreatesADatabase() throws {
        let path = path()
        #expect(throws: StateError.self) { try SQLiteStateStore(path: path, mode: .existing) }
        #expect(!FileManager.default.fileExists(atPath: path))
        do {
            _ = try SQLiteStateStore(path: path, mode: .existing)
        } catch {
            #expect(error.isMissing && error.description.contains(path))
        }
    }

    @Test func aDamagedDatabaseIsRefusedWithAClearMessage() throws {
        let path = path()
        _ = try SQLiteStateStore(path: path)
        // Overwrite the middle of the file: the header stays, the pages do not.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xAB, count: 8192))
        try handle.close()
        do {
            _ = try SQLiteStateStore(path: path)
            Issue.record("a damaged database was opened")
        } catch {
            #expect(error.isCorrupt, "\(error)")
            #expect(error.description.contains("damaged") && error.description.contains("backup"))
        }
    }

    /// A ledger written by the planwatch before identities were types reads back identically: the
    /// textual forms of keys, stages, occurrences and states are unchanged, so no migration is needed.
    @Test func aDatabaseWrittenBeforeTheTypedIdentitiesReadsBackIdentically() async throws {
        let path = path()
        let rows: [(String, String, String, String, String, String)] = [
            ("indikatorer-arlig-uppfoljning/ind-ledarskap/2027-02-01/remind-28d/p-lena", "indikatorer-arlig-uppfoljning", "ind-ledarskap",
             "2027-02-01", "remind-28d", "p-lena"),
            ("aktiviteter-lokala/akt-1/2027-03-01/remind-10-workdays/p-omar", "aktiviteter-lokala", "akt-1", "2027-03-01",
             "remind-10-workdays", "p-omar"),
            ("aktiviteter-lokala/akt-1/2027-03-01/overdue-3/p-omar", "aktiviteter-lokala", "akt-1", "2027-03-01", "overdue-3", "p-omar"),
            ("aktiviteter-lokala/akt-1/2027-03-01/escalated/p-anna", "aktiviteter-lokala", "akt-1", "2027-03-01", "escalated", "p-anna"),
            ("arenden-per-handlaggare/farsta/2026-11/critical/p-omar", "arenden-per-handlaggare", "farsta", "2026-11", "critical", "p-omar"),
            ("rapport/socialforvaltningen/2026-T2/missing/p-anna", "rapport", "socialforvaltningen", "2026-T2", "missing", "p-anna"),
            ("arenden-per-handlaggare/farsta/2026-Q3/resolved/p-omar", "arenden-per-handlaggare", "farsta", "2026-Q3", "resolved", "p-omar"),
        ]
        let sql = """
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('v1');
            CREATE TABLE notification (key TEXT PRIMARY KEY NOT NULL, rule TEXT NOT NULL, subject TEXT NOT NULL, occurrence TEXT NOT NULL,
                stage TEXT NOT NULL, recipient TEXT NOT NULL, status TEXT NOT NULL, file TEXT, message_id TEXT, severity TEXT NOT NULL,
                slot INTEGER NOT NULL, recorded_at INTEGER NOT NULL, silence INTEGER);
            CREATE INDEX notification_occurrence ON notification(rule, subject, occurrence);
            CREATE INDEX notification_file ON notification(file);
            CREATE TABLE alert_state (rule TEXT NOT NULL, unit TEXT NOT NULL, state TEXT NOT NULL, since TEXT, last_period TEXT,
                last_value REAL, updated_at INTEGER NOT NULL, PRIMARY KEY (rule, unit));
            CREATE TABLE silence (id INTEGER PRIMARY KEY AUTOINCREMENT, rule TEXT, subject TEXT, stage TEXT, recipient TEXT,
                author TEXT NOT NULL, comment TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, expired_at INTEGER);
            CREATE TABLE run (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at INTEGER NOT NULL, finished_at INTEGER,
                evaluated_at INTEGER NOT NULL, findings INTEGER NOT NULL DEFAULT 0, mails INTEGER NOT NULL DEFAULT 0,
                notifications INTEGER NOT NULL DEFAULT 0, muted INTEGER NOT NULL DEFAULT 0, recovered INTEGER NOT NULL DEFAULT 0,
                outcome TEXT NOT NULL DEFAULT 'running', message TEXT);
            """ + rows.map { row in
                "INSERT INTO notification VALUES ('\(row.0)', '\(row.1)', '\(row.2)', '\(row.3)', '\(row.4)', '\(row.5)', 'spooled', "
                    + "'file-\(row.4)', '<m@x>', 'warning', 1, 2, NULL);"
            }.joined(separator: "\n") + """
            INSERT INTO alert_state VALUES ('arenden-per-handlaggare', 'farsta', 'critical', '2026-10', '2026-11', 22.5, 3);
            INSERT INTO silence (rule, subject, stage, recipient, author, comment, created_at, expires_at)
                VALUES ('aktiviteter-lokala', NULL, 'overdue-3', NULL, 'ops', 'known', 10, 20);
            INSERT INTO run (started_at, finished_at, evaluated_at, findings, mails, notifications, muted, recovered, outcome, message)
                VALUES (5, 6, 5, 3, 2, 2, 0, 0, 'ok', NULL);
            """
        let made = try runProgram("/usr/bin/env", ["python3", "-c", "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
            + "db.executescript(sys.argv[2]); db.execute('PRAGMA journal_mode=WAL'); db.commit()", path, sql])
        #expect(made.status == 0, "\(made.stderr)")
        let store = try SQLiteStateStore(path: path, mode: .existing)
        let read = try await store.allRows()
        #expect(read.map(\.key.description).sorted() == rows.map(\.0).sorted())
        for row in read { #expect(row.key.stage.description == row.file?.dropFirst("file-".count).description) }
        #expect(Set(read.map(\.key.stage)) == [.reminder(RuleDuration(28, .days)), .reminder(RuleDuration(10, .workdays)), .overdue(3),
                                               .escalated, .critical, .missing, .resolved])
        let series = SeriesKey(rule: "arenden-per-handlaggare", unit: "farsta")
        #expect(try await store.alertStates()[series] == StoredAlertState(series: series, state: .critical, since: "2026-10",
                                                                           lastPeriod: "2026-11", lastValue: 22.5))
        #expect(try await store.silences().first?.stage == .overdue(3))
        #expect(try await store.recentRuns(limit: 1).first?.outcome == .ok)
        // Written back in the same textual forms.
        let key = try #require(NotificationKey("aktiviteter-lokala/akt-1/2027-03-01/overdue-4/p-omar"))
        try await store.record([LedgerRow(key: key, status: .spooled, file: "f", messageID: nil, severity: .warning,
                                          slot: Instant(seconds: 1), recordedAt: Instant(seconds: 1))])
        let stored = try runProgram("/usr/bin/env", ["python3", "-c", "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
            + "print(db.execute(\"SELECT key, stage, occurrence FROM notification WHERE file = 'f'\").fetchone())", path])
        #expect(stored.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            == "('aktiviteter-lokala/akt-1/2027-03-01/overdue-4/p-omar', 'overdue-4', '2027-03-01')")
    }
}

/// Runs a program and returns its status and output.
func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
