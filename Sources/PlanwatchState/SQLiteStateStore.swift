public import PlanwatchCore
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// planwatch's state in SQLite (WAL, versioned migrations), the default backend. One store per
/// database file; safe to share between tasks. Queries run on GRDB's own threads, never blocking the
/// cooperative thread pool.
public final class SQLiteStateStore: Sendable {
    /// How to open a database.
    public enum OpenMode: Sendable {
        /// Create the file (and bring its schema up to date) when it is not there.
        case create
        /// Open only a database that exists: a command that only reads must not create one.
        case existing
    }

    let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens the database at `path`, checks its integrity and brings its schema up to date.
    ///
    /// Run as root in a folder owned by another user (the daemon's `StateDirectory=`), every file
    /// the store creates there (the database, `-wal`, `-shm`) is handed to the folder's owner, so the
    /// daemon can still open it.
    /// - Throws: ``StateError`` — missing (with `.existing`), corrupt, or it cannot be opened or migrated.
    public init(path: String, mode: OpenMode = .create) throws(StateError) {
        self.path = path
        if mode == .existing, !FileManager.default.fileExists(atPath: path) {
            throw .missing("there is no state database at \(path)")
        }
        do {
            var configuration = GRDB.Configuration()
            configuration.busyMode = .timeout(10)
            pool = try Self.retryingWhileLocked { try DatabasePool(path: path, configuration: configuration) }
        } catch {
            throw .failed("cannot open the state database \(path): \(Self.explain(error))")
        }
        do {
            let problems = try Self.retryingWhileLocked { [pool] in try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") } }
            guard problems == ["ok"] else {
                throw StateError.corrupt("the state database \(path) is damaged (\(problems.prefix(3).joined(separator: "; "))); "
                    + "restore it from a backup, or move it away to start with an empty ledger")
            }
            try Self.retryingWhileLocked { [pool] in try Self.migrate(pool) }
        } catch let error as StateError {
            throw error
        } catch {
            let text = Self.explain(error)
            if text.contains("malformed") || text.contains("not a database") {
                throw .corrupt("the state database \(path) is damaged (\(text)); restore it from a backup, "
                    + "or move it away to start with an empty ledger")
            }
            throw .failed("cannot open the state database \(path): \(text)")
        }
        Self.handOverToFolderOwner(path)
    }

    /// Brings the schema up to date. Two processes opening a new database at once (two `run --once`,
    /// the daemon and a CLI) can both find a migration missing; the second one's transaction then
    /// fails on what the first created. Each migration runs in a transaction, so nothing is half
    /// done: when another process applied migrations meanwhile, this one starts again from what
    /// is there now.
    static func migrate(_ pool: DatabasePool) throws {
        let migrator = Self.migrator
        var attempts = 0
        while true {
            let before = try pool.read { db in try migrator.appliedIdentifiers(db) }
            do {
                try migrator.migrate(pool)
                return
            } catch {
                attempts += 1
                let after = try pool.read { db in try migrator.appliedIdentifiers(db) }
                guard after != before, attempts < 10 else { throw error }
            }
        }
    }

    /// `body`, again while it finds the database locked, for up to about ten seconds. Processes that
    /// open a new database at once contend for it while it is set up (the switch to WAL needs it
    /// alone, and SQLite reports that as locked at once, without waiting the busy timeout); a few
    /// milliseconds later it is free.
    static func retryingWhileLocked<T>(_ body: () throws -> T) throws -> T {
        var pause: useconds_t = 5_000
        var waited: useconds_t = 0
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && waited < 10_000_000 {
                usleep(pause)
                waited += pause
                pause = min(pause * 2, 200_000)
            }
        }
    }

    /// Gives the database and its `-wal`/`-shm` files to the owner of their folder, when run as root.
    static func handOverToFolderOwner(_ path: String) {
        guard geteuid() == 0 else { return }
        let folder = (path as NSString).deletingLastPathComponent
        var folderStat = stat()
        guard stat(folder.isEmpty ? "." : folder, &folderStat) == 0, folderStat.st_uid != 0 else { return }
        for file in [path, path + "-wal", path + "-shm"] {
            let descriptor = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { continue }
            _ = fchown(descriptor, folderStat.st_uid, folderStat.st_gid)
            close(descriptor)
        }
    }

    /// A GRDB error as a sentence (its SQLite message), not a Foundation domain code.
    static func explain(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return "\(error)"
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
        migrator.registerMigration("v2") { db in
            // The rule and plan files the last cycle read.
            try db.execute(sql: "CREATE TABLE input_file (path TEXT PRIMARY KEY NOT NULL)")
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                CREATE TABLE completion (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item TEXT NOT NULL, rule TEXT, occurrence TEXT,   -- occurrence: YYYY-MM-DD, NULL for an item's own deadline
                    done_on TEXT NOT NULL,                             -- YYYY-MM-DD
                    recorded_at INTEGER NOT NULL,                      -- µs since the epoch
                    recorded_by TEXT NOT NULL,                         -- a person id, or operator:USER
                    how TEXT NOT NULL,                                 -- reply | command | plan
                    note TEXT, message_id TEXT UNIQUE,
                    revoked_at INTEGER, revoked_by TEXT
                );
                CREATE TABLE reply_token (
                    token TEXT PRIMARY KEY NOT NULL,
                    rule TEXT NOT NULL, subject TEXT NOT NULL, occurrence TEXT NOT NULL, recipient TEXT NOT NULL,
                    issued_at INTEGER NOT NULL, revoked_at INTEGER,
                    UNIQUE (rule, subject, occurrence, recipient)
                );
                CREATE TABLE inbox (
                    file TEXT PRIMARY KEY NOT NULL,
                    message_id TEXT, sender TEXT, received_at INTEGER NOT NULL,
                    outcome TEXT NOT NULL,                             -- completed | refused | automatic | bounce
                    reason TEXT NOT NULL, occurrence TEXT, completion INTEGER, answered INTEGER NOT NULL DEFAULT 0,
                    keys TEXT NOT NULL DEFAULT '', failed_recipients TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX inbox_sender ON inbox(sender, outcome);
                CREATE INDEX notification_recipient ON notification(rule, subject, occurrence, recipient);
                """)
        }
        return migrator
    }

    /// SQLite's journal mode (`wal`).
    public func journalMode() async throws(StateError) -> String {
        try await read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StateError) -> T {
        do { return try await pool.read(body) } catch { throw .failed("state database \(path): \(Self.explain(error))") }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StateError) -> T {
        do { return try await pool.write(body) } catch { throw .failed("state database \(path): \(Self.explain(error))") }
    }
}
