public import PlanwatchCore
import PostgresNIO

extension PostgresStateStore: CompletionStore {
    static let completionColumns = "id, item, rule, occurrence, done_on, recorded_at, recorded_by, how, note, message_id, revoked_at, revoked_by"
    typealias CompletionTuple = (Int64, String, String?, String?, String, Int64, String, String, String?, String?, Int64?, String?)

    /// Replies are processed on every node that receives them: a completion of the same reply
    /// (`Message-ID`) is recorded once, whichever node records it first.
    public func record(_ completion: RecordedCompletion) async throws(StateError) -> RecordedCompletion {
        try await transaction("recording a completion") { connection, logger in
            let inserted = try await connection.query("""
                INSERT INTO completion (item, rule, occurrence, done_on, recorded_at, recorded_by, how, note, message_id)
                VALUES (\(completion.item), \(completion.rule), \(completion.occurrence?.description), \(completion.on.description),
                        \(completion.recordedAt.microseconds), \(completion.by.description), \(completion.how.rawValue), \(completion.note),
                        \(completion.messageID))
                ON CONFLICT (message_id) DO NOTHING
                RETURNING id
                """, logger: logger)
            for try await id in inserted.decode(Int64.self) {
                var recorded = completion
                recorded.id = id
                return recorded
            }
            let existing = try await connection.query("SELECT \(unescaped: Self.completionColumns) FROM completion WHERE message_id = \(completion.messageID)",
                                                      logger: logger)
            for try await tuple in existing.decode(CompletionTuple.self) {
                if let found = Self.completion(tuple) { return found }
            }
            throw StateError.failed("a completion with the Message-ID \(completion.messageID ?? "") could not be read back")
        }
    }

    public func recordedCompletions() async throws(StateError) -> [RecordedCompletion] {
        try await session.run("reading completions") { [logger] connection in
            var result: [RecordedCompletion] = []
            for try await tuple in try await connection.query("SELECT \(unescaped: Self.completionColumns) FROM completion ORDER BY id",
                                                                logger: logger).decode(CompletionTuple.self) {
                if let completion = Self.completion(tuple) { result.append(completion) }
            }
            return result
        }
    }

    public func revokeCompletion(id: Int64, at instant: Instant, by author: RecordedCompletion.Author) async throws(StateError) -> RecordedCompletion? {
        try await session.run("revoking a completion") { [logger] connection in
            for try await tuple in try await connection.query("""
                UPDATE completion SET revoked_at = \(instant.microseconds), revoked_by = \(author.description)
                WHERE id = \(id) AND revoked_at IS NULL RETURNING \(unescaped: Self.completionColumns)
                """, logger: logger).decode(CompletionTuple.self) {
                return Self.completion(tuple)
            }
            return nil
        }
    }

    static func completion(_ t: CompletionTuple) -> RecordedCompletion? {
        guard let on = LocalDate(iso: t.4), let how = RecordedCompletion.Method(rawValue: t.7) else { return nil }
        return RecordedCompletion(id: t.0, item: t.1, rule: t.2, occurrence: t.3.flatMap { LocalDate(iso: $0) }, on: on,
                                  recordedAt: Instant(microseconds: t.5), by: .init(t.6), how: how, note: t.8, messageID: t.9,
                                  revoked: t.10.map { .init(at: Instant(microseconds: $0), by: .init(t.11 ?? "")) })
    }
}

extension PostgresStateStore: ReplyTokenStore {
    /// One token per (occurrence, recipient) whichever node issues it first (the unique constraint decides).
    public func replyToken(for occurrence: OccurrenceKey, recipient: String, at instant: Instant,
                           make: @Sendable () -> String) async throws(StateError) -> String {
        let candidate = make()
        let date = occurrence.occurrence.description
        return try await session.run("issuing a reply token") { [logger] connection in
            try await connection.query("""
                INSERT INTO reply_token (token, rule, subject, occurrence, recipient, issued_at)
                VALUES (\(candidate), \(occurrence.rule), \(occurrence.subject), \(date), \(recipient), \(instant.microseconds))
                ON CONFLICT (rule, subject, occurrence, recipient) DO NOTHING
                """, logger: logger)
            for try await token in try await connection.query("""
                SELECT token FROM reply_token WHERE rule = \(occurrence.rule) AND subject = \(occurrence.subject)
                  AND occurrence = \(date) AND recipient = \(recipient)
                """, logger: logger).decode(String.self) {
                return token
            }
            throw StateError.failed("the reply token for \(occurrence) could not be read back")
        }
    }

    public func replyTokenRecord(_ token: String) async throws(StateError) -> ReplyTokenRecord? {
        try await session.run("reading a reply token") { [logger] connection in
            for try await row in try await connection.query("""
                SELECT token, rule, subject, occurrence, recipient, issued_at, revoked_at FROM reply_token WHERE token = \(token)
                """, logger: logger).decode((String, String, String, String, String, Int64, Int64?).self) {
                guard let occurrence = Occurrence(row.3) else { return nil }
                return ReplyTokenRecord(token: row.0, occurrence: OccurrenceKey(rule: row.1, subject: row.2, occurrence: occurrence),
                                        recipient: row.4, issuedAt: Instant(microseconds: row.5), revokedAt: row.6.map { Instant(microseconds: $0) })
            }
            return nil
        }
    }

    public func revokeReplyToken(_ token: String, at instant: Instant) async throws(StateError) -> Bool {
        try await session.run("revoking a reply token") { [logger] connection in
            for try await _ in try await connection.query("""
                UPDATE reply_token SET revoked_at = \(instant.microseconds) WHERE token = \(token) AND revoked_at IS NULL RETURNING token
                """, logger: logger).decode(String.self) {
                return true
            }
            return false
        }
    }

    public func replyTokenRecords() async throws(StateError) -> [ReplyTokenRecord] {
        try await session.run("reading the reply tokens") { [logger] connection in
            var records: [ReplyTokenRecord] = []
            for try await row in try await connection.query("""
                SELECT token, rule, subject, occurrence, recipient, issued_at, revoked_at FROM reply_token ORDER BY issued_at, token
                """, logger: logger).decode((String, String, String, String, String, Int64, Int64?).self) {
                guard let occurrence = Occurrence(row.3) else { continue }
                records.append(ReplyTokenRecord(token: row.0, occurrence: OccurrenceKey(rule: row.1, subject: row.2, occurrence: occurrence),
                                                recipient: row.4, issuedAt: Instant(microseconds: row.5),
                                                revokedAt: row.6.map { Instant(microseconds: $0) }))
            }
            return records
        }
    }

    public func carry(_ record: ReplyTokenRecord) async throws(StateError) -> Bool {
        let date = record.occurrence.occurrence.description
        return try await session.run("copying a reply token") { [logger] connection in
            for try await _ in try await connection.query("""
                INSERT INTO reply_token (token, rule, subject, occurrence, recipient, issued_at, revoked_at)
                VALUES (\(record.token), \(record.occurrence.rule), \(record.occurrence.subject), \(date), \(record.recipient),
                        \(record.issuedAt.microseconds), \(record.revokedAt?.microseconds))
                ON CONFLICT DO NOTHING RETURNING token
                """, logger: logger).decode(String.self) {
                return true
            }
            return false
        }
    }
}

extension PostgresStateStore: InboxLog {
    static let inboxColumns = "file, message_id, sender, received_at, outcome, reason, occurrence, completion, answered, keys, failed_recipients"
    typealias InboxTuple = (String, String?, String?, Int64, String, String, String?, Int64?, Bool, String, String)

    /// Each node has its own inbox (its MTA delivers replies into it): the log is kept per node.
    public func record(_ entry: InboxEntry) async throws(StateError) {
        let node = self.node
        try await session.run("recording an incoming mail") { [logger] connection in
            try await connection.query("""
                INSERT INTO inbox (node, file, message_id, sender, received_at, outcome, reason, occurrence, completion, answered, keys,
                                   failed_recipients)
                VALUES (\(node), \(entry.file), \(entry.messageID), \(entry.sender), \(entry.receivedAt.microseconds), \(entry.outcome.rawValue),
                        \(entry.reason), \(entry.occurrence?.description), \(entry.completion), \(entry.answered),
                        \(entry.keys.joined(separator: "\n")), \(entry.failedRecipients.joined(separator: "\n")))
                ON CONFLICT (node, file) DO UPDATE SET message_id = EXCLUDED.message_id, sender = EXCLUDED.sender,
                    received_at = EXCLUDED.received_at, outcome = EXCLUDED.outcome, reason = EXCLUDED.reason, occurrence = EXCLUDED.occurrence,
                    completion = EXCLUDED.completion, answered = EXCLUDED.answered, keys = EXCLUDED.keys,
                    failed_recipients = EXCLUDED.failed_recipients
                """, logger: logger)
        }
    }

    public func inboxEntry(file: String) async throws(StateError) -> InboxEntry? {
        try await inboxEntries("SELECT \(unescaped: Self.inboxColumns) FROM inbox WHERE node = \(node) AND file = \(file)").first
    }

    public func inboxEntries(outcome: InboxEntry.Outcome?, limit: Int) async throws(StateError) -> [InboxEntry] {
        if let outcome {
            return try await inboxEntries("""
                SELECT \(unescaped: Self.inboxColumns) FROM inbox WHERE node = \(node) AND outcome = \(outcome.rawValue)
                ORDER BY received_at DESC, file LIMIT \(limit)
                """)
        }
        return try await inboxEntries("SELECT \(unescaped: Self.inboxColumns) FROM inbox WHERE node = \(node) ORDER BY received_at DESC, file LIMIT \(limit)")
    }

    /// Across nodes: a sender gets at most one explanation a day, whichever node answered.
    public func lastExplanation(to sender: String) async throws(StateError) -> Instant? {
        try await session.run("reading the inbox log") { [logger] connection in
            for try await value in try await connection.query("""
                SELECT MAX(received_at) FROM inbox WHERE sender = \(sender) AND outcome = 'refused' AND answered
                """, logger: logger).decode(Int64?.self) {
                return value.map { Instant(microseconds: $0) }
            }
            return nil
        }
    }

    public func pruneInbox(before instant: Instant) async throws(StateError) -> Int {
        let node = self.node
        return try await session.run("pruning the inbox log") { [logger] connection in
            var count = 0
            for try await _ in try await connection.query("""
                DELETE FROM inbox WHERE node = \(node) AND received_at < \(instant.microseconds) RETURNING file
                """, logger: logger).decode(String.self) {
                count += 1
            }
            return count
        }
    }

    func inboxEntries(_ query: PostgresQuery) async throws(StateError) -> [InboxEntry] {
        try await session.run("reading the inbox log") { [logger] connection in
            var result: [InboxEntry] = []
            for try await t in try await connection.query(query, logger: logger).decode(InboxTuple.self) {
                guard let outcome = InboxEntry.Outcome(rawValue: t.4) else { continue }
                func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }
                result.append(InboxEntry(file: t.0, messageID: t.1, sender: t.2, receivedAt: Instant(microseconds: t.3), outcome: outcome,
                                         reason: t.5, occurrence: t.6.flatMap { OccurrenceKey($0) }, completion: t.7, answered: t.8,
                                         keys: lines(t.9), failedRecipients: lines(t.10)))
            }
            return result
        }
    }
}
