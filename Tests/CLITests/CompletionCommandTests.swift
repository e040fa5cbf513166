import Foundation
import PlanwatchTestSupport
import Testing

/// `complete`, `completions list|undo|export` on a copy of the shipped example.
@Suite struct CompletionCommandTests {
    struct Workspace {
        let folder: URL
        var config: String { folder.appendingPathComponent("planwatch.yaml").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-complete-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: PlanwatchProcess.root.appendingPathComponent("examples/stockholm"), to: folder)
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("var"))
            let text = try String(contentsOfFile: config, encoding: .utf8)
                .replacingOccurrences(of: "rules: [../../rules]", with: "rules: [\(PlanwatchProcess.root.appendingPathComponent("rules").path)]")
            try text.write(toFile: config, atomically: true, encoding: .utf8)
        }

        func planwatch(_ arguments: [String]) throws -> PlanwatchProcess.Output {
            try PlanwatchProcess.run(arguments + ["--config", config], environment: ["SUDO_USER": "kim"])
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    let monday = "2027-01-04 10:00"

    func evaluated(_ workspace: Workspace, at: String, item: String) throws -> [String] {
        let output = try workspace.planwatch(["evaluate", "--at", at, "--horizon", "0d", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return (json?["findings"] as? [[String: Any]] ?? []).filter { $0["subject"] as? String == item }.compactMap { $0["stage"] as? String }
    }

    @Test func completeRecordsTheOneOpenOccurrenceAndTheRemindersStop() throws {
        let w = try Workspace()
        defer { w.remove() }
        #expect(try evaluated(w, at: monday, item: "ind-personalomsattning") == ["remind-28d"])
        let complete = try w.planwatch(["complete", "ind-personalomsattning", "--at", monday, "--note", "Redovisat i styrgruppen"])
        #expect(complete.status == 0, "\(complete.stderr)")
        #expect(complete.stdout.contains("completion #1 recorded: indikatorer-arlig-uppfoljning for ind-personalomsattning, due 2027-02-01, done 2027-01-04 by operator:kim"),
                "\(complete.stdout)")
        // evaluate sees it as the daemon will: no more reminders, and "completed" for the calendar's cancellation.
        #expect(try evaluated(w, at: "2027-01-18 10:00", item: "ind-personalomsattning").allSatisfy { $0 == "completed" })
        #expect(try w.planwatch(["evaluate", "--at", "2027-01-18 10:00", "--plan-only"]).stdout.contains("remind-14d  indikatorer-arlig-uppfoljning    ind-personalomsattning"))

        // Again: nothing is open any more, and the next occurrence is named.
        let again = try w.planwatch(["complete", "ind-personalomsattning", "--at", monday])
        #expect(again.status == 65)
        #expect(again.stderr.contains("has no open occurrence now") && again.stderr.contains("due 2028-01-31"), "\(again.stderr)")

        // The list, then undo: the reminders come back, and the history keeps both.
        let list = try w.planwatch(["completions", "list"])
        #expect(list.stdout.contains("#1  indikatorer-arlig-uppfoljning  ind-personalomsattning  due 2027-02-01  done 2027-01-04  by operator:kim (command"))
        let undo = try w.planwatch(["completions", "undo", "1"])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(try evaluated(w, at: "2027-01-18 10:00", item: "ind-personalomsattning") == ["remind-14d"])
        #expect(try w.planwatch(["completions", "undo", "1"]).stderr.contains("#1 is undone already"))
        let json = try JSONSerialization.jsonObject(with: Data(try w.planwatch(["completions", "list", "--format", "json"]).stdout.utf8)) as? [[String: Any]]
        #expect(json?.count == 1 && json?.first?["revoked_by"] as? String == "operator:kim" && json?.first?["note"] as? String == "Redovisat i styrgruppen")
    }

    @Test func badRequestsAreRefusedWithWhatThereIs() throws {
        let w = try Workspace()
        defer { w.remove() }
        let unknown = try w.planwatch(["complete", "ind-personalomsatning", "--at", monday])
        #expect(unknown.status == 65 && unknown.stderr.contains("did you mean 'ind-personalomsattning'?"), "\(unknown.stderr)")
        let person = try w.planwatch(["complete", "ind-personalomsattning", "--by", "p-ana", "--at", monday])
        #expect(person.status == 65 && person.stderr.contains("did you mean 'p-anna'?"))
        let future = try w.planwatch(["complete", "ind-personalomsattning", "--on", "2027-01-05", "--at", monday])
        #expect(future.status == 65 && future.stderr.contains("lies in the future"))
        let rule = try w.planwatch(["complete", "ind-personalomsattning", "--rule", "no-such-rule", "--at", monday])
        #expect(rule.status == 65 && rule.stderr.contains("its deadline rules: indikatorer-arlig-uppfoljning"), "\(rule.stderr)")
        let date = try w.planwatch(["complete", "ind-personalomsattning", "--occurrence", "2027-02-02", "--at", monday])
        #expect(date.status == 65 && date.stderr.contains("has no occurrence due 2027-02-02; near it: indikatorer-arlig-uppfoljning due 2027-02-01"),
                "\(date.stderr)")
        let notDate = try w.planwatch(["complete", "ind-personalomsattning", "--occurrence", "1 feb", "--at", monday])
        #expect(notDate.status == 65 && notDate.stderr.contains("is not a date"))
        // Nothing was recorded by any of these.
        #expect(try w.planwatch(["completions", "list"]).stdout.contains("(no recorded completions"))
    }

    @Test func aPastOccurrenceCanBeRecordedLateByItsDate() throws {
        let w = try Workspace()
        defer { w.remove() }
        // A year and more after the occurrence: it is still found by its due date, and is late.
        let late = try w.planwatch(["complete", "ind-personalomsattning", "--occurrence", "2027-02-01", "--on", "2027-03-15", "--by", "p-anna",
                                    "--at", "2028-06-01 10:00"])
        #expect(late.status == 0, "\(late.stderr)")
        #expect(late.stdout.contains("done 2027-03-15, 42 days late by p-anna"), "\(late.stdout)")
    }

    @Test func theExportIsAPlanFileThatCheckReadsAndTheCSVHasEveryField() throws {
        let w = try Workspace()
        defer { w.remove() }
        #expect(try w.planwatch(["complete", "ind-personalomsattning", "--at", monday, "--by", "p-anna",
                                 "--note", "Klart \"enligt plan\", se protokoll\n§ 4"]).status == 0)
        let export = try w.planwatch(["completions", "export"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("completions:\n  - item: \"ind-personalomsattning\"\n    rule: \"indikatorer-arlig-uppfoljning\"\n    occurrence: 2027-02-01\n    on: 2027-01-04\n    by: \"p-anna\"\n"),
                "\(export.stdout)")
        // Into the plan folder, and off the state: check passes, and the plan data alone now says done.
        try export.stdout.write(to: w.folder.appendingPathComponent("completions.yaml"), atomically: true, encoding: .utf8)
        let check = try w.planwatch(["check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!(try w.planwatch(["evaluate", "--at", "2027-01-18 10:00", "--plan-only"]).stdout.contains("remind-14d  indikatorer-arlig-uppfoljning    ind-personalomsattning")))

        let csv = try w.planwatch(["completions", "export", "--format", "csv"])
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "id,item,rule,occurrence,on,by,how,recorded_at,note,message_id,revoked_at,revoked_by")
        #expect(lines.dropFirst().first?.hasPrefix("1,ind-personalomsattning,indikatorer-arlig-uppfoljning,2027-02-01,2027-01-04,p-anna,command,2027-01-04 10:00,\"Klart \"\"enligt plan\"\", se protokoll\n§ 4\",,,") == true,
                "\(csv.stdout)")
    }

    @Test func readingCommandsNeverCreateAState() throws {
        let w = try Workspace()
        defer { w.remove() }
        let list = try w.planwatch(["completions", "list"])
        #expect(list.status == 66 && list.stderr.contains("there is no state database"), "\(list.stderr)")
        #expect(try w.planwatch(["completions", "export"]).status == 66)
        #expect(!FileManager.default.fileExists(atPath: w.folder.appendingPathComponent("var/state.sqlite").path))
    }
}
