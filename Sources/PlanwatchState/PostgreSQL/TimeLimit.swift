import Foundation

/// Runs an operation within a time limit, and returns when the limit is reached even if the
/// operation does not.
///
/// A task group cannot do this: it waits for every child, the cancelled one included, before it
/// returns, so an operation that ignores cancellation (a PostgresNIO future that is never
/// completed, say, after the server closed the connection under a stopped process) would hold the
/// caller for good, and with it every caller queued behind the session. Here the operation runs in
/// a task of its own; whichever comes first, its result or the limit, is returned, and an operation
/// still running is cancelled and left behind (the caller closes the connection it was using).
enum TimeLimit {
    struct Exceeded: Error {}

    /// `body`'s result, or ``Exceeded`` once `limit` has passed; `CancellationError` when the
    /// calling task is cancelled first (or already was: then `body` does not start).
    /// - Parameter late: given a result that came after the caller was answered (a connection
    ///   made too late, say), to be disposed of.
    static func run<T: Sendable>(_ limit: Duration, late: (@Sendable (T) -> Void)? = nil,
                                 _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try Task.checkCancellation()
        let race = Race<T>()
        let work = Task.detached(priority: Task.currentPriority) {
            do {
                let value = try await body()
                if !race.finish(.success(value)) { late?(value) }
            } catch {
                race.finish(.failure(error))
            }
        }
        let timer = Task.detached(priority: Task.currentPriority) {
            try? await Task.sleep(for: limit)
            race.finish(.failure(Exceeded()))
        }
        defer {
            work.cancel()
            timer.cancel()
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { race.wait($0) }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    /// The first outcome wins; the waiting continuation is resumed exactly once, with it.
    private final class Race<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var outcome: Result<T, any Error>?
        private var continuation: CheckedContinuation<T, any Error>?

        func wait(_ continuation: CheckedContinuation<T, any Error>) {
            let decided: Result<T, any Error>? = lock.withLock {
                if let outcome { return outcome }
                self.continuation = continuation
                return nil
            }
            if let decided { continuation.resume(with: decided) }
        }

        /// Whether `result` came first (and so is the outcome).
        @discardableResult
        func finish(_ result: Result<T, any Error>) -> Bool {
            let (won, waiting): (Bool, CheckedContinuation<T, any Error>?) = lock.withLock {
                guard outcome == nil else { return (false, nil) }
                outcome = result
                defer { continuation = nil }
                return (true, continuation)
            }
            waiting?.resume(with: result)
            return won
        }
    }
}
