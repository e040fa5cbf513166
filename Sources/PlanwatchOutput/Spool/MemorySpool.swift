public import PlanwatchCore

/// A spool in memory: the same contract as ``MaildirSpool``, for tests.
public actor MemorySpool: MailSpool {
    private var messages: [SpoolState: [String: (data: [UInt8], entered: Instant?)]] = [:]
    private var schedules: [String: RetrySchedule] = [:]
    private var locked = false

    public init() {}

    public func prepare() throws(SpoolError) {}

    @discardableResult
    public func add(name: String, data: [UInt8]) throws(SpoolError) -> Bool {
        guard !SpoolState.allCases.contains(where: { messages[$0]?[name] != nil }) else { return false }
        messages[.waiting, default: [:]][name] = (data, nil)
        return true
    }

    public func names(in state: SpoolState) -> [String] { (messages[state] ?? [:]).keys.sorted() }

    public func message(_ name: String, in state: SpoolState) -> [UInt8]? { messages[state]?[name]?.data }

    public func move(_ name: String, from source: SpoolState, to target: SpoolState, at instant: Instant) throws(SpoolError) {
        guard let entry = messages[source]?.removeValue(forKey: name) else {
            throw SpoolError("cannot move \(name) from \(source.rawValue)/ to \(target.rawValue)/: no such message")
        }
        messages[target, default: [:]][name] = (entry.data, instant)
    }

    public func enteredAt(_ name: String, in state: SpoolState) -> Instant? { messages[state]?[name]?.entered }

    public func remove(_ name: String, from state: SpoolState) { messages[state]?[name] = nil }

    public func retry(of name: String) -> RetrySchedule? { schedules[name] }

    public func setRetry(_ schedule: RetrySchedule?, of name: String) { schedules[name] = schedule }

    public func cleanUp() {}

    public func withDeliveryLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        while locked { await Task.yield() }
        locked = true
        defer { locked = false }
        return try await body()
    }
}
