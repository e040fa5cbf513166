import Foundation
public import Logging
public import PlanwatchCore
import PostgresNIO

/// planwatch's state on PostgreSQL, for two or more nodes sharing one ledger: the same contract as
/// ``SQLiteStateStore``, plus the leader lease (``LeaderLease``) and the mail outbox (``MailOutbox``).
///
/// Every ledger and alert-state write runs in one short transaction that first reads the lease row
/// `FOR SHARE` and goes on only while this node holds it with the epoch it was granted — the fence.
/// A takeover (`UPDATE` of the lease row) waits for such a transaction to end, and a transaction left
/// open by a paused process is ended by the server (`idle_in_transaction_session_timeout`, a third of
/// the lease), so a former leader cannot write once another leads. The unique notification key stays
/// the last line against duplicates.
public final class PostgresStateStore: Sendable {
    /// The database's address (no password).
    public let address: PostgresAddress
    /// This node's name.
    public let node: String
    /// This process, in the lease: a lease is taken back before it runs out only by the process that
    /// holds it, so a second process on the same node (`run --once` beside the daemon, or a daemon
    /// restarted after a crash) waits like any other node and never fences a live leader.
    let instance = UUID().uuidString
    let settings: HighAvailability
    let session: PostgresSession
    let leaseSession: PostgresSession
    let fence = LeaseFence()
    let logger: Logger
    let clock = ContinuousClock()

    /// The schema version this planwatch writes (``PostgresMigrations``).
    public static var schemaVersion: Int { PostgresMigrations.all.count }

    /// A store of the database at `address`. It connects when first used (and again after a
    /// connection broke), and then checks the schema's version and brings it up to date (one node at
    /// a time, under an advisory lock) — so the first operation is where a wrong password, an
    /// unreachable server or a schema from a newer planwatch are reported, as ``StateError``.
    /// - Parameters:
    ///   - password: read by the caller from the password file or systemd credential; never logged.
    ///   - migrate: false for commands that only read: a database planwatch has not set up is then
    ///     reported as missing, not set up.
    ///   - timeout: the longest any one operation may take before its connection is given up.
    public init(address: PostgresAddress, password: String?, settings: HighAvailability, logger: Logger,
                migrate: Bool = true, timeout: Duration = .seconds(30)) {
        self.address = address
        self.node = settings.node
        self.settings = settings
        self.logger = logger
        var configuration: PostgresConnection.Configuration
        if let socket = address.socketPath {
            configuration = PostgresConnection.Configuration(unixSocketPath: socket, username: address.user, password: password,
                                                              database: address.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch address.tls {
            case .disable: tls = .disable
            case .prefer: tls = (try? NIOSSLContext(configuration: .makeClientConfiguration())).map { .prefer($0) } ?? .disable
            case .require: tls = (try? NIOSSLContext(configuration: .makeClientConfiguration())).map { .require($0) } ?? .disable
            }
            configuration = PostgresConnection.Configuration(host: address.host ?? "localhost", port: address.port, username: address.user,
                                                              password: password, database: address.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [
            ("application_name", "planwatch \(settings.node)"),
            ("idle_in_transaction_session_timeout", String(settings.idleTransactionMilliseconds)),
            ("TimeZone", "UTC"),
        ]
        session = PostgresSession(configuration: configuration, address: address, logger: logger, timeout: timeout, migrate: migrate)
        leaseSession = PostgresSession(configuration: configuration, address: address, logger: logger,
                                       timeout: .milliseconds(max(1000, settings.renewMilliseconds)), migrate: migrate)
    }

    /// Connects and brings the schema up to date now (rather than at the first operation).
    public func prepare() async throws(StateError) {
        try await session.run("connecting") { _ in }
    }

    /// Closes the connections.
    public func close() async {
        await session.close()
        await leaseSession.close()
    }

    /// Runs `body` in a transaction (a short one: one batch).
    func transaction<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) async throws(StateError) -> T {
        let logger = self.logger
        return try await session.run(what) { connection in
            try await connection.query("BEGIN", logger: logger)
            let value = try await body(connection, logger)
            try await connection.query("COMMIT", logger: logger)
            return value
        }
    }

    /// Runs `body` in a transaction that writes only while this node leads under the epoch it was
    /// granted: the lease row is read `FOR SHARE` first (a takeover waits for the transaction), and a
    /// lease lost, expired or of another epoch refuses the whole transaction.
    /// - Throws: ``StateError/fenced(_:)`` when this node does not lead (nothing is written).
    func fencedTransaction<T: Sendable>(_ what: String,
                                        _ body: @escaping @Sendable (PostgresConnection, Logger, Int64) async throws -> T) async throws(StateError) -> T {
        guard let grant = fence.grant else {
            throw .fenced("\(node) does not hold the leader lease; \(what) is left to the leader")
        }
        guard clock.now < grant.trustedUntil else {
            fence.drop()
            throw .fenced("\(node) no longer trusts its lease of epoch \(grant.epoch) (it was not renewed in time); \(what) is left to the next leader")
        }
        let node = self.node
        return try await transaction(what) { connection, logger in
            let rows = try await connection.query("""
                SELECT holder, epoch, expires_at > clock_timestamp() FROM planwatch_lease WHERE name = 'leader' FOR SHARE
                """, logger: logger)
            var current: (String, Int64, Bool)?
            for try await row in rows.decode((String, Int64, Bool).self) { current = row }
            guard let current, current.0 == node, current.1 == grant.epoch, current.2 else {
                let now = current.map { "\($0.0) holds it with epoch \($0.1)\($0.2 ? "" : ", expired")" } ?? "there is no lease"
                throw StateError.fenced("\(node) wrote under epoch \(grant.epoch), but \(now); \(what) was refused, nothing of it written")
            }
            return try await body(connection, logger, grant.epoch)
        }
    }
}

/// The grant a store writes under, shared by the lease task and the writers.
final class LeaseFence: @unchecked Sendable {
    private let lock = NSLock()
    private var current: LeaseGrant?

    var grant: LeaseGrant? { lock.withLock { current } }
    func set(_ grant: LeaseGrant?) { lock.withLock { current = grant } }
    func drop() { set(nil) }
}
