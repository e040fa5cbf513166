import Foundation
import Logging
import PlanwatchCore
import PlanwatchState
import PlanwatchTestSupport

/// Stores on the real test PostgreSQL (``TestPostgresServer``), each test on a database of its own.
enum TestPostgreSQL {
    /// The address of a new empty database on the test server.
    static func freshDatabase() throws -> PostgresAddress {
        try PostgresAddress(parsing: TestPostgresServer.address(try TestPostgresServer.freshDatabase()))
    }

    /// Runs a client program against the test server (see ``TestPostgresServer/client(_:_:)``).
    @discardableResult
    static func client(_ program: String, _ arguments: [String]) throws -> String {
        try TestPostgresServer.client(program, arguments)
    }

    static var password: String { TestPostgresServer.password }

    /// A store on `address` for node `node`.
    static func store(_ address: PostgresAddress, node: String = "test", leaseSeconds: Int = 30,
                      timeout: Duration = .seconds(30)) -> PostgresStateStore {
        PostgresStateStore(address: address, password: password, settings: HighAvailability(node: node, leaseSeconds: leaseSeconds),
                           logger: Logger(label: "planwatch-test", factory: { _ in SwiftLogNoOpLogHandler() }), timeout: timeout)
    }

    /// A store on a fresh database that leads (took the lease), as a daemon's does before a cycle.
    static func leadingStore() async throws -> PostgresStateStore {
        let store = store(try freshDatabase())
        guard try await store.acquireLease() != nil else {
            throw TestPostgresFailure(description: "a fresh database's lease was not free")
        }
        return store
    }
}
