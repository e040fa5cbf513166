public import PlanwatchCore
import PostgresNIO

extension PostgresStateStore: SilenceStore {
    public func add(_ silence: Silence) async throws(StateError) -> Int64 {
        try await session.run("adding a silence") { [logger] connection in
            var id: Int64 = 0
            for try await value in try await connection.query("""
                INSERT INTO silence (rule, subject, stage, recipient, author, comment, created_at, expires_at)
                VALUES (\(silence.rule), \(silence.subject), \(silence.stage?.description), \(silence.recipient), \(silence.author),
                        \(silence.comment), \(silence.createdAt.microseconds), \(silence.expiresAt.microseconds))
                RETURNING id
                """, logger: logger).decode(Int64.self) {
                id = value
            }
            return id
        }
    }

    public func silences() async throws(StateError) -> [Silence] {
        try await session.run("reading silences") { [logger] connection in
            var result: [Silence] = []
            let rows = try await connection.query("""
                SELECT id, rule, subject, stage, recipient, author, comment, created_at, expires_at, expired_at FROM silence ORDER BY id DESC
                """, logger: logger)
            for try await row in rows.decode((Int64, String?, String?, String?, String?, String, String, Int64, Int64, Int64?).self) {
                // A stage that is not one matches no notification: such a silence is left out.
                let stage = row.3.flatMap { Stage($0) }
                if row.3 != nil, stage == nil { continue }
                result.append(Silence(id: row.0, rule: row.1, subject: row.2, stage: stage, recipient: row.4, author: row.5, comment: row.6,
                                      createdAt: Instant(microseconds: row.7), expiresAt: Instant(microseconds: row.8),
                                      expiredAt: row.9.map { Instant(microseconds: $0) }))
            }
            return result
        }
    }

    public func expireSilence(id: Int64, at instant: Instant) async throws(StateError) -> Bool {
        try await session.run("ending a silence") { [logger] connection in
            var changed = false
            for try await _ in try await connection.query("""
                UPDATE silence SET expired_at = \(instant.microseconds)
                WHERE id = \(id) AND expired_at IS NULL AND expires_at > \(instant.microseconds) RETURNING id
                """, logger: logger).decode(Int64.self) {
                changed = true
            }
            return changed
        }
    }
}
