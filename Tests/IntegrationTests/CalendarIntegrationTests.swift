import Foundation
import PlanwatchTestSupport
import Testing

/// The calendar parts of deadline mails through the real Postfix, read back with Python's
/// `icalendar` (installed by scripts/install-deps into .build-venv, or $PLANWATCH_VENV) as a
/// calendar program reads them: a reminder puts a REQUEST in the calendar; when the item's due date
/// moves in the plan, the next reminder is a REQUEST with the same UID and a higher SEQUENCE at the
/// new date (so the entry moves, no second one appears); once the item is done, a CANCEL of that UID
/// goes to the people who had it.
extension RealPostfix {
@Suite(.serialized) struct CalendarIntegrationTests {
    /// The virtualenv's Python, which has `icalendar`.
    static var python: String {
        let venv = ProcessInfo.processInfo.environment["PLANWATCH_VENV"]
            ?? PlanwatchProcess.root.appendingPathComponent(".build-venv").path
        return venv + "/bin/python3"
    }

    /// The calendar parts of the workspace's mails about `item`, in the order they arrived.
    func calendars(_ workspace: IntegrationWorkspace, item: String) throws -> [[String: Any]] {
        let script = PlanwatchProcess.root.appendingPathComponent("Tests/IntegrationTests/Scripts/read_calendars.py").path
        let output = try runProgram(Self.python, [script, IntegrationWorkspace.mailbox, workspace.tag])
        guard output.status == 0 else { throw IntegrationError("read_calendars.py failed (run scripts/install-deps for icalendar): \(output.stderr)") }
        let all = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]] ?? []
        return all.filter { ($0["keys"] as? [String] ?? []).contains { $0.contains("/\(item)/") } }
    }

    /// Waits until `count` calendar parts about `item` have arrived.
    func waitForCalendars(_ workspace: IntegrationWorkspace, item: String, count: Int) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(30)
        var parts = try calendars(workspace, item: item)
        while parts.count < count && Date() < deadline {
            usleep(250_000)
            parts = try calendars(workspace, item: item)
        }
        return parts
    }

    @Test func aMovedDateUpdatesTheSameEntryAndCompletionCancelsIt() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.python), "no \(Self.python): run scripts/install-deps")
        let workspace = try IntegrationWorkspace()
        defer { workspace.remove() }
        let item = "akt-farsta-introduktion"
        // Two people get the activity's reminders: its owner and the unit's coordinator (both p-maria here: one mail).
        let first = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", "2027-03-17 09:00"])
        #expect(first.status == 0, "\(first.stderr)")
        let requests = try waitForCalendars(workspace, item: item, count: 1)
        let request = try #require(requests.first, "no calendar part about \(item)")
        #expect(request["method"] as? String == "REQUEST" && request["content_method"] as? String == "REQUEST")
        #expect(request["start"] as? String == "2027-03-31")
        #expect(request["status"] as? String == "CONFIRMED")
        #expect((request["organizer"] as? String)?.lowercased() == "mailto:planwatch@localhost")
        #expect((request["attendees"] as? [String])?.allSatisfy { $0.hasPrefix("mailto:pwtest+") } == true)
        #expect((request["rsvp"] as? [String]) == Array(repeating: "FALSE", count: (request["attendees"] as? [String])?.count ?? 0))
        let uid = try #require(request["uid"] as? String)
        let firstSequence = try #require(request["sequence"] as? Int)

        // The plan moves the activity two weeks on; the reminder for the new date updates the entry.
        let items = workspace.folder.appendingPathComponent("plan/items.yaml")
        let plan = try String(contentsOf: items, encoding: .utf8)
        #expect(plan.contains("due: 2027-03-31"))
        try plan.replacingOccurrences(of: "due: 2027-03-31", with: "due: 2027-04-14").write(to: items, atomically: true, encoding: .utf8)
        let second = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", "2027-03-31 09:00"])
        #expect(second.status == 0, "\(second.stderr)")
        let afterMove = try waitForCalendars(workspace, item: item, count: requests.count + 1)
        let update = try #require(afterMove.last { ($0["keys"] as? [String] ?? []).contains { $0.contains("/2027-04-14/") } },
                                  "\(afterMove)")
        #expect(update["method"] as? String == "REQUEST")
        #expect(update["uid"] as? String == uid, "a moved date keeps the entry's UID")
        #expect((update["sequence"] as? Int ?? 0) > firstSequence, "a moved date raises SEQUENCE")
        #expect(update["start"] as? String == "2027-04-14")

        // Done: recorded from the command line; the next cycle cancels the entry.
        let done = try workspace.planwatch(["complete", item, "--config", workspace.config, "--on", "2027-04-01", "--by", "p-maria", "--at", "2027-04-01 08:30"])
        #expect(done.status == 0, "\(done.stderr)")
        let third = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", "2027-04-01 09:00"])
        #expect(third.status == 0, "\(third.stderr)")
        let afterDone = try waitForCalendars(workspace, item: item, count: afterMove.count + 1)
        let cancel = try #require(afterDone.last { $0["method"] as? String == "CANCEL" }, "no CANCEL in \(afterDone)")
        #expect(cancel["content_method"] as? String == "CANCEL")
        #expect(cancel["uid"] as? String == uid)
        #expect((cancel["sequence"] as? Int ?? 0) > (update["sequence"] as? Int ?? .max))
        #expect(cancel["status"] as? String == "CANCELLED")
        #expect(Set(cancel["to"] as? [String] ?? []) == Set(update["to"] as? [String] ?? ["?"]), "the CANCEL goes to those who had the entry")
    }
}
}
