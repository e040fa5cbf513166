import Foundation
import PlanwatchTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `planwatch run` as a service: the notify protocol on a real datagram socket, reloads, file
/// changes, SIGTERM during a cycle, and idleness.
@Suite(.serialized) struct DaemonIntegrationTests {
    /// A workspace whose send time is twelve hours away, so no slot falls inside a test.
    struct Daemon {
        let folder: URL
        let config: String
        let process: Process
        let started: Date
        let socket: NotifySocket

        /// - Parameter items: extra activities due in a week, whose reminders are due to be sent at once.
        static func start(items: Int? = nil, watchdog: Bool = false) throws -> Daemon {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-daemon-\(UUID().uuidString)")
            let plan = folder.appendingPathComponent("plan"), rules = folder.appendingPathComponent("rules")
            try FileManager.default.createDirectory(at: plan.appendingPathComponent("measurements"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
            let example = PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/plan")
            for file in ["organisation.yaml", "items.yaml", "measurements/2026.csv"] {
                try FileManager.default.copyItem(at: example.appendingPathComponent(file), to: plan.appendingPathComponent(file))
            }
            if let items {
                let formatter = DateFormatter()
                formatter.dateFormat = "yyyy-MM-dd"
                let due = formatter.string(from: Date().addingTimeInterval(7 * 86_400))
                let extra = (1...items).map { n in
                    "  - { id: bulk-\(n), kind: activity, title: \"Aktivitet \(n)\", labels: { plan: handlingsplan-2023 }, unit: farsta, owner: p-maria, due: \(due) }"
                }
                try ("items:\n" + extra.joined(separator: "\n") + "\n").write(to: plan.appendingPathComponent("bulk.yaml"), atomically: true, encoding: .utf8)
            }
            try FileManager.default.copyItem(at: PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/rules/handlingsplan-2023.yaml"),
                                             to: rules.appendingPathComponent("handlingsplan-2023.yaml"))
            let sendAt = Date().addingTimeInterval(12 * 3600)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Stockholm")!
            let time = String(format: "%02d:%02d", calendar.component(.hour, from: sendAt), calendar.component(.minute, from: sendAt))
            let config = folder.appendingPathComponent("planwatch.yaml").path
            try """
            timezone: Europe/Stockholm
            rules: [rules]
            plan: plan
            state: state.sqlite
            spool: spool
            send_at: "\(time)"
            digest: immediate
            mail: { from: "Planwatch <planwatch@localhost>", transport: none }
            roles: { styrgrupp: [p-anna, p-erik] }
            """.write(toFile: config, atomically: true, encoding: .utf8)
            let socket = try NotifySocket()
            let process = Process()
            process.executableURL = PlanwatchProcess.executable
            process.arguments = ["run", "--config", config]
            var environment = ProcessInfo.processInfo.environment
            environment["NOTIFY_SOCKET"] = socket.path
            if watchdog { environment["WATCHDOG_USEC"] = "1000000" }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let started = Date()
            try process.run()
            return Daemon(folder: folder, config: config, process: process, started: started, socket: socket)
        }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for the process to end; false when it is still running after `seconds`.
        func waitForExit(seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            return !process.isRunning
        }

        func stop() {
            if process.isRunning {
                signal(SIGKILL)
                process.waitUntilExit()
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test func theNotifyProtocolRunsReadyStatusWatchdogReloadingReadyStopping() throws {
        let daemon = try Daemon.start(watchdog: true)
        defer { daemon.stop() }
        #expect(daemon.socket.wait(for: "READY=1") != nil)
        let status = daemon.socket.wait(for: "STATUS=")
        #expect(status?.contains("3 rules, 5 items") == true, "\(status ?? "no status")")
        #expect(status?.contains("next event") == true)
        #expect(daemon.socket.wait(for: "WATCHDOG=1", seconds: 5) != nil)
        daemon.signal(SIGHUP)
        #expect(daemon.socket.wait(for: "RELOADING=1") != nil)
        let monotonic = daemon.socket.wait(for: "MONOTONIC_USEC=")
        #expect(monotonic.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) } != nil)
        #expect(daemon.socket.wait(for: "READY=1") != nil)
        daemon.signal(SIGTERM)
        #expect(daemon.socket.wait(for: "STOPPING=1") != nil)
        #expect(daemon.waitForExit(seconds: 10))
        #expect(daemon.process.terminationStatus == 0)
        // The order, as received.
        let order = daemon.socket.received.map { $0.split(separator: "=")[0] }.filter { ["READY", "WATCHDOG", "RELOADING", "STOPPING"].contains($0) }
        let firstReady = order.firstIndex(of: "READY")!, reloading = order.firstIndex(of: "RELOADING")!
        #expect(firstReady < order.firstIndex(of: "WATCHDOG")!)
        #expect(reloading > firstReady && order[(reloading + 1)...].contains("READY"))
        #expect(order.last == "STOPPING")
    }

    @Test func aValidChangeIsAppliedAndAnInvalidOneKeepsTheOldRules() throws {
        let daemon = try Daemon.start()
        defer { daemon.stop() }
        #expect(daemon.socket.wait(for: "READY=1") != nil)
        let rules = daemon.folder.appendingPathComponent("rules")
        try """
        group: extra
        rules:
          - id: extra-rapport
            kind: deadline
            for_each: { item: activity }
            remind: [7d]
        """.write(to: rules.appendingPathComponent("extra.yaml"), atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(daemon.socket.wait(for: "STATUS=4 rules") != nil)
        try "group: broken\nrules:\n  - id: x\n    kind: deadline\n    due: \"*-13-01\"\n"
            .write(to: rules.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        let rejected = daemon.socket.wait(for: "STATUS=reload failed")
        #expect(rejected?.contains("running the previous rules; 4 rules") == true, "\(rejected ?? "none")")
        // The diagnostics went to the journal at priority err.
        var errors = ""
        for _ in 0..<20 {
            errors = try runProgram("/usr/bin/journalctl", IntegrationWorkspace.journalSelection(pid: daemon.process.processIdentifier, since: daemon.started) + ["-p", "err", "--no-pager", "-o", "cat"]).stdout
            if errors.contains("broken.yaml:5:") { break }
            usleep(250_000)
        }
        #expect(errors.contains("broken.yaml:5:13: error: invalid calendar expression '*-13-01': month 13 is out of range 1..12"))
        #expect(errors.contains("reload after SIGHUP rejected"))
    }

    @Test func aChangedPlanFileIsReloadedWithoutASignal() throws {
        let daemon = try Daemon.start()
        defer { daemon.stop() }
        #expect(daemon.socket.wait(for: "READY=1") != nil)
        try """
        items:
          - { id: ny-aktivitet, kind: activity, title: "Ny aktivitet", labels: { plan: handlingsplan-2023 }, unit: farsta, owner: p-maria, due: 2027-06-30 }
        """.write(to: daemon.folder.appendingPathComponent("plan/new.yaml"), atomically: true, encoding: .utf8)
        #expect(daemon.socket.wait(for: "RELOADING=1", seconds: 10) != nil)
        #expect(daemon.socket.wait(for: "STATUS=3 rules, 6 items") != nil)
    }

    @Test func sigtermDuringACycleStopsSoonAndLeavesOnlyWholeFiles() throws {
        let daemon = try Daemon.start(items: 2500)
        defer { daemon.stop() }
        // Wait until the first cycle is under way (mails appear), then stop it.
        let new = daemon.folder.appendingPathComponent("spool/new").path
        let started = Date()
        while ((try? FileManager.default.contentsOfDirectory(atPath: new))?.count ?? 0) < 20 && Date().timeIntervalSince(started) < 30 {
            usleep(5_000)
        }
        daemon.signal(SIGTERM)
        let signalled = Date()
        #expect(daemon.waitForExit(seconds: 10))
        #expect(Date().timeIntervalSince(signalled) < 10)
        #expect(daemon.process.terminationStatus == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: new)
        #expect(files.count >= 20)
        for name in files {
            let text = try String(contentsOfFile: new + "/" + name, encoding: .utf8)
            // Whole: the headers, the signature at the end of the text, and the closing boundary of a multipart mail.
            let signed = text.contains("planwatch (automati")
            let closed = text.contains("multipart/mixed") ? text.hasSuffix("--\r\n") : text.hasSuffix("\r\n")
            #expect(text.contains("X-Planwatch-Key: ") && signed && closed, "\(name) is whole")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.folder.appendingPathComponent("spool/tmp").path).isEmpty)
    }

    @Test func anIdleDaemonDoesNoEvaluationBetweenEvents() throws {
        let daemon = try Daemon.start()
        defer { daemon.stop() }
        #expect(daemon.socket.wait(for: "READY=1") != nil)
        #expect(daemon.socket.wait(for: "STATUS=")?.hasSuffix("cycles 1") == true)
        func cpuTicks() throws -> Int {
            let stat = try String(contentsOfFile: "/proc/\(daemon.process.processIdentifier)/stat", encoding: .utf8)
            let fields = stat.split(separator: ")").last!.split(separator: " ")
            return Int(fields[11])! + Int(fields[12])!  // utime + stime
        }
        let before = try cpuTicks()
        // Nothing happens for three seconds: no datagram, no cycle, (almost) no CPU.
        #expect(daemon.socket.wait(for: "STATUS=", seconds: 3) == nil)
        #expect(try cpuTicks() - before <= 2)
        daemon.signal(SIGHUP)
        #expect(daemon.socket.wait { $0.hasPrefix("STATUS=") && $0.hasSuffix("cycles 2") } != nil)
    }
}
