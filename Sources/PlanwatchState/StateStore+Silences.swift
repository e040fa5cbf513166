public import PlanwatchCore
import GRDB

extension StateStore {
    /// Adds a silence and returns its id.
    public func add(_ silence: Silence) throws(StateError) -> Int64 {
        try write { db in
            try db.execute(sql: """
                INSERT INTO silence (rule, subject, stage, recipient, author, comment, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [silence.rule, silence.subject, silence.stage, silence.recipient, silence.author, silence.comment,
                                 silence.createdAt.microseconds, silence.expiresAt.microseconds])
            return db.lastInsertedRowID
        }
    }

    /// Every silence, newest first.
    public func silences() throws(StateError) -> [Silence] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM silence ORDER BY id DESC").map { row in
                Silence(id: row["id"], rule: row["rule"], subject: row["subject"], stage: row["stage"], recipient: row["recipient"],
                        author: row["author"], comment: row["comment"], createdAt: Instant(microseconds: row["created_at"]),
                        expiresAt: Instant(microseconds: row["expires_at"]),
                        expiredAt: (row["expired_at"] as Int64?).map { Instant(microseconds: $0) })
            }
        }
    }

    /// Ends a silence now. Returns false when there is no such silence or it has already ended.
    public func expireSilence(id: Int64, at instant: Instant) throws(StateError) -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE silence SET expired_at = ? WHERE id = ? AND expired_at IS NULL AND expires_at > ?",
                           arguments: [instant.microseconds, id, instant.microseconds])
            return db.changesCount > 0
        }
    }
}
