import Foundation
import PlanwatchCore
@testable import PlanwatchState
import PlanwatchTestSupport
import Testing

/// An operation on the PostgreSQL state returns within its time limit whatever the server or the
/// driver does: a cycle, or a lease renewal queued behind it, is never held for good.
@Suite struct PostgresTimeLimitTests {
    /// Opened once; records whether it was opened before the one waiting on it returned.
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var opened = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        var isOpen: Bool { lock.withLock { opened } }

        /// Waits until the gate is opened, cancelled or not.
        func wait() async {
            await withCheckedContinuation { continuation in
                let now = lock.withLock {
                    if opened { return true }
                    waiting.append(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        }

        func open() {
            let resumed = lock.withLock {
                opened = true
                defer { waiting = [] }
                return waiting
            }
            resumed.forEach { $0.resume() }
        }
    }

    @Test func anOperationThatIgnoresCancellationDoesNotHoldItsCallerPastTheLimit() async throws {
        let gate = Gate()
        // A fail-safe, so that a time limit that waits for the operation ends the test rather than hangs it.
        let failSafe = Task.detached {
            try? await Task.sleep(for: .seconds(20))
            gate.open()
        }
        defer { failSafe.cancel() }
        await #expect(throws: TimeLimit.Exceeded.self) {
            try await TimeLimit.run(.milliseconds(200)) {
                await gate.wait()
                return 1
            }
        }
        #expect(!gate.isOpen, "the time limit returned only once the operation had ended")
        gate.open()
    }

    @Test func aResultBeforeTheLimitIsReturnedAndAnErrorIsPassedOn() async throws {
        #expect(try await TimeLimit.run(.seconds(20)) { 7 } == 7)
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await TimeLimit.run(.seconds(20)) { () async throws -> Int in throw Refused() } }
    }

    @Test func aCancelledCallerReturnsAtOnce() async throws {
        let gate = Gate()
        let failSafe = Task.detached {
            try? await Task.sleep(for: .seconds(20))
            gate.open()
        }
        defer { failSafe.cancel() }
        let caller = Task { try await TimeLimit.run(.seconds(60)) { await gate.wait() } }
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        #expect(!gate.isOpen, "the cancelled caller waited for the operation")
        gate.open()
    }

    /// The server process behind the store's connection is stopped (SIGSTOP): the connection stays
    /// open and nothing answers, as with a server that hangs or a network that drops packets.
    @Test func aServerThatStopsAnsweringFailsTheOperationAndTheNextOneConnectsAnew() async throws {
        let address = try TestPostgreSQL.freshDatabase()
        let store = TestPostgreSQL.store(address, node: "stalled", timeout: .seconds(2))
        try await store.prepare()
        #expect(try await store.currentLease() == nil)
        let backends = try TestPostgresServer.query(address.database, """
            SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'planwatch stalled'
            """).compactMap { $0.first.flatMap { Int32($0) } }
        let backend = try #require(backends.first, "the store's connection was not found in pg_stat_activity")
        #expect(backends.count == 1)
        #expect(kill(backend, SIGSTOP) == 0)
        // Whatever happens below, the server process goes on (then it sees its client gone and ends).
        let resumedBySafety = Gate()
        let failSafe = Task.detached {
            try? await Task.sleep(for: .seconds(20))
            resumedBySafety.open()
            kill(backend, SIGCONT)
        }
        defer {
            failSafe.cancel()
            kill(backend, SIGCONT)
        }
        do {
            _ = try await store.currentLease()
            Issue.record("an operation on a stopped server succeeded")
        } catch {
            #expect("\(error)".contains("did not answer within 2.0 seconds"), "\(error)")
        }
        #expect(!resumedBySafety.isOpen, "the operation returned only once the server answered again")
        // While the old server process is still stopped: so this is a new connection, the stalled one given up.
        #expect(try await store.currentLease() == nil)
        #expect(!resumedBySafety.isOpen)
        kill(backend, SIGCONT)
        await store.close()
    }
}
