import Foundation
import PlanwatchTestSupport
import Testing

/// Kills `run --once` with SIGKILL at many points of a large run, runs it again, and checks that
/// every expected notification is in the spool exactly once and the ledger agrees.
@Suite(.serialized) struct CrashIntegrationTests {
    static let items = 2500

    /// A plan of `items` indicators, each owned by one of five people, all due 31 January.
    func largePlan(in folder: URL) throws {
        let people = (1...5).map { "  - { id: p-\($0), name: \"Person \($0)\", email: pwtest+crash\($0)@localhost, roles: [styrgrupp] }" }
        try """
        units:
          - { id: city, name: "Staden", kind: city, roles: { coordinator: p-1, manager: p-2 } }
        people:
        \(people.joined(separator: "\n"))
        """.write(to: folder.appendingPathComponent("organisation.yaml"), atomically: true, encoding: .utf8)
        let items = (1...Self.items).map { n in
            "  - { id: ind-\(n), kind: indicator, title: \"Indikator \(n)\", labels: { plan: handlingsplan-2023, focus_area: f }, unit: city, owner: p-\(n % 5 + 1) }"
        }
        try ("items:\n" + items.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("items.yaml"), atomically: true, encoding: .utf8)
    }

    @Test func killedRunsLoseAndDuplicateNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan")
        try FileManager.default.createDirectory(at: plan, withIntermediateDirectories: true)
        try largePlan(in: plan)
        let config = folder.appendingPathComponent("planwatch.yaml").path
        try """
        timezone: Europe/Stockholm
        rules: [\(PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/rules/handlingsplan-2023.yaml").path)]
        plan: plan
        state: state.sqlite
        spool: spool
        digest: immediate
        mail: { from: "Planwatch <planwatch@localhost>", transport: none }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let at = "2027-01-04 09:00"

        // What must be sent: every finding for every recipient.
        let evaluation = try PlanwatchProcess.run(["evaluate", "--config", config, "--at", at, "--format", "json", "--horizon", "0d"])
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(evaluation.stdout.utf8)) as? [String: Any])
        var expected = Set<String>()
        for finding in json["findings"] as? [[String: Any]] ?? [] {
            for recipient in finding["recipients"] as? [[String: Any]] ?? [] {
                expected.insert("\(finding["rule"]!)/\(finding["subject"]!)/\(finding["occurrence"]!)/\(finding["stage"]!)/\(recipient["id"]!)")
            }
        }
        #expect(expected.count >= Self.items)

        // Kill runs at growing delays until one completes.
        var killed = 0
        var delay = 0.15
        var completed = false
        for _ in 0..<60 where !completed {
            let process = Process()
            process.executableURL = PlanwatchProcess.executable
            process.arguments = ["run", "--once", "--config", config, "--at", at]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(delay)
            while process.isRunning && Date() < deadline { usleep(5_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            completed = process.terminationReason == .exit && process.terminationStatus == 0
            delay *= 1.35
        }
        #expect(completed)
        #expect(killed >= 5, "the runs were killed at \(killed) points")
        let final = try PlanwatchProcess.run(["run", "--once", "--config", config, "--at", at])
        #expect(final.status == 0)
        #expect(final.stdout.contains("spooled 0 mails"))

        // The spool: every expected key exactly once.
        let newFolder = folder.appendingPathComponent("spool/new").path
        var seen: [String: Int] = [:]
        var fileOfKey: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: newFolder) {
            let text = try String(contentsOfFile: newFolder + "/" + name, encoding: .utf8)
            for line in text.components(separatedBy: "\r\n") where line.hasPrefix("X-Planwatch-Key: ") {
                let key = String(line.dropFirst("X-Planwatch-Key: ".count))
                seen[key, default: 0] += 1
                fileOfKey[key] = name
            }
        }
        #expect(Set(seen.keys) == expected)
        #expect(seen.values.allSatisfy { $0 == 1 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("spool/tmp").path).isEmpty)

        // The ledger agrees: one row per key, naming the file that holds it.
        let rows = try runProgram("/usr/bin/env", ["python3", "-c", """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            print(json.dumps(db.execute("SELECT key, file FROM notification").fetchall()))
            """, folder.appendingPathComponent("state.sqlite").path])
        let ledger = try JSONSerialization.jsonObject(with: Data(rows.stdout.utf8)) as? [[String]] ?? []
        #expect(ledger.count == expected.count)
        #expect(Set(ledger.map { $0[0] }) == expected)
        #expect(ledger.allSatisfy { fileOfKey[$0[0]] == $0[1] })
    }
}

@Suite struct CatalogIntegrationTests {
    @Test func journalctlReadsTheCatalogInBothLanguages() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-catalog-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let catalogFolder = root.appendingPathComponent("usr/lib/systemd/catalog")
        try FileManager.default.createDirectory(at: catalogFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: PlanwatchProcess.root.appendingPathComponent("systemd/planwatch.catalog"),
                                         to: catalogFolder.appendingPathComponent("planwatch.catalog"))
        let update = try runProgram("/usr/bin/journalctl", ["--root=\(root.path)", "--update-catalog"])
        #expect(update.status == 0, "\(update.stderr)")
        let list = try runProgram("/usr/bin/journalctl", ["--root=\(root.path)", "--list-catalog"])
        #expect(list.stdout.contains("81aaef6bf2214afd9e62f5e0403a23b2 planwatch: Deadline reminder sent"))
        let dump = try runProgram("/usr/bin/journalctl", ["--root=\(root.path)", "--dump-catalog", "1f0731c19c974199b0f40f63a42e6883"])
        #expect(dump.stdout.contains("moved to the spool's failed/ folder"))
    }
}
