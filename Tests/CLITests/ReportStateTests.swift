import Foundation
import PlanwatchTestSupport
import Testing

/// `planwatch report` reads what the state records: completions by `planwatch complete` (and their
/// undoing), and silences — on a copy of the example.
@Suite struct ReportStateTests {
    typealias Workspace = CompletionCommandTests.Workspace

    func occurrence(_ w: Workspace, _ item: String, extra: [String] = []) throws -> (json: [String: Any], occurrence: [String: Any]?) {
        let output = try w.planwatch(["report", "--year", "2027", "--at", "2027-03-01 09:00", "--format", "json"] + extra)
        #expect(output.status == 0, "\(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let found = (json["occurrences"] as? [[String: Any]])?.first {
            $0["item"] as? String == item && $0["rule"] as? String == "indikatorer-arlig-uppfoljning"
        }
        return (json, found)
    }

    @Test func aCompletionRecordedByCompleteCountsUntilItIsUndone() throws {
        let w = try Workspace()
        defer { w.remove() }
        // Due Mon 1 Feb 2027, not done in the plan: missed as of 1 March.
        #expect(try occurrence(w, "ind-personalomsattning").occurrence?["status"] as? String == "missed")

        let complete = try w.planwatch(["complete", "ind-personalomsattning", "--at", "2027-01-04 10:00"])
        #expect(complete.status == 0, "\(complete.stderr)")
        let (json, done) = try occurrence(w, "ind-personalomsattning")
        #expect(done?["status"] as? String == "on-time" && done?["completed"] as? String == "2027-01-04", "\(done ?? [:])")
        #expect(done?["completion_source"] as? String == "recorded")
        #expect((json["inputs"] as? [String: Any])?["recorded_completions"] as? Int == 1)
        // --plan-only: the plan data's completions alone.
        #expect(try occurrence(w, "ind-personalomsattning", extra: ["--plan-only"]).occurrence?["status"] as? String == "missed")

        #expect(try w.planwatch(["completions", "undo", "1"]).status == 0)
        let (afterUndo, undone) = try occurrence(w, "ind-personalomsattning")
        #expect(undone?["status"] as? String == "missed")
        #expect((afterUndo["inputs"] as? [String: Any])?["revoked_completions"] as? Int == 1)
    }

    @Test func aSilenceInTheStateMarksTheOccurrencesItCovered() throws {
        let w = try Workspace()
        defer { w.remove() }
        let add = try w.planwatch(["silence", "add", "--rule", "indikatorer-arlig-uppfoljning", "--subject", "ind-personalomsattning",
                                   "--expires", "2027-02-10", "--comment", "Omorganisation"])
        #expect(add.status == 0, "\(add.stderr)")
        let (json, silenced) = try occurrence(w, "ind-personalomsattning")
        // Silenced, and still missed: a silence mutes mail, it does not excuse.
        #expect(silenced?["status"] as? String == "missed" && silenced?["silences"] as? [Int] == [1], "\(silenced ?? [:])")
        #expect((json["inputs"] as? [String: Any])?["silences"] as? Int == 1)
    }

    @Test func withoutAStateTheReportIsThePlansAlone() throws {
        let w = try Workspace()
        defer { w.remove() }
        let output = try w.planwatch(["report", "--year", "2026", "--at", "2027-03-01 09:00", "--format", "json"])
        #expect(output.status == 0 && output.stderr.isEmpty, "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: w.folder.appendingPathComponent("var/state.sqlite").path))
    }
}
