import Foundation
import PlanwatchTestSupport
import Testing

/// Flushers and cycles started together, as systemd's `.path` unit, its `.timer`, the daemon, an
/// operator's `spool flush` and a `run --once` can overlap — against the real Postfix: every
/// Message-ID the ledger names arrives exactly once.
@Suite(.serialized) struct ConcurrentDeliveryIntegrationTests {
    /// Processes started at once, each with its output in a file (a pipe could fill and stall it).
    struct Started {
        var process: Process
        var output: URL
        var arguments: [String]
    }

    static func start(_ arguments: [String], in folder: URL) throws -> Started {
        let process = Process()
        process.executableURL = PlanwatchProcess.executable
        process.arguments = arguments
        let output = folder.appendingPathComponent("out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return Started(process: process, output: output, arguments: arguments)
    }

    @Test func fourFlushersAndTwoCyclesTogetherTwentyRoundsDeliverEachMessageOnce() throws {
        let workspace = try IntegrationWorkspace()
        defer { workspace.remove() }
        let logs = workspace.folder.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        // Twenty rounds on twenty days from mid-December to late January: reminders, due days,
        // overdue stages and the monthly figures' alerts come due as the days go by.
        let first = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "Europe/Stockholm"),
                                   year: 2026, month: 12, day: 14, hour: 9).date!
        var rounds = 0
        for round in 0..<20 {
            let day = first.addingTimeInterval(Double(round) * 2.5 * 86_400)
            let formatter = DateFormatter()
            formatter.timeZone = TimeZone(identifier: "Europe/Stockholm")
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            let at = formatter.string(from: day)
            var started: [Started] = []
            for _ in 0..<2 {
                started.append(try Self.start(["run", "--once", "--config", workspace.config, "--at", at], in: logs))
            }
            for _ in 0..<4 {
                started.append(try Self.start(["spool", "flush", "--config", workspace.config, "--at", at], in: logs))
            }
            for run in started {
                run.process.waitUntilExit()
                let output = (try? String(contentsOf: run.output, encoding: .utf8)) ?? ""
                #expect(run.process.terminationStatus == 0, "round \(round), \(run.arguments.joined(separator: " ")): \(output)")
            }
            rounds += 1
        }
        #expect(rounds == 20)
        // Anything a round left waiting goes now.
        #expect(try workspace.planwatch(["spool", "flush", "--config", workspace.config, "--force"]).status == 0)

        let ledger = try workspace.ledger()
        let expected = Set(ledger.compactMap(\.messageID))
        #expect(expected.count >= 20, "the rounds should have mailed something: \(expected.count) messages")
        // Beside the other suites Postfix may have thousands of mails queued (the failover test's):
        // waiting returns as soon as these are in, the long limit only bounds a real loss.
        let mails = try workspace.waitForMails(expected.count, seconds: 600)
        // Postfix has had time to deliver everything; a second copy would be here too.
        usleep(2_000_000)
        let delivered = try workspace.mails().compactMap { $0["message_id"] as? String }
        var counts: [String: Int] = [:]
        for id in delivered { counts[id, default: 0] += 1 }
        #expect(mails.count >= expected.count)
        #expect(counts.filter { $0.value > 1 }.isEmpty, "delivered more than once: \(counts.filter { $0.value > 1 })")
        #expect(Set(delivered) == expected, "missing: \(expected.subtracting(delivered).sorted().prefix(5))")
    }
}
