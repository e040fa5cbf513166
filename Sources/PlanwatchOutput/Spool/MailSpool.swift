public import PlanwatchCore

/// Where composed mail waits for delivery, and how delivery takes it: the Maildir spool by default
/// (``MaildirSpool``), in memory for tests (``MemorySpool``).
///
/// A message is named by its notification key (or its digest's identity), so adding it twice does
/// nothing. Delivery moves it `waiting → inFlight → sent` (or back to `waiting` to retry, or to
/// `failed`); a message found `inFlight` when a flush begins was being handed over when a flusher
/// died.
public protocol MailSpool: Sendable {
    /// Makes the spool ready (creates what is missing).
    func prepare() async throws(SpoolError)
    /// Adds a message, durably; false (and nothing written) when one of that name is there in any state.
    @discardableResult
    func add(name: String, data: [UInt8]) async throws(SpoolError) -> Bool
    /// The names of the messages in a state, sorted.
    func names(in state: SpoolState) async -> [String]
    /// A message's bytes.
    func message(_ name: String, in state: SpoolState) async -> [UInt8]?
    /// Moves a message to another state, durably, noting when.
    func move(_ name: String, from source: SpoolState, to target: SpoolState, at instant: Instant) async throws(SpoolError)
    /// When a message entered its state (for how long sent mail is kept).
    func enteredAt(_ name: String, in state: SpoolState) async -> Instant?
    /// Removes a message (only sent mail is ever removed, once it is old).
    func remove(_ name: String, from state: SpoolState) async
    /// The retry schedule of a waiting message, if it has failed before.
    func retry(of name: String) async -> RetrySchedule?
    /// Sets (or with `nil` clears) a message's retry schedule.
    func setRetry(_ schedule: RetrySchedule?, of name: String) async
    /// Removes leftovers of a write that was interrupted (nothing that was added whole).
    func cleanUp() async
    /// Runs `body` holding the spool's delivery lock: one flusher at a time, a second one waits.
    func withDeliveryLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T
}

/// Where a message is in its delivery.
public enum SpoolState: String, Sendable, CaseIterable {
    /// Waiting to be handed to the MTA (`new/`).
    case waiting = "new"
    /// Being handed to the MTA right now (`inflight/`).
    case inFlight = "inflight"
    /// Handed over (`sent/`).
    case sent
    /// Set aside as undeliverable (`failed/`).
    case failed
}

/// A waiting message's retry schedule after temporary failures.
public struct RetrySchedule: Hashable, Sendable {
    public var attempts: Int
    /// Seconds since the epoch.
    public var firstFailure: Int64
    public var nextAttempt: Int64
    public var lastError: String

    public init(attempts: Int, firstFailure: Int64, nextAttempt: Int64, lastError: String) {
        self.attempts = attempts
        self.firstFailure = firstFailure
        self.nextAttempt = nextAttempt
        self.lastError = lastError
    }

    /// `attempts firstFailure nextAttempt`, then the last error on a line of its own.
    public var text: String { "\(attempts) \(firstFailure) \(nextAttempt)\n\(lastError)\n" }

    /// Parses ``text``.
    public init?(_ text: String) {
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let numbers = lines.first?.split(separator: " ").compactMap { Int64($0) } ?? []
        guard numbers.count == 3 else { return nil }
        self.init(attempts: Int(numbers[0]), firstFailure: numbers[1], nextAttempt: numbers[2],
                  lastError: lines.count > 1 ? String(lines[1]).trimmingSpaces.replacingNewlines : "")
    }
}

private extension String {
    var replacingNewlines: String { String(map { $0.isNewline ? " " : $0 }).trimmingSpaces }
}

/// A spool that cannot be written or read.
public struct SpoolError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
