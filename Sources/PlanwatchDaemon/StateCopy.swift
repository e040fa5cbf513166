public import PlanwatchCore
public import PlanwatchState

/// Carries one state over to another (`planwatch state copy`, SQLite → PostgreSQL when a running
/// installation moves to high availability): the ledger, alert states, silences, recorded
/// completions and reply tokens, so that nothing recorded as sent is sent again and a reply to a mail
/// sent before the move still marks its occurrence done. The inbox log stays with its node (replies
/// are processed per node, idempotently by Message-ID).
///
/// Safe to run again: ledger rows are keyed (a key already there stays as it is), and silences and
/// completions already in the target (the same author, text and creation time; the same reply or
/// recording) are not added twice. The target must be writable by this process — on PostgreSQL the
/// caller holds the leader lease for it.
public struct StateCopy: Sendable {
    public var source: any StateStore
    public var target: any StateStore
    /// Ledger rows written per transaction.
    public var batchSize = 1000

    public init(source: any StateStore, target: any StateStore) {
        self.source = source
        self.target = target
    }

    /// What a copy carried over (new in the target) and what was there already.
    public struct Summary: Sendable, Equatable {
        public var ledgerRows = 0
        public var ledgerRowsThere = 0
        public var alertStates = 0
        public var silences = 0
        public var completions = 0
        public var replyTokens = 0
        public init() {}
    }

    /// Copies everything, at `now` (the alert states' update time).
    public func run(at now: Instant) async throws(StateError) -> Summary {
        var summary = Summary()
        let rows = try await source.allRows()
        var start = 0
        while start < rows.count {
            let batch = Array(rows[start..<min(rows.count, start + batchSize)])
            let new = try await target.record(batch)
            summary.ledgerRows += new
            summary.ledgerRowsThere += batch.count - new
            start += batchSize
        }
        let states = Array(try await source.alertStates().values).sorted { $0.series < $1.series }
        if !states.isEmpty { try await target.save(states, at: now) }
        summary.alertStates = states.count
        let present = try await target.silences()
        for silence in try await source.silences()
        where !present.contains(where: { $0.createdAt == silence.createdAt && $0.author == silence.author && $0.comment == silence.comment }) {
            let id = try await target.add(silence)
            if let expired = silence.expiredAt { _ = try await target.expireSilence(id: id, at: expired) }
            summary.silences += 1
        }
        let recorded = try await target.recordedCompletions()
        for completion in try await source.recordedCompletions()
        where !recorded.contains(where: { Self.same($0, completion) }) {
            let copied = try await target.record(completion)
            if let revoked = completion.revoked {
                _ = try await target.revokeCompletion(id: copied.id, at: revoked.at, by: revoked.by)
            }
            summary.completions += 1
        }
        for token in try await source.replyTokenRecords() where try await target.carry(token) {
            summary.replyTokens += 1
        }
        return summary
    }

    /// The same recording: the same reply, or the same item, time and author.
    static func same(_ a: RecordedCompletion, _ b: RecordedCompletion) -> Bool {
        if let one = a.messageID, let other = b.messageID { return one == other }
        return a.item == b.item && a.recordedAt == b.recordedAt && a.by == b.by && a.on == b.on
    }
}
