public import PlanwatchCore
import GRDB

/// planwatch's state in SQLite (WAL, versioned migrations): the notification ledger, threshold
/// alert states, silences and a log of runs. One store per database file; safe to share between tasks.
public final class StateStore: Sendable {
    let pool: DatabasePool

    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    /// - Throws: ``StateError`` when the file cannot be opened or migrated.
    public init(path: String) throws(StateError) {
        do {
            var configuration = GRDB.Configuration()
            configuration.busyMode = .timeout(10)
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw StateError("cannot open the state database \(path): \(error)")
        }
    }

    /// The schema, one migration per version; never edit a released migration, add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE notification (
                    key TEXT PRIMARY KEY NOT NULL,        -- rule/subject/occurrence/stage/recipient
                    rule TEXT NOT NULL, subject TEXT NOT NULL, occurrence TEXT NOT NULL,
                    stage TEXT NOT NULL, recipient TEXT NOT NULL,
                    status TEXT NOT NULL,                 -- spooled | muted
                    file TEXT,                            -- the spool file (NULL when muted)
                    message_id TEXT,
                    severity TEXT NOT NULL,
                    slot INTEGER NOT NULL,                -- µs since the epoch
                    recorded_at INTEGER NOT NULL,
                    silence INTEGER
                );
                CREATE INDEX notification_occurrence ON notification(rule, subject, occurrence);
                CREATE INDEX notification_file ON notification(file);
                CREATE TABLE alert_state (
                    rule TEXT NOT NULL, unit TEXT NOT NULL,
                    state TEXT NOT NULL,                  -- ok | pending | warning | critical
                    since TEXT, last_period TEXT, last_value REAL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (rule, unit)
                );
                CREATE TABLE silence (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    rule TEXT, subject TEXT, stage TEXT, recipient TEXT,
                    author TEXT NOT NULL, comment TEXT NOT NULL,
                    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, expired_at INTEGER
                );
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at INTEGER NOT NULL, finished_at INTEGER,
                    evaluated_at INTEGER NOT NULL,
                    findings INTEGER NOT NULL DEFAULT 0, mails INTEGER NOT NULL DEFAULT 0,
                    notifications INTEGER NOT NULL DEFAULT 0, muted INTEGER NOT NULL DEFAULT 0,
                    recovered INTEGER NOT NULL DEFAULT 0,
                    outcome TEXT NOT NULL DEFAULT 'running', message TEXT
                );
                """)
        }
        return migrator
    }

    /// SQLite's journal mode (`wal`).
    public func journalMode() throws(StateError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StateError) -> T {
        do { return try pool.read(body) } catch { throw StateError("state database: \(error)") }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StateError) -> T {
        do { return try pool.write(body) } catch { throw StateError("state database: \(error)") }
    }
}

/// A failure of the state database.
public struct StateError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
