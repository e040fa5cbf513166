import Foundation
import PlanwatchTestSupport
import Testing

@Suite struct CalendarCommandTests {
    @Test func jsonFollowsTheContract() throws {
        let output = try PlanwatchProcess.run([
            "calendar", "*-01-31 09:00", "--iterations", "2", "--base-time", "2027-01-01",
            "--timezone", "Europe/Stockholm", "--format", "json",
        ])
        #expect(output.status == 0)
        let decoded = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]]
        let entry = try #require(decoded?.first)
        #expect(entry["expression"] as? String == "*-01-31 09:00")
        #expect(entry["normalized"] as? String == "*-01-31 09:00:00")
        #expect(entry["timezone"] as? String == "Europe/Stockholm")
        #expect(entry["next"] as? [String] == ["2027-01-31T09:00:00+01:00", "2028-01-31T09:00:00+01:00"])
    }

    @Test func textLooksLikeSystemdAnalyze() throws {
        let output = try PlanwatchProcess.run([
            "calendar", "quarterly", "--base-time", "2027-01-01 12:00", "--timezone", "Europe/Stockholm",
        ])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "  Original form: quarterly")
        #expect(lines[1] == "Normalized form: *-01,04,07,10-01 00:00:00")
        #expect(lines[2] == "    Next elapse: Thu 2027-04-01 00:00:00 CEST")
        #expect(lines[3] == "       (in UTC): Wed 2027-03-31 22:00:00 UTC")
        #expect(lines[4].hasPrefix("       From now: "))
    }

    @Test func anInvalidExpressionIsDataErrorWithAPointedMessage() throws {
        let output = try PlanwatchProcess.run(["calendar", "*-13-01"])
        #expect(output.status == 65)
        #expect(output.stderr == "planwatch: calendar: '*-13-01': month 13 is out of range 1..12\n")
        #expect(output.stdout.isEmpty)
    }

    @Test(arguments: [
        (["calendar", "daily", "--timezone", "Mars/Olympus"], "planwatch: calendar: unknown time zone 'Mars/Olympus'"),
        (["calendar", "daily", "--base-time", "2027-02-30"], "planwatch: calendar: invalid time '2027-02-30': 2027-02-30 is not a date that exists"),
    ])
    func badZonesAndBaseTimesAreDataErrors(arguments: [String], message: String) throws {
        let output = try PlanwatchProcess.run(arguments)
        #expect(output.status == 65)
        #expect(output.stderr.hasPrefix(message))
    }

    @Test func badIterationsAreUsageErrors() throws {
        #expect(try PlanwatchProcess.run(["calendar", "daily", "--iterations", "0"]).status == 64)
    }
}

@Suite struct HolidaysCommandTests {
    @Test func jsonListsHolidaysAndEvesIncludingWeekendOnes() throws {
        let output = try PlanwatchProcess.run(["holidays", "2027", "--format", "json"])
        #expect(output.status == 0)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: String]])
        #expect(decoded.count == 16)
        #expect(decoded.contains(["date": "2027-06-25", "name": "Midsommarafton", "kind": "eve"]))
        #expect(decoded.contains(["date": "2027-06-26", "name": "Midsommardagen", "kind": "holiday"]))  // a Saturday
        #expect(decoded.contains(["date": "2027-03-28", "name": "Påskdagen", "kind": "holiday"]))  // a Sunday
        #expect(decoded.first?["date"] == "2027-01-01")
    }

    @Test func severalYearsAreListedInOrder() throws {
        let output = try PlanwatchProcess.run(["holidays", "2026", "2027"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 32)
        #expect(lines.first?.hasPrefix("2026-01-01  Thu  holiday  Nyårsdagen") == true)
    }

    @Test func anInvalidYearIsADataError() throws {
        let output = try PlanwatchProcess.run(["holidays", "1900"])
        #expect(output.status == 65)
        #expect(output.stderr == "planwatch: holidays: year 1900 is out of range 1970..2199\n")
    }
}
