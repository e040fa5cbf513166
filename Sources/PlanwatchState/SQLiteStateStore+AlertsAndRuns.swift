public import PlanwatchCore
import GRDB

extension SQLiteStateStore: AlertStateStore {
    public func alertStates() async throws(StateError) -> [SeriesKey: StoredAlertState] {
        try await read { db in
            var result: [SeriesKey: StoredAlertState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM alert_state") {
                guard let state = AlertState(rawValue: row["state"]) else { continue }
                let series = SeriesKey(rule: row["rule"], unit: row["unit"])
                result[series] = StoredAlertState(series: series, state: state, since: row["since"], lastPeriod: row["last_period"],
                                                  lastValue: row["last_value"])
            }
            return result
        }
    }

    public func save(_ states: [StoredAlertState], at instant: Instant) async throws(StateError) {
        guard !states.isEmpty else { return }
        try await write { db in
            for state in states {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO alert_state (rule, unit, state, since, last_period, last_value, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [state.series.rule, state.series.unit, state.state.rawValue, state.since, state.lastPeriod,
                                     state.lastValue, instant.microseconds])
            }
        }
    }
}

extension SQLiteStateStore: RunLog {
    public func startRun(startedAt: Instant, evaluatedAt: Instant) async throws(StateError) -> Int64 {
        try await write { db in
            try db.execute(sql: "UPDATE run SET outcome = 'interrupted', message = 'the process ended before the run did' WHERE outcome = 'running'")
            try db.execute(sql: "INSERT INTO run (started_at, evaluated_at) VALUES (?, ?)",
                           arguments: [startedAt.microseconds, evaluatedAt.microseconds])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ record: RunRecord) async throws(StateError) {
        try await write { db in
            try db.execute(sql: """
                UPDATE run SET finished_at = ?, findings = ?, mails = ?, notifications = ?, muted = ?, recovered = ?, outcome = ?, message = ?
                WHERE id = ?
                """, arguments: [record.finishedAt?.microseconds, record.findings, record.mails, record.notifications, record.muted,
                                 record.recovered, record.outcome.rawValue, record.message, record.id])
        }
    }

    public func recentRuns(limit: Int) async throws(StateError) -> [RunRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                RunRecord(id: row["id"], startedAt: Instant(microseconds: row["started_at"]),
                          finishedAt: (row["finished_at"] as Int64?).map { Instant(microseconds: $0) },
                          evaluatedAt: Instant(microseconds: row["evaluated_at"]), findings: row["findings"], mails: row["mails"],
                          notifications: row["notifications"], muted: row["muted"], recovered: row["recovered"],
                          outcome: RunOutcome(rawValue: row["outcome"]) ?? .failed, message: row["message"])
            }
        }
    }

    public func replaceInputs(_ files: [String]) async throws(StateError) -> [String] {
        try await write { db in
            let previous = try String.fetchAll(db, sql: "SELECT path FROM input_file ORDER BY path")
            try db.execute(sql: "DELETE FROM input_file")
            let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO input_file (path) VALUES (?)")
            for file in files { try statement.execute(arguments: [file]) }
            return previous
        }
    }
}
