public import PlanwatchCore
import PostgresNIO

extension PostgresStateStore: MailOutbox {
    @discardableResult
    public func record(_ rows: [LedgerRow], mails: [OutboxMail]) async throws(StateError) -> Int {
        guard !rows.isEmpty || !mails.isEmpty else { return 0 }
        let node = self.node
        return try await fencedTransaction("recording \(mails.count) mails with \(rows.count) ledger rows") { connection, logger, epoch in
            let inserted = try await Self.insert(rows, epoch: epoch, node: node, on: connection, logger: logger)
            // A mail goes out only when all of its keys are new; some recorded already means another
            // writer got there first: refuse the batch (nothing is written, the next cycle plans again).
            var fresh: [OutboxMail] = []
            for mail in mails {
                let keys = mail.keys.map(\.description)
                let new = keys.filter { inserted.contains($0) }.count
                if new == keys.count { fresh.append(mail) } else if new > 0 {
                    throw StateError.failed("mail \(mail.name): \(keys.count - new) of its \(keys.count) notifications are recorded already "
                        + "by another writer; the batch was not written")
                }
            }
            guard !fresh.isEmpty else { return inserted.count }
            let names = fresh.map(\.name), data = fresh.map { ByteBuffer(bytes: $0.data) }
            let recipients = fresh.map { $0.recipients.joined(separator: "\n") }
            let at = rows.first?.recordedAt.microseconds ?? 0
            try await connection.query("""
                INSERT INTO outbox (name, data, recipients, epoch, recorded_at, entered_at)
                SELECT n, d, r, \(epoch), \(at), \(at) FROM unnest(\(names)::text[], \(data)::bytea[], \(recipients)::text[]) AS u(n, d, r)
                ON CONFLICT (name) DO NOTHING
                """, logger: logger)
            return inserted.count
        }
    }

    static let messageColumns = "name, data, recipients, attempts, first_failure, last_error"
    typealias MessageTuple = (String, ByteBuffer, String, Int32, Int64?, String?)

    static func message(_ t: MessageTuple) -> OutboxMessage {
        OutboxMessage(name: t.0, data: Array(t.1.readableBytesView), recipients: t.2.split(separator: "\n").map(String.init),
                      attempts: Int(t.3), firstFailure: t.4, lastError: t.5)
    }

    public func claimMail(limit: Int, at instant: Instant, force: Bool) async throws(StateError) -> [OutboxMessage] {
        let node = self.node, seconds = force ? Int64.max : instant.seconds
        return try await transaction("taking mail from the outbox") { connection, logger in
            var messages: [OutboxMessage] = []
            for try await tuple in try await connection.query("""
                UPDATE outbox SET state = 'inflight', claimed_by = \(node), claimed_at = clock_timestamp(), entered_at = \(instant.microseconds)
                WHERE name IN (SELECT name FROM outbox WHERE state = 'new' AND next_attempt <= \(seconds)
                               ORDER BY next_attempt, name LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: Self.messageColumns)
                """, logger: logger).decode(MessageTuple.self) {
                messages.append(Self.message(tuple))
            }
            return messages.sorted { $0.name < $1.name }
        }
    }

    public func interruptedMail(staleAfter seconds: Int64) async throws(StateError) -> [OutboxMessage] {
        let node = self.node, stale = Double(seconds)
        return try await transaction("taking interrupted mail from the outbox") { connection, logger in
            var messages: [OutboxMessage] = []
            for try await tuple in try await connection.query("""
                UPDATE outbox SET claimed_by = \(node), claimed_at = clock_timestamp()
                WHERE name IN (SELECT name FROM outbox WHERE state = 'inflight'
                                 AND (claimed_by = \(node) OR claimed_at < clock_timestamp() - make_interval(secs => \(stale)))
                               FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: Self.messageColumns)
                """, logger: logger).decode(MessageTuple.self) {
                messages.append(Self.message(tuple))
            }
            return messages.sorted { $0.name < $1.name }
        }
    }

    public func markSent(_ name: String, at instant: Instant) async throws(StateError) {
        try await moveOutbox(name, "marking mail sent", """
            UPDATE outbox SET state = 'sent', entered_at = \(instant.microseconds), attempts = 0, first_failure = NULL, next_attempt = 0,
                last_error = NULL
            WHERE name = \(name) AND state = 'inflight' AND claimed_by = \(node)
            """)
    }

    public func markRetry(_ name: String, attempts: Int, firstFailure: Int64, nextAttempt: Int64, error: String) async throws(StateError) {
        try await moveOutbox(name, "deferring mail", """
            UPDATE outbox SET state = 'new', attempts = \(attempts), first_failure = \(firstFailure), next_attempt = \(nextAttempt),
                last_error = \(error), claimed_by = NULL, claimed_at = NULL
            WHERE name = \(name) AND state = 'inflight' AND claimed_by = \(node)
            """)
    }

    public func markFailed(_ name: String, reason: String, at instant: Instant) async throws(StateError) {
        try await moveOutbox(name, "setting mail aside", """
            UPDATE outbox SET state = 'failed', last_error = \(reason), entered_at = \(instant.microseconds)
            WHERE name = \(name) AND state = 'inflight' AND claimed_by = \(node)
            """)
    }

    private func moveOutbox(_ name: String, _ what: String, _ query: PostgresQuery) async throws(StateError) {
        try await session.run("\(what) \(name)") { [logger] connection in
            try await connection.query(query, logger: logger)
        }
    }

    public func outboxCounts() async throws(StateError) -> (counts: [String: Int], nextAttempt: Int64?) {
        try await session.run("reading the outbox") { [logger] connection in
            var counts: [String: Int] = [:]
            for try await (state, count) in try await connection.query("SELECT state, COUNT(*) FROM outbox GROUP BY state",
                                                                         logger: logger).decode((String, Int64).self) {
                counts[state] = Int(count)
            }
            var next: Int64?
            for try await value in try await connection.query("SELECT MIN(next_attempt) FROM outbox WHERE state = 'new'",
                                                                logger: logger).decode(Int64?.self) {
                next = value
            }
            return (counts, next)
        }
    }

    public func pruneSent(before instant: Instant) async throws(StateError) -> Int {
        try await session.run("pruning sent mail") { [logger] connection in
            var count = 0
            for try await _ in try await connection.query("""
                DELETE FROM outbox WHERE state = 'sent' AND entered_at < \(instant.microseconds) RETURNING name
                """, logger: logger).decode(String.self) {
                count += 1
            }
            return count
        }
    }
}
