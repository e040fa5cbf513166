import Foundation
import PlanwatchTestSupport
import Testing

/// `run --once`, `status`, `silence`, `spool list` and `preview` on a copy of the example.
@Suite struct DeliveryCommandTests {
    func workspace() throws -> (folder: URL, config: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("planwatch.yaml").path
        try """
        timezone: Europe/Stockholm
        rules: [\(PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/rules").path)]
        plan: \(PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/plan").path)
        state: state.sqlite
        spool: spool
        digest: immediate
        mail: { from: "Planwatch <planwatch@example.se>", transport: none }
        roles: { styrgrupp: [p-anna, p-erik] }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return (folder, config)
    }

    @Test func runOnceSpoolsAndStatusAndSpoolListShowIt() throws {
        let (folder, config) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlanwatchProcess.run(["run", "--once", "--config", config, "--at", "2027-01-04 09:00"],
                                           environment: ["PLANWATCH_TEST": "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("spooled 10 mails with 10 notifications"))
        let status = try PlanwatchProcess.run(["status", "--config", config])
        #expect(status.stdout.contains("Ledger: 10 mailed, 0 muted"))
        #expect(status.stdout.contains("critical  arenden-per-handlaggare/farsta"))
        let list = try PlanwatchProcess.run(["spool", "list", "--config", config])
        #expect(list.stdout.split(separator: "\n").count == 10)
        // The subject says what kind of message it is.
        #expect(list.stdout.contains("waiting  lena.akesson@example.se  1 notification  Påminnelse: Årlig uppföljning: Antal medarbetare per chef"))
    }

    @Test func atWithoutOnceIsAUsageError() throws {
        let output = try PlanwatchProcess.run(["run", "--at", "2027-01-04 09:00"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--at goes with --once"))
    }

    @Test func theDaemonRefusesToStartOnInvalidRules() throws {
        let (folder, config) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "Tests/Fixtures/plan", with: "Tests/Fixtures/none")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let output = try PlanwatchProcess.run(["run", "--config", config])
        #expect(output.status == 65)
        #expect(output.stderr.contains("cannot start"))
    }

    @Test func silencesAreAddedListedAndExpired() throws {
        let (folder, config) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let add = try PlanwatchProcess.run(["silence", "add", "--config", config, "--rule", "arenden-per-handlaggare", "--subject", "farsta",
                                            "--expires", "14d", "--comment", "Ny bemanning", "--author", "ops"])
        #expect(add.stdout == "planwatch: silence #1 added (state: \(folder.appendingPathComponent("state.sqlite").path))\n", "\(add.stderr)")
        let list = try PlanwatchProcess.run(["silence", "list", "--config", config])
        #expect(list.stdout.contains("#1  active  rule=arenden-per-handlaggare subject=farsta") && list.stdout.contains("ops: Ny bemanning"))
        #expect(try PlanwatchProcess.run(["silence", "expire", "--config", config, "1"]).status == 0)
        #expect(try PlanwatchProcess.run(["silence", "expire", "--config", config, "1"]).status == 65)
        #expect(try PlanwatchProcess.run(["silence", "list", "--config", config]).stdout == "(no silences)\n")
        #expect(try PlanwatchProcess.run(["silence", "add", "--config", config, "--expires", "1d", "--comment", "x"]).status == 64)
    }

    @Test func previewPrintsTheExactMail() throws {
        let (folder, config) = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let preview = try PlanwatchProcess.run(["preview", "--config", config, "indikatorer-arlig-uppfoljning", "ind-ledarskap",
                                                "--stage", "due", "--at", "2027-01-04 09:00"])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("\r\nX-Planwatch-Key: indikatorer-arlig-uppfoljning/ind-ledarskap/2027-02-01/due/p-lena\r\n"))
        #expect(preview.stdout.contains("Auto-Submitted: auto-generated\r\n"))
        #expect(preview.stdout.contains("Content-Type: text/calendar"))
        let spooled = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("spool/new").path)) ?? []
        #expect(spooled.isEmpty)
        let unknown = try PlanwatchProcess.run(["preview", "--config", config, "no-such-rule", "x"])
        #expect(unknown.status == 65 && unknown.stderr.contains("no rule 'no-such-rule'"))
    }
}

/// What the operator's commands do with the state: create it only when they write, where the
/// configuration says.
@Suite struct StateLocationCommandTests {
    func workspace(state: String) throws -> (folder: URL, config: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("planwatch.yaml").path
        try """
        timezone: Europe/Stockholm
        rules: [\(PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/rules").path)]
        plan: \(PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/plan").path)
        state: \(state)
        spool: var/spool
        mail: { from: "Planwatch <planwatch@example.se>", transport: none }
        roles: { styrgrupp: [p-anna, p-erik] }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return (folder, config)
    }

    @Test func aCycleCreatesTheFoldersOfTheState() throws {
        let (folder, config) = try workspace(state: "var/lib/deep/state.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlanwatchProcess.run(["run", "--once", "--config", config, "--at", "2027-01-04 09:00"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("var/lib/deep/state.sqlite").path))
    }

    @Test func aCommandThatOnlyReadsNeverCreatesTheStateAndSaysWhereItLooked() throws {
        let (folder, config) = try workspace(state: "state.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.sqlite").path
        for arguments in [["status"], ["silence", "list"], ["silence", "expire", "1"]] {
            let output = try PlanwatchProcess.run(arguments + ["--config", config])
            #expect(output.status == 66, "\(arguments): \(output.stderr)")
            #expect(output.stderr.contains("there is no state database at \(path)"), "\(output.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}
