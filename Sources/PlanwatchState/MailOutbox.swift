public import PlanwatchCore

/// Composed mail kept in the state itself (on PostgreSQL), written in the same transaction as its
/// ledger rows: a node that dies after recording has lost nothing, and one that did not record has
/// sent nothing. Every node's delivery takes mail from it (claimed with `FOR UPDATE SKIP LOCKED`, so
/// no two nodes hand over the same message), gives it to its local MTA and marks it sent.
public protocol MailOutbox: Sendable {
    /// Records ledger rows and the mails they went into, in one fenced transaction. A mail goes in
    /// only when every one of its keys is new; when some are recorded already (another writer), the
    /// whole batch is refused and nothing is written.
    /// - Returns: how many rows were new.
    @discardableResult
    func record(_ rows: [LedgerRow], mails: [OutboxMail]) async throws(StateError) -> Int
    /// Claims up to `limit` waiting messages whose retry time has come (all of them with `force`),
    /// marking them in flight for this node; messages another node is claiming are skipped.
    func claimMail(limit: Int, at instant: Instant, force: Bool) async throws(StateError) -> [OutboxMessage]
    /// Messages left in flight by an interrupted delivery: claimed by this node before (its delivery
    /// died), or by any node longer ago than `staleAfter` seconds. They are claimed again for this node.
    func interruptedMail(staleAfter seconds: Int64) async throws(StateError) -> [OutboxMessage]
    /// Marks a message handed over.
    func markSent(_ name: String, at instant: Instant) async throws(StateError)
    /// Puts a message back to wait for a retry.
    func markRetry(_ name: String, attempts: Int, firstFailure: Int64, nextAttempt: Int64, error: String) async throws(StateError)
    /// Sets a message aside as undeliverable.
    func markFailed(_ name: String, reason: String, at instant: Instant) async throws(StateError)
    /// The number of messages in each state (`new`, `inflight`, `sent`, `failed`), and the earliest retry time of the waiting ones.
    func outboxCounts() async throws(StateError) -> (counts: [String: Int], nextAttempt: Int64?)
    /// Removes sent messages older than `instant`.
    func pruneSent(before instant: Instant) async throws(StateError) -> Int
}

/// A composed mail to record with its ledger rows.
public struct OutboxMail: Hashable, Sendable {
    /// The mail's name (from its keys, as a spool file's).
    public var name: String
    public var data: [UInt8]
    /// The keys the mail carries.
    public var keys: [NotificationKey]
    /// The envelope recipients.
    public var recipients: [String]

    public init(name: String, data: [UInt8], keys: [NotificationKey], recipients: [String]) {
        self.name = name
        self.data = data
        self.keys = keys
        self.recipients = recipients
    }
}

/// A message taken from the outbox for delivery.
public struct OutboxMessage: Hashable, Sendable {
    public var name: String
    public var data: [UInt8]
    public var recipients: [String]
    /// Failed attempts so far, the first failure and the last error (seconds since the epoch).
    public var attempts: Int
    public var firstFailure: Int64?
    public var lastError: String?

    public init(name: String, data: [UInt8], recipients: [String], attempts: Int, firstFailure: Int64?, lastError: String?) {
        self.name = name
        self.data = data
        self.recipients = recipients
        self.attempts = attempts
        self.firstFailure = firstFailure
        self.lastError = lastError
    }
}
