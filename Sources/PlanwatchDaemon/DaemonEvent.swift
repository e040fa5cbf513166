import Foundation

/// What wakes the daemon.
public enum DaemonEvent: Sendable, Equatable {
    /// The wake-up time the daemon asked for has come.
    case timer
    /// The wall clock was set (a jump, not a drift): re-plan.
    case clockChanged
    /// Rule or plan files changed (after a quiet second).
    case filesChanged
    /// Mail arrived in the reply inbox.
    case inboxChanged
    /// SIGHUP: reload.
    case reload
    /// Time to ping the watchdog.
    case watchdog
}

/// One stream of events fed by several sources (timer thread, file watcher, signals, watchdog).
public final class EventHub: Sendable {
    public let events: AsyncStream<DaemonEvent>
    private let continuation: AsyncStream<DaemonEvent>.Continuation

    public init() {
        (events, continuation) = AsyncStream.makeStream(of: DaemonEvent.self, bufferingPolicy: .unbounded)
    }

    public func send(_ event: DaemonEvent) {
        continuation.yield(event)
    }

    public func finish() {
        continuation.finish()
    }
}

/// A flag set from one task and read from another (the shutdown request during a cycle).
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    public init() {}

    public func stop() { lock.withLock { stopped = true } }
    public var isStopped: Bool { lock.withLock { stopped } }
}
