public import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
    /// One of the two test clusters. Tests share `.shared`; `.outage` is stopped and started by the
    /// database-loss test alone, so that the server going away under it never reaches another test.
    public struct Cluster: Sendable {
        public let version: String
        public let name: String
        public let port: Int
        /// `15 planwatch-test` (or the server named by the environment).
        public static let shared = Cluster(version: "15", name: "planwatch-test", port: TestPostgresServer.port)
        /// `15 planwatch-outage` on port 5440 (or `PLANWATCH_TEST_POSTGRESQL_OUTAGE_PORT`).
        public static let outage = Cluster(version: "15", name: "planwatch-outage",
                                           port: Int(environment["PLANWATCH_TEST_POSTGRESQL_OUTAGE_PORT"] ?? "") ?? 5440)
    }

    /// The password of the test role.
    public static var password: String {
        (try? String(contentsOfFile: passwordFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// The `state:` address of a database on the test server (TLS off: loopback).
    public static func address(_ database: String, on cluster: Cluster = .shared) -> String {
        "postgresql://\(user)@\(host):\(cluster.port)/\(database)?sslmode=disable"
    }

    /// Makes a new empty database and returns its name.
    public static func freshDatabase(on cluster: Cluster = .shared) throws -> String {
        let name = "pwtest_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try client("createdb", [name], on: cluster)
        return name
    }

    /// Runs a PostgreSQL client program (`createdb`, `psql`) against the test server; its output.
    /// - Throws: when it fails, with its error output.
    @discardableResult
    public static func client(_ program: String, _ arguments: [String], on cluster: Cluster = .shared) throws -> String {
        let output = try runProgram("/usr/bin/\(program)", ["-h", host, "-p", String(cluster.port), "-U", user] + arguments,
                                    environment: ["PGPASSWORD": password, "PGCONNECT_TIMEOUT": "5"])
        guard output.status == 0 else {
            throw TestPostgresFailure(description: "\(program) \(arguments.joined(separator: " ")) failed (is the test PostgreSQL "
                + "running? bash scripts/test-services): \(output.stderr)")
        }
        return output.stdout
    }

    /// The rows of a query in `database`, each a list of its columns (tab-separated by psql).
    public static func query(_ database: String, _ sql: String, on cluster: Cluster = .shared) throws -> [[String]] {
        try client("psql", ["-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql], on: cluster)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Stops or starts the test server (`pg_ctlcluster`), its output in a log file. The server that
    /// `start` leaves running would inherit every descriptor of this process that it is given, and
    /// Foundation's `Process` waits until the last holder of its own descriptors has gone, which the
    /// server never does. So `pg_ctlcluster` is spawned with only standard input, output and error, and
    /// waited for with `waitpid`.
    public static func cluster(_ action: String, _ cluster: Cluster) throws {
        let sudo = geteuid() == 0 ? [] : ["sudo"]
        let arguments = ["/usr/bin/env"] + sudo + ["pg_ctlcluster", cluster.version, cluster.name, action]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pg_ctlcluster-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard spawned == 0 else {
            throw TestPostgresFailure(description: "pg_ctlcluster \(action) could not be started: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw TestPostgresFailure(description: "pg_ctlcluster \(action) failed (wait status \(status)): \(output)")
        }
    }
}

/// A test PostgreSQL that could not be used.
public struct TestPostgresFailure: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}
