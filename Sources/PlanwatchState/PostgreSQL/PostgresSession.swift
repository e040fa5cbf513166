import Foundation
import Logging
import NIOCore
import NIOSSL
public import PlanwatchCore
import PostgresNIO

/// One connection to the PostgreSQL server, used by one task at a time, made again after it broke.
///
/// Every operation has a time limit: a server that stopped answering (or a network that drops
/// packets) fails the operation and closes the connection instead of hanging a cycle; the next
/// operation connects anew. The store keeps two sessions, one for its queries and one for the
/// lease, so that renewing the lease never waits behind a cycle's batch.
actor PostgresSession {
    private let configuration: PostgresConnection.Configuration
    private let address: PostgresAddress
    private let logger: Logger
    private let timeout: Duration
    private var connection: PostgresConnection?
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var nextID = 1
    /// Whether the schema was found up to date (checked on the first connection).
    private var schemaChecked = false
    private let migrate: Bool

    init(configuration: PostgresConnection.Configuration, address: PostgresAddress, logger: Logger, timeout: Duration, migrate: Bool) {
        self.configuration = configuration
        self.address = address
        self.logger = logger
        self.timeout = timeout
        self.migrate = migrate
    }

    /// Runs `body` on the connection (connecting first when there is none), alone, within the time limit.
    /// - Throws: ``StateError`` (a failed query names the server's message; a lost connection says so).
    func run<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StateError) -> T {
        await acquire()
        defer { release() }
        let connection: PostgresConnection
        do {
            connection = try await connected()
        } catch is TimeLimit.Exceeded {
            throw .failed("cannot connect to the PostgreSQL state \(address): it did not answer within \(timeout)")
        } catch {
            throw .failed("cannot connect to the PostgreSQL state \(address): \(PostgresSession.explain(error))")
        }
        if !schemaChecked {
            do {
                try await PostgresMigrations.migrate(connection, address: address, create: migrate, logger: logger, timeout: timeout)
                schemaChecked = true
            } catch {
                // Given up, not rolled back: a check cut off by its time limit may still be running
                // on the connection, and a ROLLBACK would wait behind it. The next operation
                // connects anew and checks again.
                self.connection = nil
                Self.closeInBackground(connection)
                throw error
            }
        }
        do {
            return try await TimeLimit.run(timeout) { try await body(connection) }
        } catch let error as StateError {
            // A refusal of ours (fenced, a newer schema) inside an open transaction: roll it back.
            await rollBack(connection)
            throw error
        } catch {
            if error is TimeLimit.Exceeded || connection.isClosed || !Self.isServerError(error) {
                // Not awaited: an operation left running may hold the connection's close up too.
                self.connection = nil
                Self.closeInBackground(connection)
                if error is TimeLimit.Exceeded {
                    throw .failed("the PostgreSQL state \(address) did not answer within \(timeout) (\(what)); the connection was closed")
                }
                throw .failed("the connection to the PostgreSQL state \(address) was lost (\(what)): \(PostgresSession.explain(error))")
            }
            await rollBack(connection)
            throw .failed("PostgreSQL state \(address), \(what): \(PostgresSession.explain(error))")
        }
    }

    /// A session dropped with its connection open (a command that ends without closing the store)
    /// closes it in the background; the connection is kept until then, as PostgresNIO requires.
    deinit {
        if let connection { Self.closeInBackground(connection) }
    }

    /// Closes the connection, waiting for the server's goodbye no longer than the time limit.
    func close() async {
        if let connection {
            do {
                try await TimeLimit.run(timeout) { try await connection.close() }
            } catch {
                Self.closeInBackground(connection)
            }
        }
        connection = nil
    }

    /// Closes `connection` without waiting for it, keeping it until it is closed, as PostgresNIO requires.
    private static func closeInBackground(_ connection: PostgresConnection) {
        LingeringConnections.shared.keep(connection)
        connection.close().whenComplete { _ in LingeringConnections.shared.release(connection) }
    }

    private func rollBack(_ connection: PostgresConnection) async {
        do {
            _ = try await TimeLimit.run(timeout) { try await connection.query("ROLLBACK", logger: self.logger) }
        } catch {
            self.connection = nil
            Self.closeInBackground(connection)
        }
    }

    private func connected() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        let id = nextID
        nextID += 1
        // A connection made after the limit has passed is closed, not left open on the server.
        let made = try await TimeLimit.run(timeout, late: { Self.closeInBackground($0) }) { [configuration, logger] in
            try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        }
        connection = made
        return made
    }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    /// Whether the server answered with an error (the connection is still good).
    static func isServerError(_ error: any Error) -> Bool {
        (error as? PSQLError)?.code == .server
    }

    /// The SQLSTATE of a server error.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// An error as a sentence: the server's message, or what happened to the connection.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        switch error.code {
        case .connectionError:
            return "cannot reach the server" + (error.underlying.map { ": \($0)" } ?? "")
        case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
        case .clientClosedConnection: return "the connection was closed"
        case .sslUnsupported: return "the server does not offer TLS (sslmode=require)"
        case .authMechanismRequiresPassword:
            return "the server asks for a password and none was given (postgresql.password_file, or the credential postgresql-password)"
        case .saslError: return "the password was not accepted"
        default: return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
    }
}

/// Connections being closed after their session was dropped: held until the server has said goodbye.
final class LingeringConnections: @unchecked Sendable {
    static let shared = LingeringConnections()
    private let lock = NSLock()
    private var connections: [ObjectIdentifier: PostgresConnection] = [:]

    func keep(_ connection: PostgresConnection) {
        lock.withLock { connections[ObjectIdentifier(connection)] = connection }
    }

    func release(_ connection: PostgresConnection) {
        // Dropped on the event loop after the channel went inactive.
        _ = lock.withLock { connections.removeValue(forKey: ObjectIdentifier(connection)) }
    }
}
