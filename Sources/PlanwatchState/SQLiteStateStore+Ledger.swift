public import PlanwatchCore
import GRDB

extension SQLiteStateStore: NotificationLedger {
    public func recordedKeys(among keys: [NotificationKey]) async throws(StateError) -> Set<NotificationKey> {
        let texts = Array(Set(keys.map(\.description)))
        guard !texts.isEmpty else { return [] }
        return try await read { db in
            var found = Set<NotificationKey>()
            for chunk in stride(from: 0, to: texts.count, by: 500) {
                let part = Array(texts[chunk..<min(chunk + 500, texts.count)])
                let sql = "SELECT key FROM notification WHERE key IN (\(Array(repeating: "?", count: part.count).joined(separator: ",")))"
                for key in try String.fetchAll(db, sql: sql, arguments: StatementArguments(part)) {
                    if let parsed = NotificationKey(key) { found.insert(parsed) }
                }
            }
            return found
        }
    }

    public func recordedStages(of occurrences: Set<OccurrenceKey>) async throws(StateError) -> [OccurrenceKey: Set<Stage>] {
        guard !occurrences.isEmpty else { return [:] }
        return try await read { db in
            // One indexed lookup (notification_occurrence) per occurrence, not a scan of the whole ledger.
            let statement = try db.cachedStatement(sql: "SELECT stage FROM notification WHERE rule = ? AND subject = ? AND occurrence = ?")
            var result: [OccurrenceKey: Set<Stage>] = [:]
            for occurrence in occurrences {
                let stages = try String.fetchSet(statement, arguments: [occurrence.rule, occurrence.subject, occurrence.occurrence.description])
                let parsed = Set(stages.compactMap { Stage($0) })
                if !parsed.isEmpty { result[occurrence] = parsed }
            }
            return result
        }
    }

    @discardableResult
    public func record(_ rows: [LedgerRow]) async throws(StateError) -> Int {
        guard !rows.isEmpty else { return 0 }
        return try await write { db in
            var inserted = 0
            let statement = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO notification
                    (key, rule, subject, occurrence, stage, recipient, status, file, message_id, severity, slot, recorded_at, silence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in rows {
                try statement.execute(arguments: [row.key.description, row.key.rule, row.key.subject, row.key.occurrence.occurrence.description,
                                                  row.key.stage.description, row.key.recipient, row.status.rawValue, row.file, row.messageID,
                                                  row.severity.rawValue, row.slot.microseconds, row.recordedAt.microseconds, row.silence])
                inserted += db.changesCount
            }
            return inserted
        }
    }

    public func recordedFiles() async throws(StateError) -> Set<String> {
        try await read { db in try String.fetchSet(db, sql: "SELECT DISTINCT file FROM notification WHERE file IS NOT NULL") }
    }

    public func rows(file: String) async throws(StateError) -> [LedgerRow] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM notification WHERE file = ?", arguments: [file]).compactMap(Self.ledgerRow) }
    }

    public func recentRows(limit: Int) async throws(StateError) -> [LedgerRow] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notification ORDER BY recorded_at DESC, key LIMIT ?", arguments: [limit]).compactMap(Self.ledgerRow)
        }
    }

    public func allRows() async throws(StateError) -> [LedgerRow] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM notification ORDER BY key").compactMap(Self.ledgerRow) }
    }

    public func ledgerCounts() async throws(StateError) -> [LedgerRow.Status: Int] {
        try await read { db in
            var counts: [LedgerRow.Status: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM notification GROUP BY status") {
                if let status = LedgerRow.Status(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    public func recordedRecipients(of occurrences: Set<OccurrenceKey>) async throws(StateError) -> [OccurrenceKey: Set<String>] {
        guard !occurrences.isEmpty else { return [:] }
        return try await read { db in
            let statement = try db.cachedStatement(sql: "SELECT DISTINCT recipient FROM notification WHERE rule = ? AND subject = ? AND occurrence = ? AND status = 'spooled'")
            var result: [OccurrenceKey: Set<String>] = [:]
            for occurrence in occurrences {
                let people = try String.fetchSet(statement, arguments: [occurrence.rule, occurrence.subject, occurrence.occurrence.description])
                if !people.isEmpty { result[occurrence] = people }
            }
            return result
        }
    }

    static func ledgerRow(_ row: Row) -> LedgerRow? {
        guard let key = NotificationKey(row["key"] as String), let status = LedgerRow.Status(rawValue: row["status"]),
              let severity = Severity(rawValue: row["severity"]) else { return nil }
        return LedgerRow(key: key, status: status, file: row["file"], messageID: row["message_id"], severity: severity,
                         slot: Instant(microseconds: row["slot"]), recordedAt: Instant(microseconds: row["recorded_at"]),
                         silence: row["silence"])
    }
}
