public import PlanwatchCore
import GRDB

extension SQLiteStateStore: SilenceStore {
    public func add(_ silence: Silence) async throws(StateError) -> Int64 {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO silence (rule, subject, stage, recipient, author, comment, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [silence.rule, silence.subject, silence.stage?.description, silence.recipient, silence.author,
                                 silence.comment, silence.createdAt.microseconds, silence.expiresAt.microseconds])
            return db.lastInsertedRowID
        }
    }

    public func silences() async throws(StateError) -> [Silence] {
        try await read { db in
            // A stage that is not one (written by hand into the database) matches no notification:
            // such a silence is left out rather than read as one for every stage.
            try Row.fetchAll(db, sql: "SELECT * FROM silence ORDER BY id DESC").compactMap { row -> Silence? in
                let stageText: String? = row["stage"]
                let stage = stageText.flatMap { Stage($0) }
                if stageText != nil, stage == nil { return nil }
                return Silence(id: row["id"], rule: row["rule"], subject: row["subject"], stage: stage,
                        recipient: row["recipient"], author: row["author"], comment: row["comment"],
                        createdAt: Instant(microseconds: row["created_at"]), expiresAt: Instant(microseconds: row["expires_at"]),
                        expiredAt: (row["expired_at"] as Int64?).map { Instant(microseconds: $0) })
            }
        }
    }

    public func expireSilence(id: Int64, at instant: Instant) async throws(StateError) -> Bool {
        try await write { db in
            try db.execute(sql: "UPDATE silence SET expired_at = ? WHERE id = ? AND expired_at IS NULL AND expires_at > ?",
                           arguments: [instant.microseconds, id, instant.microseconds])
            return db.changesCount > 0
        }
    }
}
