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

    /// Does `action` after 20 s unless cancelled first, so that a time limit that waits for its
    /// operation ends the test rather than hangs it; `fired` tells whether it had to.
    struct FailSafe {
        let fired = Gate()
        private let task: Task<Void, Never>

        init(_ action: @escaping @Sendable () -> Void) {
            let fired = fired
            task = Task.detached {
                try? await Task.sleep(for: .seconds(20))
                guard !Task.isCancelled else { return }
                fired.open()
                action()
            }
        }

        func cancel() { task.cancel() }
    }

    /// A store with a 2 s time limit on a fresh database, through a relay the test can stall.
    func storeBehindRelay(node: String) throws -> (relay: StallingRelay, store: PostgresStateStore) {
        let database = try TestPostgresServer.freshDatabase()
        let relay = try StallingRelay(to: TestPostgresServer.host, port: TestPostgresServer.port)
        let address = try PostgresAddress(parsing: "postgresql://\(TestPostgresServer.user)@127.0.0.1:\(relay.port)/\(database)?sslmode=disable")
        return (relay, TestPostgreSQL.store(address, node: node, timeout: .seconds(2)))
    }

    @Test func anOperationThatIgnoresCancellationDoesNotHoldItsCallerPastTheLimit() async throws {
        let gate = Gate()
        let failSafe = FailSafe { gate.open() }
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
        let failSafe = FailSafe { gate.open() }
        defer { failSafe.cancel() }
        let caller = Task { try await TimeLimit.run(.seconds(60)) { await gate.wait() } }
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        #expect(!gate.isOpen, "the cancelled caller waited for the operation")
        gate.open()
    }

    @Test func aResultThatComesAfterTheLimitIsHandedOverToBeDisposedOf() async throws {
        let gate = Gate(), disposed = Gate()
        let handedOver = Gate()
        let failSafe = FailSafe {
            gate.open()
            disposed.open()
        }
        defer { failSafe.cancel() }
        await #expect(throws: TimeLimit.Exceeded.self) {
            try await TimeLimit.run(.milliseconds(100), late: { value in
                if value == 42 { handedOver.open() }
                disposed.open()
            }) {
                await gate.wait()
                return 42
            }
        }
        gate.open()
        await disposed.wait()
        #expect(handedOver.isOpen, "the late result was dropped")
    }

    @Test func aCallerCancelledAlreadyDoesNotStartTheOperation() async throws {
        let started = Gate()
        let caller = Task { () async throws -> Int in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await TimeLimit.run(.seconds(60)) {
                started.open()
                return 1
            }
        }
        await #expect(throws: CancellationError.self) { try await caller.value }
        #expect(!started.isOpen)
    }

    /// Stalled before the first operation: connecting itself gets no answer.
    @Test func aServerThatDoesNotAnswerTheConnectionFailsWithinTheLimit() async throws {
        let (relay, store) = try storeBehindRelay(node: "unanswered")
        relay.stall(true)
        let failSafe = FailSafe { relay.stall(false) }
        defer { failSafe.cancel() }
        do {
            try await store.prepare()
            Issue.record("connecting through a stalled relay succeeded")
        } catch {
            #expect("\(error)".contains("cannot connect to the PostgreSQL state") && "\(error)".contains("did not answer within 2.0 seconds"),
                    "\(error)")
        }
        #expect(!failSafe.fired.isOpen, "connecting returned only once the server answered again")
        relay.stall(false)
        try await store.prepare()
        #expect(try await store.currentLease() == nil)
        await store.close()
    }

    /// A relay between the store and the server stops passing anything on: the connection stays
    /// open and nothing answers, as with a server that hangs or a network that drops packets.
    @Test func aServerThatStopsAnsweringFailsTheOperationAndTheNextOneConnectsAnew() async throws {
        let (relay, store) = try storeBehindRelay(node: "stalled")
        try await store.prepare()
        #expect(try await store.currentLease() == nil)
        #expect(relay.connectionsTaken() == 1)
        relay.stall(true)
        let failSafe = FailSafe { relay.stall(false) }
        defer { failSafe.cancel() }
        do {
            _ = try await store.currentLease()
            Issue.record("an operation through a stalled connection succeeded")
        } catch {
            #expect("\(error)".contains("did not answer within 2.0 seconds"), "\(error)")
        }
        #expect(!failSafe.fired.isOpen, "the operation returned only once the server answered again")
        relay.stall(false)
        // The stalled connection was given up: the next operation connects anew.
        #expect(try await store.currentLease() == nil)
        #expect(relay.connectionsTaken() == 2)
        await store.close()
    }
}
