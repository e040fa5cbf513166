public import PlanwatchCore
import GRDB

extension SQLiteStateStore: CompletionStore {
    public func record(_ completion: RecordedCompletion) async throws(StateError) -> RecordedCompletion {
        try await write { db in
            if let messageID = completion.messageID,
               let row = try Row.fetchOne(db, sql: "SELECT * FROM completion WHERE message_id = ?", arguments: [messageID]),
               let existing = Self.completion(row) {
                return existing
            }
            try db.execute(sql: """
                INSERT INTO completion (item, rule, occurrence, done_on, recorded_at, recorded_by, how, note, message_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [completion.item, completion.rule, completion.occurrence?.description, completion.on.description,
                                 completion.recordedAt.microseconds, completion.by.description, completion.how.rawValue, completion.note,
                                 completion.messageID])
            var recorded = completion
            recorded.id = db.lastInsertedRowID
            return recorded
        }
    }

    public func recordedCompletions() async throws(StateError) -> [RecordedCompletion] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM completion ORDER BY id").compactMap(Self.completion) }
    }

    public func revokeCompletion(id: Int64, at instant: Instant, by author: RecordedCompletion.Author) async throws(StateError) -> RecordedCompletion? {
        try await write { db in
            try db.execute(sql: "UPDATE completion SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [instant.microseconds, author.description, id])
            guard db.changesCount > 0 else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM completion WHERE id = ?", arguments: [id]).flatMap(Self.completion)
        }
    }

    static func completion(_ row: Row) -> RecordedCompletion? {
        guard let on = LocalDate(iso: row["done_on"] as String), let how = RecordedCompletion.Method(rawValue: row["how"]) else { return nil }
        let occurrence: LocalDate? = (row["occurrence"] as String?).flatMap { LocalDate(iso: $0) }
        let revokedAt: Int64? = row["revoked_at"]
        return RecordedCompletion(id: row["id"], item: row["item"], rule: row["rule"], occurrence: occurrence, on: on,
                                  recordedAt: Instant(microseconds: row["recorded_at"]), by: .init(row["recorded_by"] as String), how: how,
                                  note: row["note"], messageID: row["message_id"],
                                  revoked: revokedAt.map { .init(at: Instant(microseconds: $0), by: .init(row["revoked_by"] as String? ?? "")) })
    }
}

extension SQLiteStateStore: ReplyTokenStore {
    public func replyToken(for occurrence: OccurrenceKey, recipient: String, at instant: Instant,
                           make: @Sendable () -> String) async throws(StateError) -> String {
        let candidate = make()
        return try await write { db in
            let lookup = "SELECT token FROM reply_token WHERE rule = ? AND subject = ? AND occurrence = ? AND recipient = ?"
            let arguments: StatementArguments = [occurrence.rule, occurrence.subject, occurrence.occurrence.description, recipient]
            if let token = try String.fetchOne(db, sql: lookup, arguments: arguments) { return token }
            try db.execute(sql: "INSERT INTO reply_token (token, rule, subject, occurrence, recipient, issued_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [candidate, occurrence.rule, occurrence.subject, occurrence.occurrence.description, recipient,
                                       instant.microseconds])
            return candidate
        }
    }

    public func replyTokenRecord(_ token: String) async throws(StateError) -> ReplyTokenRecord? {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM reply_token WHERE token = ?", arguments: [token]),
                  let occurrence = Occurrence(row["occurrence"] as String) else { return nil }
            let revoked: Int64? = row["revoked_at"]
            return ReplyTokenRecord(token: row["token"], occurrence: OccurrenceKey(rule: row["rule"], subject: row["subject"], occurrence: occurrence),
                                    recipient: row["recipient"], issuedAt: Instant(microseconds: row["issued_at"]),
                                    revokedAt: revoked.map { Instant(microseconds: $0) })
        }
    }

    public func revokeReplyToken(_ token: String, at instant: Instant) async throws(StateError) -> Bool {
        try await write { db in
            try db.execute(sql: "UPDATE reply_token SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL", arguments: [instant.microseconds, token])
            return db.changesCount > 0
        }
    }

    public func replyTokenRecords() async throws(StateError) -> [ReplyTokenRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM reply_token ORDER BY issued_at, token").compactMap { row in
                guard let occurrence = Occurrence(row["occurrence"] as String) else { return nil }
                let revoked: Int64? = row["revoked_at"]
                return ReplyTokenRecord(token: row["token"], occurrence: OccurrenceKey(rule: row["rule"], subject: row["subject"], occurrence: occurrence),
                                        recipient: row["recipient"], issuedAt: Instant(microseconds: row["issued_at"]),
                                        revokedAt: revoked.map { Instant(microseconds: $0) })
            }
        }
    }

    public func carry(_ record: ReplyTokenRecord) async throws(StateError) -> Bool {
        try await write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO reply_token (token, rule, subject, occurrence, recipient, issued_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [record.token, record.occurrence.rule, record.occurrence.subject, record.occurrence.occurrence.description,
                                 record.recipient, record.issuedAt.microseconds, record.revokedAt?.microseconds])
            return db.changesCount > 0
        }
    }
}

extension SQLiteStateStore: InboxLog {
    public func record(_ entry: InboxEntry) async throws(StateError) {
        try await write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO inbox (file, message_id, sender, received_at, outcome, reason, occurrence, completion, answered,
                                              keys, failed_recipients)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.file, entry.messageID, entry.sender, entry.receivedAt.microseconds, entry.outcome.rawValue, entry.reason,
                                 entry.occurrence?.description, entry.completion, entry.answered ? 1 : 0, entry.keys.joined(separator: "\n"),
                                 entry.failedRecipients.joined(separator: "\n")])
        }
    }

    public func inboxEntry(file: String) async throws(StateError) -> InboxEntry? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM inbox WHERE file = ?", arguments: [file]).flatMap(Self.inboxEntry) }
    }

    public func inboxEntries(outcome: InboxEntry.Outcome?, limit: Int) async throws(StateError) -> [InboxEntry] {
        try await read { db in
            let rows = if let outcome {
                try Row.fetchAll(db, sql: "SELECT * FROM inbox WHERE outcome = ? ORDER BY received_at DESC, file LIMIT ?",
                                 arguments: [outcome.rawValue, limit])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM inbox ORDER BY received_at DESC, file LIMIT ?", arguments: [limit])
            }
            return rows.compactMap(Self.inboxEntry)
        }
    }

    public func lastExplanation(to sender: String) async throws(StateError) -> Instant? {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(received_at) FROM inbox WHERE sender = ? AND outcome = 'refused' AND answered = 1",
                               arguments: [sender]).map { Instant(microseconds: $0) }
        }
    }

    public func pruneInbox(before instant: Instant) async throws(StateError) -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM inbox WHERE received_at < ?", arguments: [instant.microseconds])
            return db.changesCount
        }
    }

    static func inboxEntry(_ row: Row) -> InboxEntry? {
        guard let outcome = InboxEntry.Outcome(rawValue: row["outcome"]) else { return nil }
        func lines(_ column: String) -> [String] { (row[column] as String? ?? "").split(separator: "\n").map(String.init) }
        return InboxEntry(file: row["file"], messageID: row["message_id"], sender: row["sender"],
                          receivedAt: Instant(microseconds: row["received_at"]), outcome: outcome, reason: row["reason"],
                          occurrence: (row["occurrence"] as String?).flatMap { OccurrenceKey($0) }, completion: row["completion"],
                          answered: (row["answered"] as Int? ?? 0) != 0, keys: lines("keys"), failedRecipients: lines("failed_recipients"))
    }
}
