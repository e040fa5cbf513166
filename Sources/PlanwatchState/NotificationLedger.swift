public import PlanwatchCore

/// The notification ledger: every notification ever sent (or muted), by key. A key recorded here is
/// never sent again.
public protocol NotificationLedger: Sendable {
    /// The keys among `keys` that the ledger holds.
    func recordedKeys(among keys: [NotificationKey]) async throws(StateError) -> Set<NotificationKey>
    /// For each of the occurrences, the stages the ledger holds (occurrences with none are left out).
    func recordedStages(of occurrences: Set<OccurrenceKey>) async throws(StateError) -> [OccurrenceKey: Set<Stage>]
    /// Records rows in one transaction; a key already there is left as it is (exactly once).
    /// - Returns: how many rows were new.
    @discardableResult
    func record(_ rows: [LedgerRow]) async throws(StateError) -> Int
    /// The spool files the ledger names.
    func recordedFiles() async throws(StateError) -> Set<String>
    /// The ledger rows that name a spool file.
    func rows(file: String) async throws(StateError) -> [LedgerRow]
    /// The newest ledger rows first.
    func recentRows(limit: Int) async throws(StateError) -> [LedgerRow]
    /// Every ledger row, by key.
    func allRows() async throws(StateError) -> [LedgerRow]
    /// The number of ledger rows by status.
    func ledgerCounts() async throws(StateError) -> [LedgerRow.Status: Int]
    /// For each of the occurrences, the people the ledger holds a mail to (occurrences with none are
    /// left out): who has a calendar entry to cancel once the occurrence is done.
    func recordedRecipients(of occurrences: Set<OccurrenceKey>) async throws(StateError) -> [OccurrenceKey: Set<String>]
}

/// One row of the notification ledger.
public struct LedgerRow: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable, CaseIterable {
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
