import Foundation
import Logging
import PlanwatchCore
import PostgresNIO

/// The PostgreSQL schema, one migration per version, applied in order under an advisory lock (two
/// nodes starting at once migrate once). Never edit a released migration; add a new one. A database
/// migrated by a newer planwatch is refused, not written.
enum PostgresMigrations {
    /// The advisory lock key of migrations ("planwatch" in ASCII, as a number).
    static let lockKey: Int64 = 0x706c_616e_7761_7463

    static let all: [String] = [
        // v1: the ledger, alert states, silences, runs and inputs per node, completions, reply tokens,
        // the inbox log per node, the leader lease, the nodes, and the outbox.
        """
        CREATE TABLE notification (
            key TEXT PRIMARY KEY,                 -- rule/subject/occurrence/stage/recipient: the last line against duplicates
            rule TEXT NOT NULL, subject TEXT NOT NULL, occurrence TEXT NOT NULL,
            stage TEXT NOT NULL, recipient TEXT NOT NULL,
            status TEXT NOT NULL,                 -- spooled | muted
            file TEXT, message_id TEXT,
            severity TEXT NOT NULL,
            slot BIGINT NOT NULL,                 -- µs since the epoch
            recorded_at BIGINT NOT NULL,
            silence BIGINT,
            epoch BIGINT NOT NULL,                -- the lease epoch it was written under
            node TEXT NOT NULL
        );
        CREATE INDEX notification_occurrence ON notification (rule, subject, occurrence);
        CREATE INDEX notification_file ON notification (file);
        CREATE INDEX notification_recorded ON notification (recorded_at DESC, key);
        CREATE TABLE alert_state (
            rule TEXT NOT NULL, unit TEXT NOT NULL,
            state TEXT NOT NULL, since TEXT, last_period TEXT, last_value DOUBLE PRECISION,
            updated_at BIGINT NOT NULL, epoch BIGINT NOT NULL,
            PRIMARY KEY (rule, unit)
        );
        CREATE TABLE silence (
            id BIGSERIAL PRIMARY KEY,
            rule TEXT, subject TEXT, stage TEXT, recipient TEXT,
            author TEXT NOT NULL, comment TEXT NOT NULL,
            created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, expired_at BIGINT
        );
        CREATE TABLE run (
            id BIGSERIAL PRIMARY KEY,
            node TEXT NOT NULL,
            started_at BIGINT NOT NULL, finished_at BIGINT, evaluated_at BIGINT NOT NULL,
            findings INTEGER NOT NULL DEFAULT 0, mails INTEGER NOT NULL DEFAULT 0,
            notifications INTEGER NOT NULL DEFAULT 0, muted INTEGER NOT NULL DEFAULT 0,
            recovered INTEGER NOT NULL DEFAULT 0,
            outcome TEXT NOT NULL DEFAULT 'running', message TEXT
        );
        CREATE INDEX run_node ON run (node, id DESC);
        CREATE TABLE input_file (node TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (node, path));
        CREATE TABLE completion (
            id BIGSERIAL PRIMARY KEY,
            item TEXT NOT NULL, rule TEXT, occurrence TEXT, done_on TEXT NOT NULL,
            recorded_at BIGINT NOT NULL, recorded_by TEXT NOT NULL, how TEXT NOT NULL,
            note TEXT, message_id TEXT UNIQUE,
            revoked_at BIGINT, revoked_by TEXT
        );
        CREATE TABLE reply_token (
            token TEXT PRIMARY KEY,
            rule TEXT NOT NULL, subject TEXT NOT NULL, occurrence TEXT NOT NULL, recipient TEXT NOT NULL,
            issued_at BIGINT NOT NULL, revoked_at BIGINT,
            UNIQUE (rule, subject, occurrence, recipient)
        );
        CREATE TABLE inbox (
            node TEXT NOT NULL, file TEXT NOT NULL,
            message_id TEXT, sender TEXT, received_at BIGINT NOT NULL,
            outcome TEXT NOT NULL, reason TEXT NOT NULL, occurrence TEXT, completion BIGINT,
            answered BOOLEAN NOT NULL DEFAULT false, keys TEXT NOT NULL DEFAULT '', failed_recipients TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (node, file)
        );
        CREATE INDEX inbox_sender ON inbox (sender, outcome);
        CREATE TABLE planwatch_lease (
            name TEXT PRIMARY KEY,                -- 'leader'
            holder TEXT NOT NULL,
            instance TEXT NOT NULL,               -- the holding process (a new one waits for the lease like any other node)
            epoch BIGINT NOT NULL,                -- the fencing token: rises with every new leader
            acquired_at TIMESTAMPTZ NOT NULL, renewed_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE planwatch_node (
            name TEXT PRIMARY KEY, seen_at TIMESTAMPTZ NOT NULL, leads BOOLEAN NOT NULL
        );
        CREATE TABLE outbox (
            name TEXT PRIMARY KEY,
            data BYTEA NOT NULL,
            recipients TEXT NOT NULL,             -- one a line
            state TEXT NOT NULL DEFAULT 'new',    -- new | inflight | sent | failed
            epoch BIGINT NOT NULL, recorded_at BIGINT NOT NULL,
            entered_at BIGINT NOT NULL,           -- µs: when it entered its state
            claimed_by TEXT, claimed_at TIMESTAMPTZ,
            attempts INTEGER NOT NULL DEFAULT 0, first_failure BIGINT, next_attempt BIGINT NOT NULL DEFAULT 0,  -- seconds
            last_error TEXT
        );
        CREATE INDEX outbox_waiting ON outbox (next_attempt, name) WHERE state = 'new';
        CREATE INDEX outbox_state ON outbox (state);
        """,
    ]

    /// Brings the schema up to date; with `create: false`, only checks that it is there and not newer.
    static func migrate(_ connection: PostgresConnection, address: PostgresAddress, create: Bool, logger: Logger,
                        timeout: Duration) async throws(StateError) {
        let known = all.count
        let steps = all
        let outcome: Int
        do {
            outcome = try await TimeLimit.run(timeout) {
                try await connection.query("BEGIN", logger: logger)
                try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS planwatch_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """, logger: logger)
                var current = 0
                for try await version in try await connection.query("SELECT COALESCE(MAX(version), 0) FROM planwatch_schema",
                                                                       logger: logger).decode(Int.self) {
                    current = version
                }
                if current > known {
                    throw StateError.newer("the PostgreSQL state \(address) has schema version \(current), written by a newer planwatch; "
                        + "this one knows versions up to \(known) and does not touch it (install the newer planwatch on this node)")
                }
                if current < known, !create {
                    try await connection.query("ROLLBACK", logger: logger)
                    return current
                }
                for version in (current + 1)...max(current + 1, known) where version <= known {
                    // One statement a query (the extended protocol takes one at a time).
                    for statement in steps[version - 1].components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("INSERT INTO planwatch_schema (version) VALUES (\(version))", logger: logger)
                }
                try await connection.query("COMMIT", logger: logger)
                return known
            }
        } catch let error as StateError {
            throw error
        } catch is TimeLimit.Exceeded {
            throw .failed("the PostgreSQL state \(address) did not answer within \(timeout) (bringing the schema up to date)")
        } catch {
            throw .failed("cannot bring the schema of the PostgreSQL state \(address) up to date: \(PostgresSession.explain(error))")
        }
        if outcome == 0 {
            throw .missing("the PostgreSQL database \(address) holds no planwatch state yet")
        }
        if outcome < known {
            throw .failed("the PostgreSQL state \(address) has schema version \(outcome); this planwatch needs \(known) "
                + "(run the daemon or `planwatch run --once` once to bring it up to date)")
        }
    }
}
