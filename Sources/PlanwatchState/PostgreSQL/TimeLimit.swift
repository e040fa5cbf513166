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
    /// calling task is cancelled first.
    static func run<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = Race<T>()
        let work = Task.detached {
            do { race.finish(.success(try await body())) } catch { race.finish(.failure(error)) }
        }
        let timer = Task.detached {
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

        func finish(_ result: Result<T, any Error>) {
            let waiting: CheckedContinuation<T, any Error>? = lock.withLock {
                guard outcome == nil else { return nil }
                outcome = result
                defer { continuation = nil }
                return continuation
            }
            waiting?.resume(with: result)
        }
    }
}
