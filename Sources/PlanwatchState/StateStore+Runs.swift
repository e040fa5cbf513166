public import PlanwatchCore
import GRDB

/// The stored state of one threshold series.
public struct StoredAlertState: Hashable, Sendable {
    public var rule: String
    public var unit: String
    /// `ok`, `pending`, `warning` or `critical`.
    public var state: String
    public var since: String?
    public var lastPeriod: String?
    public var lastValue: Double?

    public init(rule: String, unit: String, state: String, since: String?, lastPeriod: String?, lastValue: Double?) {
        self.rule = rule
        self.unit = unit
        self.state = state
        self.since = since
        self.lastPeriod = lastPeriod
        self.lastValue = lastValue
    }
}

/// One cycle, as the run log keeps it.
public struct RunRecord: Hashable, Sendable {
    public var id: Int64
    public var startedAt: Instant
    public var finishedAt: Instant?
    public var evaluatedAt: Instant
    public var findings: Int
    public var mails: Int
    public var notifications: Int
    public var muted: Int
    public var recovered: Int
    /// `running`, `ok` or `failed`.
    public var outcome: String
    public var message: String?

    public init(id: Int64, startedAt: Instant, finishedAt: Instant?, evaluatedAt: Instant, findings: Int, mails: Int,
                notifications: Int, muted: Int, recovered: Int, outcome: String, message: String?) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.evaluatedAt = evaluatedAt
        self.findings = findings
        self.mails = mails
        self.notifications = notifications
        self.muted = muted
        self.recovered = recovered
        self.outcome = outcome
        self.message = message
    }
}

extension StateStore {
    /// The alert states by `rule/unit`.
    public func alertStates() throws(StateError) -> [String: StoredAlertState] {
        try read { db in
            var result: [String: StoredAlertState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM alert_state") {
                let state = StoredAlertState(rule: row["rule"], unit: row["unit"], state: row["state"], since: row["since"],
                                             lastPeriod: row["last_period"], lastValue: row["last_value"])
                result["\(state.rule)/\(state.unit)"] = state
            }
            return result
        }
    }

    /// Replaces the stored states of the given series.
    public func save(_ states: [StoredAlertState], at instant: Instant) throws(StateError) {
        try write { db in
            for state in states {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO alert_state (rule, unit, state, since, last_period, last_value, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [state.rule, state.unit, state.state, state.since, state.lastPeriod, state.lastValue, instant.microseconds])
            }
        }
    }

    /// Starts a run in the log and returns its id.
    public func startRun(startedAt: Instant, evaluatedAt: Instant) throws(StateError) -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO run (started_at, evaluated_at) VALUES (?, ?)",
                           arguments: [startedAt.microseconds, evaluatedAt.microseconds])
            return db.lastInsertedRowID
        }
    }

    /// Completes a run's log entry.
    public func finishRun(_ record: RunRecord) throws(StateError) {
        try write { db in
            try db.execute(sql: """
                UPDATE run SET finished_at = ?, findings = ?, mails = ?, notifications = ?, muted = ?, recovered = ?, outcome = ?, message = ?
                WHERE id = ?
                """, arguments: [record.finishedAt?.microseconds, record.findings, record.mails, record.notifications, record.muted,
                                 record.recovered, record.outcome, record.message, record.id])
        }
    }

    /// The latest runs, newest first.
    public func recentRuns(limit: Int) throws(StateError) -> [RunRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                RunRecord(id: row["id"], startedAt: Instant(microseconds: row["started_at"]),
                          finishedAt: (row["finished_at"] as Int64?).map { Instant(microseconds: $0) },
                          evaluatedAt: Instant(microseconds: row["evaluated_at"]), findings: row["findings"], mails: row["mails"],
                          notifications: row["notifications"], muted: row["muted"], recovered: row["recovered"],
                          outcome: row["outcome"], message: row["message"])
            }
        }
    }
}
