public import PlanwatchCore
import GRDB

/// One row of the notification ledger.
public struct LedgerRow: Hashable, Sendable {
    public enum Status: String, Sendable {
        /// Mailed: the message is in the spool.
        case spooled
        /// Muted by a silence: in the journal only.
        case muted
    }

    public var key: NotificationKey
    public var status: Status
    /// The spool file name (nil when muted).
    public var file: String?
    public var messageID: String?
    public var severity: Severity
    public var slot: Instant
    public var recordedAt: Instant
    public var silence: Int64?

    public init(key: NotificationKey, status: Status, file: String?, messageID: String?, severity: Severity, slot: Instant,
                recordedAt: Instant, silence: Int64? = nil) {
        self.key = key
        self.status = status
        self.file = file
        self.messageID = messageID
        self.severity = severity
        self.slot = slot
        self.recordedAt = recordedAt
        self.silence = silence
    }
}

extension StateStore {
    /// The keys among `keys` that the ledger holds.
    public func recordedKeys(among keys: some Sequence<NotificationKey>) throws(StateError) -> Set<NotificationKey> {
        let texts = Array(Set(keys.map(\.description)))
        return try read { db in
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

    /// For each occurrence (`rule/subject/occurrence`), the stages the ledger holds.
    public func recordedStages(occurrences: some Sequence<String>) throws(StateError) -> [String: Set<String>] {
        let wanted = Set(occurrences)
        guard !wanted.isEmpty else { return [:] }
        return try read { db in
            // One indexed lookup (notification_occurrence) per occurrence, not a scan of the whole ledger.
            let statement = try db.cachedStatement(sql: "SELECT stage FROM notification WHERE rule = ? AND subject = ? AND occurrence = ?")
            var result: [String: Set<String>] = [:]
            for occurrence in wanted {
                let parts = occurrence.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 3 else { continue }
                let stages = try String.fetchSet(statement, arguments: [parts[0], parts[1], parts[2]])
                if !stages.isEmpty { result[occurrence] = stages }
            }
            return result
        }
    }

    /// Records rows in one transaction; a key already there is left as it is (exactly once).
    /// - Returns: how many rows were new.
    @discardableResult
    public func record(_ rows: [LedgerRow]) throws(StateError) -> Int {
        try write { db in
            var inserted = 0
            for row in rows {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO notification
                        (key, rule, subject, occurrence, stage, recipient, status, file, message_id, severity, slot, recorded_at, silence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [row.key.description, row.key.rule, row.key.subject, row.key.occurrence, row.key.stage,
                                     row.key.recipient, row.status.rawValue, row.file, row.messageID, row.severity.rawValue,
                                     row.slot.microseconds, row.recordedAt.microseconds, row.silence])
                inserted += db.changesCount
            }
            return inserted
        }
    }

    /// The spool files the ledger names.
    public func recordedFiles() throws(StateError) -> Set<String> {
        try read { db in try String.fetchSet(db, sql: "SELECT DISTINCT file FROM notification WHERE file IS NOT NULL") }
    }

    /// The ledger rows that name a spool file.
    public func rows(file: String) throws(StateError) -> [LedgerRow] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM notification WHERE file = ?", arguments: [file]).compactMap(Self.ledgerRow) }
    }

    /// The newest ledger rows first.
    public func recentRows(limit: Int) throws(StateError) -> [LedgerRow] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notification ORDER BY recorded_at DESC, key LIMIT ?", arguments: [limit]).compactMap(Self.ledgerRow)
        }
    }

    /// Every ledger row (for checks and tests).
    public func allRows() throws(StateError) -> [LedgerRow] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM notification ORDER BY key").compactMap(Self.ledgerRow) }
    }

    /// The number of ledger rows by status.
    public func ledgerCounts() throws(StateError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM notification GROUP BY status") {
                counts[row["status"]] = row["n"]
            }
            return counts
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
