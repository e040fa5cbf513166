import Foundation
import PlanwatchCore
import PlanwatchState
import Logging
import Testing

/// The PostgreSQL backend's leadership, fence and outbox, on a real PostgreSQL 15 with two stores as
/// two nodes. A lease is made to run out by setting its expiry in the database, as the passing of
/// time would (no sleeping, no timing).
@Suite struct PostgresLeaseTests {
    let occurrence = OccurrenceKey(rule: "r", subject: "s", occurrence: .date(LocalDate(iso: "2027-02-01")!))

    func row(_ recipient: String, file: String = "f") -> LedgerRow {
        LedgerRow(key: NotificationKey(occurrence, stage: .due, recipient: recipient), status: .spooled, file: file, messageID: "<\(file)@x>",
                  severity: .warning, slot: Instant(seconds: 1), recordedAt: Instant(seconds: 2))
    }

    func mail(_ name: String, recipient: String) -> OutboxMail {
        OutboxMail(name: name, data: Array("Subject: \(name)\r\n\r\nbody\r\n".utf8),
                   keys: [NotificationKey(occurrence, stage: .due, recipient: recipient)], recipients: ["\(recipient)@localhost"])
    }

    /// Ends the current lease now, as its running out would.
    func expireLease(_ address: PostgresAddress) throws {
        try TestPostgreSQL.client("psql", ["-q", "-v", "ON_ERROR_STOP=1", "-d", address.database,
                                           "-c", "UPDATE planwatch_lease SET expires_at = clock_timestamp() - interval '1 second'"])
    }

    @Test func oneNodeLeadsAtATimeAndEachNewLeaderHasAHigherEpoch() async throws {
        let address = try TestPostgreSQL.freshDatabase()
        let a = TestPostgreSQL.store(address, node: "a"), b = TestPostgreSQL.store(address, node: "b")
        let first = try #require(try await a.acquireLease())
        #expect(try await b.acquireLease() == nil)
        #expect(try await a.currentLease()?.holder == "a")
        let renewed = try #require(try await a.renewLease(first))
        #expect(renewed.epoch == first.epoch)
        try expireLease(address)
        let second = try #require(try await b.acquireLease())
        #expect(second.epoch > first.epoch)
        #expect(try await a.renewLease(renewed) == nil)
        #expect(try await b.currentLease()?.holder == "b")
        #expect(Set(try await b.nodes().filter(\.leading).map(\.name)) == ["b"])
    }

    @Test func aReleasedLeaseIsTakenAtOnce() async throws {
        let address = try TestPostgreSQL.freshDatabase()
        let a = TestPostgreSQL.store(address, node: "a"), b = TestPostgreSQL.store(address, node: "b")
        let grant = try #require(try await a.acquireLease())
        try await a.releaseLease(grant)
        #expect(try await b.acquireLease() != nil)
        await #expect(throws: StateError.self) { try await a.record([row("p")]) }
    }

    @Test func aSecondProcessOfTheLeadingNodeWaitsForTheLeaseAndFencesNothing() async throws {
        let address = try TestPostgreSQL.freshDatabase()
        let daemon = TestPostgreSQL.store(address, node: "a"), once = TestPostgreSQL.store(address, node: "a")
        let grant = try #require(try await daemon.acquireLease())
        #expect(try await once.acquireLease() == nil, "run --once on the leader's node took the lease from its daemon")
        #expect(try await daemon.record([row("p")]) == 1, "the daemon was fenced by a process of its own node")
        #expect(try await daemon.acquireLease().map(\.epoch) == grant.epoch + 1, "the holding process takes its own lease back")
        #expect(try await once.acquireLease() == nil)
    }

    @Test func aFormerLeaderThatStillTrustsItsLeaseCannotWriteOnceAnotherLeads() async throws {
        let address = try TestPostgreSQL.freshDatabase()
        let a = TestPostgreSQL.store(address, node: "a"), b = TestPostgreSQL.store(address, node: "b")
        _ = try #require(try await a.acquireLease())
        #expect(try await a.record([row("p1", file: "f1")]) == 1)
        try expireLease(address)
        _ = try #require(try await b.acquireLease())
        // a was paused: by its own clock its lease is still good, but the database's epoch moved on.
        do {
            try await a.record([row("p2", file: "f2")], mails: [mail("f2", recipient: "p2")])
            Issue.record("the former leader's write was accepted")
        } catch {
            #expect(error.isFenced)
        }
        do {
            try await a.save([StoredAlertState(series: SeriesKey(rule: "r", unit: "u"), state: .critical, since: "2026-11",
                                               lastPeriod: "2026-11", lastValue: 1)], at: Instant(seconds: 3))
            Issue.record("the former leader's alert state was accepted")
        } catch {
            #expect(error.isFenced)
        }
        #expect(try await b.allRows().compactMap(\.file) == ["f1"])
        #expect(try await b.outboxCounts().counts.values.reduce(0, +) == 0)
        #expect(try await b.alertStates().isEmpty)
        // The new leader writes; the unique key keeps a key recorded before from being recorded again.
        #expect(try await b.record([row("p1", file: "f1-again"), row("p2", file: "f2")]) == 1)
        #expect(try await b.allRows().compactMap(\.file).sorted() == ["f1", "f2"])
    }

    @Test func aNodeWithoutTheLeaseWritesNothing() async throws {
        let address = try TestPostgreSQL.freshDatabase()
        let a = TestPostgreSQL.store(address, node: "a")
        do {
            try await a.record([row("p")])
            Issue.record("a write without the lease was accepted")
        } catch {
            #expect(error.isFenced)
        }
        #expect(try await a.allRows().isEmpty)
    }

    @Test func mailIsRecordedWithItsLedgerRowsAndGoesOutOnce() async throws {
        let store = try await TestPostgreSQL.leadingStore()
        #expect(try await store.record([row("p1", file: "m1")], mails: [mail("m1", recipient: "p1")]) == 1)
        #expect(try await store.allRows().compactMap(\.file) == ["m1"])
        // The same mail again (a cycle that planned it twice) is not recorded twice.
        #expect(try await store.record([row("p1", file: "m1")], mails: [mail("m1", recipient: "p1")]) == 0)
        let claimed = try await store.claimMail(limit: 10, at: Instant(seconds: 100), force: false)
        #expect(claimed.map(\.name) == ["m1"])
        #expect(claimed.first?.recipients == ["p1@localhost"])
        #expect(try await store.claimMail(limit: 10, at: Instant(seconds: 100), force: false).isEmpty)
        try await store.markSent("m1", at: Instant(seconds: 101))
        #expect(try await store.outboxCounts().counts == ["sent": 1])
    }

    @Test func deliveriesOnTwoNodesNeverTakeTheSameMessage() async throws {
        let address = try TestPostgreSQL.freshDatabase()
        let leader = TestPostgreSQL.store(address, node: "a")
        _ = try #require(try await leader.acquireLease())
        let names = (1...60).map { "m\($0)" }
        try await leader.record(names.map { row($0, file: $0) }, mails: names.map { mail($0, recipient: $0) })
        let one = TestPostgreSQL.store(address, node: "one"), two = TestPostgreSQL.store(address, node: "two")
        async let first = Self.drain(one)
        async let second = Self.drain(two)
        let (a, b) = try await (first, second)
        #expect(Set(a).isDisjoint(with: b))
        #expect(Set(a + b) == Set(names))
        #expect(a.count + b.count == names.count)
    }

    /// Claims mail in small batches until none is left; the names taken.
    static func drain(_ store: PostgresStateStore) async throws -> [String] {
        var taken: [String] = []
        while true {
            let batch = try await store.claimMail(limit: 7, at: Instant(seconds: 100), force: false)
            if batch.isEmpty { return taken }
            taken += batch.map(\.name)
        }
    }

    @Test func aRetryWaitsForItsTimeAndAFailureIsSetAside() async throws {
        let store = try await TestPostgreSQL.leadingStore()
        try await store.record([row("p1", file: "m1"), row("p2", file: "m2")], mails: [mail("m1", recipient: "p1"), mail("m2", recipient: "p2")])
        _ = try await store.claimMail(limit: 10, at: Instant(seconds: 100), force: false)
        try await store.markRetry("m1", attempts: 1, firstFailure: 100, nextAttempt: 160, error: "try later")
        try await store.markFailed("m2", reason: "no such user", at: Instant(seconds: 100))
        #expect(try await store.claimMail(limit: 10, at: Instant(seconds: 120), force: false).isEmpty)
        let later = try await store.claimMail(limit: 10, at: Instant(seconds: 160), force: false)
        #expect(later.map(\.name) == ["m1"])
        #expect(later.first?.attempts == 1 && later.first?.lastError == "try later")
        #expect(try await store.outboxCounts().counts == ["inflight": 1, "failed": 1])
    }

    @Test func aPasswordInTheAddressIsRefusedAndAWrongOneIsReportedWithoutIt() async throws {
        #expect(throws: PostgresAddressError.self) { try PostgresAddress(parsing: "postgresql://planwatch:secret@db:5432/planwatch") }
        var address = try TestPostgreSQL.freshDatabase()
        address.tls = .disable
        let store = PostgresStateStore(address: address, password: "not-the-password", settings: HighAvailability(node: "a"),
                                       logger: .init(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }))
        do {
            try await store.prepare()
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(!error.description.contains("not-the-password"))
            #expect(error.description.contains(address.database))
        }
    }
}
