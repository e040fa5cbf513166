public import PlanwatchCore

/// The log of cycles: when each ran, what it did, how it ended.
public protocol RunLog: Sendable {
    /// Starts a run and returns its id. Runs still marked running are from processes that no longer
    /// run (only one cycle runs at a time): they become `interrupted`.
    func startRun(startedAt: Instant, evaluatedAt: Instant) async throws(StateError) -> Int64
    /// Completes a run's entry.
    func finishRun(_ record: RunRecord) async throws(StateError)
    /// The latest runs, newest first.
    func recentRuns(limit: Int) async throws(StateError) -> [RunRecord]
    /// Records the rule and plan files a cycle read, replacing the last cycle's list, which it returns
    /// (so a file that disappeared since is noticed).
    func replaceInputs(_ files: [String]) async throws(StateError) -> [String]
}

/// How a run ended.
public enum RunOutcome: String, Hashable, Sendable, CaseIterable {
    /// Still running (or its process died: the next run marks it interrupted).
    case running
    case ok
    case failed
    /// Its process ended before the run did.
    case interrupted
}

/// One cycle, as the run log keeps it.
public struct RunRecord: Hashable, Sendable {
    public var id: Int64
    public var startedAt: Instant
    public var finishedAt: Instant?
    public var evaluatedAt: Instant
    public var findings: Int
    public var mails: Int
    public var notifications: Int
    public var muted: Int
    public var recovered: Int
    public var outcome: RunOutcome
    public var message: String?
    /// The node that ran it (with a shared PostgreSQL state; `nil` with SQLite).
    public var node: String?

    public init(id: Int64, startedAt: Instant, finishedAt: Instant?, evaluatedAt: Instant, findings: Int, mails: Int,
                notifications: Int, muted: Int, recovered: Int, outcome: RunOutcome, message: String?, node: String? = nil) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.evaluatedAt = evaluatedAt
        self.findings = findings
        self.mails = mails
        self.notifications = notifications
        self.muted = muted
        self.recovered = recovered
        self.outcome = outcome
        self.message = message
        self.node = node
    }
}
