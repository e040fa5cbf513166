public import PlanwatchCore
import PostgresNIO

extension PostgresStateStore: AlertStateStore {
    public func alertStates() async throws(StateError) -> [SeriesKey: StoredAlertState] {
        try await session.run("reading alert states") { [logger] connection in
            var result: [SeriesKey: StoredAlertState] = [:]
            let rows = try await connection.query("SELECT rule, unit, state, since, last_period, last_value FROM alert_state", logger: logger)
            for try await (rule, unit, state, since, period, value) in rows.decode((String, String, String, String?, String?, Double?).self) {
                guard let state = AlertState(rawValue: state) else { continue }
                let series = SeriesKey(rule: rule, unit: unit)
                result[series] = StoredAlertState(series: series, state: state, since: since, lastPeriod: period, lastValue: value)
            }
            return result
        }
    }

    public func save(_ states: [StoredAlertState], at instant: Instant) async throws(StateError) {
        guard !states.isEmpty else { return }
        let rules = states.map(\.series.rule), units = states.map(\.series.unit), names = states.map(\.state.rawValue)
        let since = states.map { $0.since ?? "" }, periods = states.map { $0.lastPeriod ?? "" }
        let hasValue = states.map { $0.lastValue != nil }, values = states.map { $0.lastValue ?? 0 }
        let at = instant.microseconds
        try await fencedTransaction("saving \(states.count) alert states") { connection, logger, epoch in
            try await connection.query("""
                INSERT INTO alert_state (rule, unit, state, since, last_period, last_value, updated_at, epoch)
                SELECT r, u, s, NULLIF(si, ''), NULLIF(p, ''), CASE WHEN h THEN v END, \(at), \(epoch)
                FROM unnest(\(rules)::text[], \(units)::text[], \(names)::text[], \(since)::text[], \(periods)::text[],
                            \(hasValue)::boolean[], \(values)::float8[]) AS x(r, u, s, si, p, h, v)
                ON CONFLICT (rule, unit) DO UPDATE SET state = EXCLUDED.state, since = EXCLUDED.since, last_period = EXCLUDED.last_period,
                    last_value = EXCLUDED.last_value, updated_at = EXCLUDED.updated_at, epoch = EXCLUDED.epoch
                """, logger: logger)
        }
    }
}

extension PostgresStateStore: RunLog {
    static let runColumns = "id, started_at, finished_at, evaluated_at, findings, mails, notifications, muted, recovered, outcome, message, node"
    typealias RunTuple = (Int64, Int64, Int64?, Int64, Int32, Int32, Int32, Int32, Int32, String, String?, String)

    static func runRecord(_ tuple: RunTuple) -> RunRecord {
        RunRecord(id: tuple.0, startedAt: Instant(microseconds: tuple.1), finishedAt: tuple.2.map { Instant(microseconds: $0) },
                  evaluatedAt: Instant(microseconds: tuple.3), findings: Int(tuple.4), mails: Int(tuple.5), notifications: Int(tuple.6),
                  muted: Int(tuple.7), recovered: Int(tuple.8), outcome: RunOutcome(rawValue: tuple.9) ?? .failed, message: tuple.10,
                  node: tuple.11)
    }

    /// A run starts only on the leader, so every other run still marked running has ended without
    /// saying so: this node's were its own earlier process's (one cycle runs at a time on a node),
    /// another node's were a former leader's, which can write nothing more (the epoch fences it).
    /// They become interrupted, so that `status` does not show a dead node's cycle as running.
    public func startRun(startedAt: Instant, evaluatedAt: Instant) async throws(StateError) -> Int64 {
        let node = self.node
        return try await transaction("starting a run") { connection, logger in
            try await connection.query("""
                UPDATE run SET outcome = 'interrupted', message = 'the process ended before the run did'
                WHERE outcome = 'running' AND node = \(node)
                """, logger: logger)
            try await connection.query("""
                UPDATE run SET outcome = 'interrupted', message = 'its node lost the leader lease before the run ended; ' || \(node) || ' leads now'
                WHERE outcome = 'running' AND node <> \(node)
                """, logger: logger)
            var id: Int64 = 0
            for try await value in try await connection.query("""
                INSERT INTO run (node, started_at, evaluated_at) VALUES (\(node), \(startedAt.microseconds), \(evaluatedAt.microseconds)) RETURNING id
                """, logger: logger).decode(Int64.self) {
                id = value
            }
            return id
        }
    }

    public func finishRun(_ record: RunRecord) async throws(StateError) {
        try await session.run("finishing a run") { [logger] connection in
            try await connection.query("""
                UPDATE run SET finished_at = \(record.finishedAt?.microseconds), findings = \(record.findings), mails = \(record.mails),
                    notifications = \(record.notifications), muted = \(record.muted), recovered = \(record.recovered),
                    outcome = \(record.outcome.rawValue), message = \(record.message)
                WHERE id = \(record.id)
                """, logger: logger)
        }
    }

    public func recentRuns(limit: Int) async throws(StateError) -> [RunRecord] {
        try await session.run("reading runs") { [logger] connection in
            var runs: [RunRecord] = []
            for try await tuple in try await connection.query("SELECT \(unescaped: Self.runColumns) FROM run ORDER BY id DESC LIMIT \(limit)",
                                                                logger: logger).decode(RunTuple.self) {
                runs.append(Self.runRecord(tuple))
            }
            return runs
        }
    }

    /// The files are this node's (each node reads its own copy of the rules and plan).
    public func replaceInputs(_ files: [String]) async throws(StateError) -> [String] {
        let node = self.node
        let unique = Array(Set(files)).sorted()
        return try await transaction("recording the input files") { connection, logger in
            var previous: [String] = []
            for try await path in try await connection.query("SELECT path FROM input_file WHERE node = \(node) ORDER BY path",
                                                               logger: logger).decode(String.self) {
                previous.append(path)
            }
            try await connection.query("DELETE FROM input_file WHERE node = \(node)", logger: logger)
            try await connection.query("INSERT INTO input_file (node, path) SELECT \(node), p FROM unnest(\(unique)::text[]) AS u(p)",
                                       logger: logger)
            return previous
        }
    }
}
