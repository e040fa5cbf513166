import Foundation
import PlanwatchTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two planwatch daemons (separate processes, separate spools, one Postfix) on one real PostgreSQL
/// 15: failover after SIGKILL, fencing after SIGSTOP/SIGCONT, and the database stopped under the
/// pair. Each ends with the same proof: every due key is in the ledger once (a further cycle finds
/// nothing to send), and every recorded mail reached the mailbox exactly once.
@Suite(.serialized) struct HighAvailabilityIntegrationTests {
    /// The lease in these tests (renewed every 2 s, trusted for 5 s, open transactions ended after 2 s).
    static let lease = 6

    /// A shared plan, one database, and a node's configuration per name.
    struct Pair {
        let workspace: IntegrationWorkspace
        let database: String
        let cluster: TestPostgresServer.Cluster

        /// `items` more activities due in a week: their reminders are due at once.
        init(items: Int, on cluster: TestPostgresServer.Cluster = .shared) throws {
            self.cluster = cluster
            let due = ISO8601DateFormatter.string(from: Date().addingTimeInterval(7 * 86_400), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            workspace = try IntegrationWorkspace(plan: { text in
                text += (1...items).map { n in
                    "\n  - { id: bulk-\(n), kind: activity, title: \"Aktivitet \(n)\", labels: { plan: handlingsplan-2023 }, unit: farsta, owner: p-maria, due: \(due) }"
                }.joined() + "\n"
            })
            database = try TestPostgresServer.freshDatabase(on: cluster)
            for node in ["a", "b"] {
                var text = try String(contentsOfFile: workspace.config, encoding: .utf8)
                text = text.replacingOccurrences(of: "state: state.sqlite", with: "state: \(TestPostgresServer.address(database, on: cluster))")
                    .replacingOccurrences(of: "spool: spool", with: "spool: spool-\(node)")
                text += "\npostgresql: { node: \(node), lease: \(HighAvailabilityIntegrationTests.lease)s, password_file: \(TestPostgresServer.passwordFile) }\n"
                try text.write(toFile: config(node), atomically: true, encoding: .utf8)
            }
        }

        func config(_ node: String) -> String { workspace.folder.appendingPathComponent("\(node).yaml").path }

        func start(_ node: String) throws -> Node {
            let socket = try NotifySocket()
            let process = Process()
            process.executableURL = PlanwatchProcess.executable
            process.arguments = ["run", "--config", config(node)]
            var environment = ProcessInfo.processInfo.environment
            environment["NOTIFY_SOCKET"] = socket.path
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let started = Date()
            try process.run()
            return Node(name: node, process: process, started: started, socket: socket)
        }

        func query(_ sql: String) throws -> [[String]] { try TestPostgresServer.query(database, sql, on: cluster) }

        /// The lease holder, while the lease is in force.
        func leader() throws -> String? {
            try query("SELECT holder FROM planwatch_lease WHERE expires_at > clock_timestamp()").first?.first
        }

        /// Waits until `condition` holds (checking every 100 ms; a query failing, e.g. before the
        /// first node made the schema, counts as not yet); false after `seconds`.
        func wait(seconds: Double = 120, _ condition: () throws -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if (try? condition()) == true { return true }
                usleep(100_000)
            }
            return (try? condition()) == true
        }

        /// Whether `node` finished a cycle (outcome ok) after run `after`.
        func finishedCycle(_ node: String, after id: Int = 0) throws -> Bool {
            try !query("SELECT id FROM run WHERE node = '\(node)' AND outcome = 'ok' AND id > \(id)").isEmpty
        }

        /// Checks what every scenario must end with: nothing more to send, each key once, each mail once.
        func expectEverythingSentOnce(expectedAtLeast: Int) throws {
            let again = try PlanwatchProcess.run(["run", "--once", "--no-deliver", "--config", config("b")])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("spooled 0 mails"), "a further cycle found more to send: \(again.stdout)")
            let rows = try query("SELECT key, message_id, file FROM notification")
            #expect(rows.count >= expectedAtLeast)
            #expect(Set(rows.map { $0[0] }).count == rows.count)
            // Both nodes deliver at once: the outbox hands each message to one of them.
            let configs = [config("a"), config("b")]
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                do {
                    let output = try PlanwatchProcess.run(["spool", "flush", "--config", configs[index]])
                    #expect(output.status == 0, "\(output.stderr)")
                } catch {
                    Issue.record(error)
                }
            }
            let files = Set(rows.compactMap { $0[2].isEmpty ? nil : $0[2] })
            let outbox = try query("SELECT state, count(*) FROM outbox GROUP BY state")
            #expect(outbox.map { $0[0] } == ["sent"], "\(outbox)")
            #expect(outbox.first.flatMap { Int($0[1]) } == files.count)
            let mails = try workspace.waitForMails(files.count, seconds: 300)
            let ids = mails.compactMap { $0["message_id"] as? String }
            #expect(ids.count == files.count)
            #expect(Set(ids).count == ids.count, "a mail arrived twice")
            #expect(Set(ids) == Set(rows.compactMap { $0[1].isEmpty ? nil : $0[1] }))
        }

        func remove() {
            workspace.remove()
            try? TestPostgresServer.client("dropdb", ["--force", database], on: cluster)
        }
    }

    struct Node {
        let name: String
        let process: Process
        let started: Date
        let socket: NotifySocket

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        func stop() {
            guard process.isRunning else { return }
            signal(SIGCONT)
            signal(SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                signal(SIGKILL)
                process.waitUntilExit()
            }
        }

        /// This process's journal entries with a MESSAGE_ID.
        func journal(_ messageID: String) throws -> [[String: String]] {
            try IntegrationWorkspace.journal(pid: process.processIdentifier, since: started).filter { $0["MESSAGE_ID"] == messageID }
        }
    }

    static let leadershipGained = "77e2a1b7d1104d85af4e9b065611e68d"
    static let leadershipLost = "3c6d8c22fbb44ce48dad5bd0e9daff46"

    @Test func theStandbyTakesOverWhenTheLeaderIsKilledInTheMiddleOfALargeCycle() throws {
        let pair = try Pair(items: 1500)
        defer { pair.remove() }
        let a = try pair.start("a")
        defer { a.stop() }
        #expect(pair.wait { try pair.leader() == "a" })
        let b = try pair.start("b")
        defer { b.stop() }
        #expect(b.socket.wait(for: "STATUS=standby") != nil)
        // Kill the leader once its first batches are recorded, well before the cycle ends.
        #expect(pair.wait { (try pair.query("SELECT count(*) FROM notification").first.flatMap { Int($0[0]) } ?? 0) >= 400 })
        a.signal(SIGKILL)
        a.process.waitUntilExit()
        let recordedByA = try pair.query("SELECT count(*) FROM notification WHERE node = 'a'").first.flatMap { Int($0[0]) } ?? 0
        #expect(recordedByA < 1500, "the leader finished before it was killed; the test proves nothing")
        #expect(pair.wait { try pair.leader() == "b" })
        #expect(pair.wait { try pair.finishedCycle("b") })
        #expect(try b.journal(Self.leadershipGained).first?["PLANWATCH_EPOCH"] == "2")
        #expect(try pair.query("SELECT count(*) FROM notification WHERE node = 'b'").first.flatMap { Int($0[0]) } ?? 0 > 0)
        // The operator's view from the node that died: b leads with epoch 2, a (this one) does not.
        let status = try PlanwatchProcess.run(["status", "--config", pair.config("a")])
        #expect(status.status == 0, "\(status.stderr)")
        let lines = status.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Leader: b, epoch 2, since ") && $0.contains("runs out in") }, "\(status.stdout)")
        #expect(lines.contains { $0.hasPrefix("  node a (this one)  standby, seen ") }, "\(status.stdout)")
        #expect(lines.contains { $0.hasPrefix("  node b  leader, seen ") && $0.contains("last cycle #") }, "\(status.stdout)")
        #expect(lines.contains { $0.hasPrefix("Outbox: ") }, "\(status.stdout)")
        // The killed leader's cycle is not shown as still running.
        #expect(try pair.query("SELECT outcome FROM run WHERE node = 'a'") == [["interrupted"]])
        b.stop()
        try pair.expectEverythingSentOnce(expectedAtLeast: 1500)
    }

    @Test func aPausedLeaderCannotWriteOnceTheStandbyLeadsAndStepsDownWhenResumed() throws {
        let pair = try Pair(items: 1000)
        defer { pair.remove() }
        let a = try pair.start("a")
        defer { a.stop() }
        #expect(pair.wait { try pair.leader() == "a" })
        let b = try pair.start("b")
        defer { b.stop() }
        #expect(b.socket.wait(for: "STATUS=standby") != nil)
        #expect(pair.wait { (try pair.query("SELECT count(*) FROM notification").first.flatMap { Int($0[0]) } ?? 0) >= 200 })
        a.signal(SIGSTOP)
        // Past the lease: the standby takes over (a transaction the paused leader holds open is
        // ended by the server) and finishes the cycle.
        #expect(pair.wait { try pair.leader() == "b" })
        #expect(pair.wait { try pair.finishedCycle("b") })
        let epochA = try pair.query("SELECT max(epoch) FROM notification WHERE node = 'a'").first?.first
        let rowsOfA = try pair.query("SELECT count(*) FROM notification WHERE node = 'a'")
        let outboxOfA = try pair.query("SELECT count(*) FROM outbox WHERE epoch = \(epochA ?? "0")")
        // What it said before it was stopped does not count (it started as a standby).
        a.socket.skipReceived()
        a.signal(SIGCONT)
        // The former leader learns it lost the lease, says so, and stands by. Its cycle, cut off in
        // a transaction the server has since ended, must not hold that up: every operation on the
        // state returns within its time limit (see PostgresTimeLimitTests).
        #expect(a.socket.wait(for: "STATUS=standby", seconds: 120) != nil)
        #expect(pair.wait { !(try a.journal(Self.leadershipLost)).isEmpty })
        #expect(try pair.query("SELECT leads FROM planwatch_node WHERE name = 'a'").first?.first == "f")
        // None of its writes landed after the takeover.
        #expect(try pair.query("SELECT count(*) FROM notification WHERE node = 'a'") == rowsOfA)
        #expect(try pair.query("SELECT count(*) FROM outbox WHERE epoch = \(epochA ?? "0")") == outboxOfA)
        #expect(try pair.leader() == "b")
        a.stop()
        b.stop()
        try pair.expectEverythingSentOnce(expectedAtLeast: 1000)
    }

    @Test
    func whileTheDatabaseIsDownNothingIsSentAndWhatIsDueGoesOutOnceItIsBack() throws {
        // On a server of its own: stopping the shared one would fail every other test using it meanwhile.
        let pair = try Pair(items: 50, on: .outage)
        defer { pair.remove() }
        let a = try pair.start("a")
        defer { a.stop() }
        #expect(pair.wait { try pair.finishedCycle("a") })
        let b = try pair.start("b")
        defer { b.stop() }
        #expect(b.socket.wait(for: "STATUS=standby") != nil)
        try TestPostgresServer.cluster("stop", .outage)
        var restarted = false
        defer { if !restarted { try? TestPostgresServer.cluster("start", .outage) } }
        // Both fail closed: the leader stops trusting its lease, both say so in STATUS= and the journal.
        #expect(a.socket.wait(for: "STATUS=standby, the state cannot be reached", seconds: 60) != nil)
        #expect(b.socket.wait(for: "STATUS=standby, the state cannot be reached", seconds: 60) != nil)
        #expect(try !a.journal(Self.leadershipLost).isEmpty)
        // A cycle from the command line fails cleanly: exit 69, the reason on standard error.
        let once = try PlanwatchProcess.run(["run", "--once", "--no-deliver", "--config", pair.config("b")])
        #expect(once.status == 69, "\(once.status) \(once.stderr)")
        #expect(once.stderr.contains("PostgreSQL"))
        // New work arrives while the database is down.
        let due = ISO8601DateFormatter.string(from: Date().addingTimeInterval(7 * 86_400), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        try (1...20).map { n in
            "items:\n  - { id: late-\(n), kind: activity, title: \"Sen aktivitet \(n)\", labels: { plan: handlingsplan-2023 }, unit: farsta, owner: p-maria, due: \(due) }\n"
        }.joined().replacingOccurrences(of: "\nitems:\n", with: "\n")
            .write(to: pair.workspace.folder.appendingPathComponent("plan/late.yaml"), atomically: true, encoding: .utf8)
        try TestPostgresServer.cluster("start", .outage)
        restarted = true
        // Back: one node leads again and sends what became due.
        #expect(pair.wait { try pair.leader() != nil })
        #expect(pair.wait {
            (try pair.query("SELECT count(*) FROM notification WHERE subject LIKE 'late-%'").first.flatMap { Int($0[0]) } ?? 0) >= 20
        })
        a.stop()
        b.stop()
        try pair.expectEverythingSentOnce(expectedAtLeast: 70)
    }
}
