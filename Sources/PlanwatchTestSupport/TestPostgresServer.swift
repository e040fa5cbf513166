public import Foundation

/// The real PostgreSQL 15 the test services start (`scripts/test-services`: the cluster
/// `15 planwatch-test` on 127.0.0.1:5439, the role `planwatch_test` with a password in
/// `/run/planwatch-test/postgresql-password`), or the one named by `PLANWATCH_TEST_POSTGRESQL_HOST`,
/// `…_PORT`, `…_USER` and `PLANWATCH_TEST_POSTGRESQL_PASSWORD_FILE`. Each test makes a database of
/// its own (``freshDatabase()``), so tests never see each other's rows.
public enum TestPostgresServer {
    static let environment = ProcessInfo.processInfo.environment
    public static let host = environment["PLANWATCH_TEST_POSTGRESQL_HOST"] ?? "127.0.0.1"
    public static let port = Int(environment["PLANWATCH_TEST_POSTGRESQL_PORT"] ?? "") ?? 5439
    public static let user = environment["PLANWATCH_TEST_POSTGRESQL_USER"] ?? "planwatch_test"
    public static let passwordFile = environment["PLANWATCH_TEST_POSTGRESQL_PASSWORD_FILE"] ?? "/run/planwatch-test/postgresql-password"
    /// The test cluster, for `pg_ctlcluster` (stopping and starting the server under a running pair).
    public static let clusterName = (version: "15", name: "planwatch-test")

    /// The password of the test role.
    public static var password: String {
        (try? String(contentsOfFile: passwordFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// The `state:` address of a database on the test server (TLS off: loopback).
    public static func address(_ database: String) -> String {
        "postgresql://\(user)@\(host):\(port)/\(database)?sslmode=disable"
    }

    /// Makes a new empty database and returns its name.
    public static func freshDatabase() throws -> String {
        let name = "pwtest_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try client("createdb", [name])
        return name
    }

    /// Runs a PostgreSQL client program (`createdb`, `psql`) against the test server; its output.
    /// - Throws: when it fails, with its error output.
    @discardableResult
    public static func client(_ program: String, _ arguments: [String]) throws -> String {
        let output = try runProgram("/usr/bin/\(program)", ["-h", host, "-p", String(port), "-U", user] + arguments,
                                    environment: ["PGPASSWORD": password, "PGCONNECT_TIMEOUT": "5"])
        guard output.status == 0 else {
            throw TestPostgresFailure(description: "\(program) \(arguments.joined(separator: " ")) failed (is the test PostgreSQL "
                + "running? bash scripts/test-services): \(output.stderr)")
        }
        return output.stdout
    }

    /// The rows of a query in `database`, each a list of its columns (tab-separated by psql).
    public static func query(_ database: String, _ sql: String) throws -> [[String]] {
        try client("psql", ["-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql])
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Stops or starts the test server (`pg_ctlcluster`).
    public static func cluster(_ action: String) throws {
        let sudo = geteuid() == 0 ? [] : ["sudo"]
        let output = try runProgram("/usr/bin/env", sudo + ["pg_ctlcluster", clusterName.version, clusterName.name, action])
        guard output.status == 0 else {
            throw TestPostgresFailure(description: "pg_ctlcluster \(action) failed: \(output.stderr)")
        }
    }
}

/// A test PostgreSQL that could not be used.
public struct TestPostgresFailure: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}
