public import PlanwatchCore
import PostgresNIO

extension PostgresStateStore: NotificationLedger {
    /// The ledger's columns, in the order ``ledgerRow(_:)`` reads them.
    static let ledgerColumns = "key, status, file, message_id, severity, slot, recorded_at, silence"
    typealias LedgerTuple = (String, String, String?, String?, String, Int64, Int64, Int64?)

    public func recordedKeys(among keys: [NotificationKey]) async throws(StateError) -> Set<NotificationKey> {
        let texts = Array(Set(keys.map(\.description)))
        guard !texts.isEmpty else { return [] }
        return try await session.run("reading the ledger") { [logger] connection in
            var found = Set<NotificationKey>()
            for start in stride(from: 0, to: texts.count, by: 20_000) {
                let part = Array(texts[start..<min(start + 20_000, texts.count)])
                let rows = try await connection.query("SELECT key FROM notification WHERE key = ANY(\(part))", logger: logger)
                for try await key in rows.decode(String.self) {
                    if let parsed = NotificationKey(key) { found.insert(parsed) }
                }
            }
            return found
        }
    }

    public func recordedStages(of occurrences: Set<OccurrenceKey>) async throws(StateError) -> [OccurrenceKey: Set<Stage>] {
        guard !occurrences.isEmpty else { return [:] }
        let list = Array(occurrences)
        let rules = list.map(\.rule), subjects = list.map(\.subject), dates = list.map(\.occurrence.description)
        return try await session.run("reading the ledger") { [logger] connection in
            let rows = try await connection.query("""
                SELECT n.rule, n.subject, n.occurrence, n.stage FROM notification n
                JOIN unnest(\(rules)::text[], \(subjects)::text[], \(dates)::text[]) AS o(rule, subject, occurrence)
                  ON n.rule = o.rule AND n.subject = o.subject AND n.occurrence = o.occurrence
                """, logger: logger)
            var result: [OccurrenceKey: Set<Stage>] = [:]
            for try await (rule, subject, occurrence, stage) in rows.decode((String, String, String, String).self) {
                guard let occurrence = Occurrence(occurrence), let stage = Stage(stage) else { continue }
                result[OccurrenceKey(rule: rule, subject: subject, occurrence: occurrence), default: []].insert(stage)
            }
            return result
        }
    }

    @discardableResult
    public func record(_ rows: [LedgerRow]) async throws(StateError) -> Int {
        guard !rows.isEmpty else { return 0 }
        let node = self.node
        return try await fencedTransaction("recording \(rows.count) ledger rows") { connection, logger, epoch in
            try await Self.insert(rows, epoch: epoch, node: node, on: connection, logger: logger).count
        }
    }

    /// Inserts ledger rows (a key already there is left as it is); the keys that were new.
    static func insert(_ rows: [LedgerRow], epoch: Int64, node: String, on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        let keys = rows.map(\.key.description), rules = rows.map(\.key.rule), subjects = rows.map(\.key.subject)
        let occurrences = rows.map(\.key.occurrence.occurrence.description), stages = rows.map(\.key.stage.description)
        let recipients = rows.map(\.key.recipient), statuses = rows.map(\.status.rawValue)
        let files = rows.map { $0.file ?? "" }, messageIDs = rows.map { $0.messageID ?? "" }, severities = rows.map(\.severity.rawValue)
        let slots = rows.map(\.slot.microseconds), recorded = rows.map(\.recordedAt.microseconds), silences = rows.map { $0.silence ?? -1 }
        let result = try await connection.query("""
            INSERT INTO notification (key, rule, subject, occurrence, stage, recipient, status, file, message_id, severity, slot,
                                      recorded_at, silence, epoch, node)
            SELECT k, r, s, o, st, rc, status, NULLIF(f, ''), NULLIF(m, ''), sev, slot, rec, NULLIF(sil, -1), \(epoch), \(node)
            FROM unnest(\(keys)::text[], \(rules)::text[], \(subjects)::text[], \(occurrences)::text[], \(stages)::text[],
                        \(recipients)::text[], \(statuses)::text[], \(files)::text[], \(messageIDs)::text[], \(severities)::text[],
                        \(slots)::bigint[], \(recorded)::bigint[], \(silences)::bigint[])
                 AS u(k, r, s, o, st, rc, status, f, m, sev, slot, rec, sil)
            ON CONFLICT (key) DO NOTHING
            RETURNING key
            """, logger: logger)
        var inserted = Set<String>()
        for try await key in result.decode(String.self) { inserted.insert(key) }
        return inserted
    }

    public func recordedFiles() async throws(StateError) -> Set<String> {
        try await session.run("reading the ledger") { [logger] connection in
            var files = Set<String>()
            for try await file in try await connection.query("SELECT DISTINCT file FROM notification WHERE file IS NOT NULL",
                                                               logger: logger).decode(String.self) {
                files.insert(file)
            }
            return files
        }
    }

    public func rows(file: String) async throws(StateError) -> [LedgerRow] {
        try await ledgerRows("SELECT \(unescaped: Self.ledgerColumns) FROM notification WHERE file = \(file) ORDER BY key")
    }

    public func recentRows(limit: Int) async throws(StateError) -> [LedgerRow] {
        try await ledgerRows("SELECT \(unescaped: Self.ledgerColumns) FROM notification ORDER BY recorded_at DESC, key LIMIT \(limit)")
    }

    public func allRows() async throws(StateError) -> [LedgerRow] {
        try await ledgerRows("SELECT \(unescaped: Self.ledgerColumns) FROM notification ORDER BY key")
    }

    public func ledgerCounts() async throws(StateError) -> [LedgerRow.Status: Int] {
        try await session.run("reading the ledger") { [logger] connection in
            var counts: [LedgerRow.Status: Int] = [:]
            for try await (status, count) in try await connection.query("SELECT status, COUNT(*) FROM notification GROUP BY status",
                                                                          logger: logger).decode((String, Int64).self) {
                if let status = LedgerRow.Status(rawValue: status) { counts[status] = Int(count) }
            }
            return counts
        }
    }

    public func recordedRecipients(of occurrences: Set<OccurrenceKey>) async throws(StateError) -> [OccurrenceKey: Set<String>] {
        guard !occurrences.isEmpty else { return [:] }
        let list = Array(occurrences)
        let rules = list.map(\.rule), subjects = list.map(\.subject), dates = list.map(\.occurrence.description)
        return try await session.run("reading the ledger") { [logger] connection in
            let rows = try await connection.query("""
                SELECT DISTINCT n.rule, n.subject, n.occurrence, n.recipient FROM notification n
                JOIN unnest(\(rules)::text[], \(subjects)::text[], \(dates)::text[]) AS o(rule, subject, occurrence)
                  ON n.rule = o.rule AND n.subject = o.subject AND n.occurrence = o.occurrence
                WHERE n.status = 'spooled'
                """, logger: logger)
            var result: [OccurrenceKey: Set<String>] = [:]
            for try await (rule, subject, occurrence, recipient) in rows.decode((String, String, String, String).self) {
                guard let occurrence = Occurrence(occurrence) else { continue }
                result[OccurrenceKey(rule: rule, subject: subject, occurrence: occurrence), default: []].insert(recipient)
            }
            return result
        }
    }

    func ledgerRows(_ query: PostgresQuery) async throws(StateError) -> [LedgerRow] {
        try await session.run("reading the ledger") { [logger] connection in
            var rows: [LedgerRow] = []
            for try await tuple in try await connection.query(query, logger: logger).decode(LedgerTuple.self) {
                if let row = Self.ledgerRow(tuple) { rows.append(row) }
            }
            return rows
        }
    }

    static func ledgerRow(_ tuple: LedgerTuple) -> LedgerRow? {
        guard let key = NotificationKey(tuple.0), let status = LedgerRow.Status(rawValue: tuple.1),
              let severity = Severity(rawValue: tuple.4) else { return nil }
        return LedgerRow(key: key, status: status, file: tuple.2, messageID: tuple.3, severity: severity,
                         slot: Instant(microseconds: tuple.5), recordedAt: Instant(microseconds: tuple.6), silence: tuple.7)
    }
}
