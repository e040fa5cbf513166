import Foundation
import PlanwatchTestSupport
import Testing

/// `planwatch report` on the shipped example (11 districts, the 2023 plan's indicators, 24 months
/// of workload figures), made on 1 March 2027: 2026 is over, 2027 is not.
@Suite struct ReportCommandTests {
    /// A copy of the example without its `var/` (a state left by `make example` would count).
    static let config: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-report-\(UUID().uuidString)")
        try! FileManager.default.copyItem(at: PlanwatchProcess.root.appendingPathComponent("examples/stockholm"), to: folder)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("var"))
        let config = folder.appendingPathComponent("planwatch.yaml").path
        let text = try! String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "rules: [../../rules]", with: "rules: [\(PlanwatchProcess.root.appendingPathComponent("rules").path)]")
        try! text.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }()

    static func report(_ arguments: [String]) throws -> PlanwatchProcess.Output {
        try PlanwatchProcess.run(["report", "--config", config, "--at", "2027-03-01 09:00"] + arguments)
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try report(arguments + ["--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    static func figures(_ group: [String: Any]?) -> [Int] {
        let figures = group?["figures"] as? [String: Any] ?? [:]
        return ["on_time", "late", "missed", "open"].map { figures[$0] as? Int ?? -1 }
    }

    static func group(_ json: [String: Any], _ list: String, _ key: String?) -> [String: Any]? {
        (json[list] as? [[String: Any]])?.first { ($0["key"] as? String) == key }
    }

    @Test func theExamplesYear2026IsReportedAsOfItsLastDay() throws {
        let json = try Self.json(["--year", "2026"])
        #expect((json["period"] as? [String: Any])?["year"] as? Int == 2026)
        #expect(json["as_of"] as? String == "2026-12-31" && json["period_over"] as? Bool == true)
        // The nine indicators were due Mon 2 Feb 2026 (31 Jan is a Saturday): done 28 Jan, 30 Jan,
        // 2 Feb, 15 Jan, 29 Jan (on time: 5); 10 Feb and 24 Feb (late: 2); two never (missed: 2).
        let indicators = Self.group(json, "by_rule", "indikatorer-arlig-uppfoljning")
        #expect(Self.figures(indicators) == [5, 2, 2, 0])
        #expect((indicators?["figures"] as? [String: Any])?["on_time_rate"] as? Double == 5.0 / 9.0)
        // The local activities due in 2026: Bromma (11 Dec, done 20 Nov) on time; Hässelby-Vällingby
        // and Skarpnäck missed.
        #expect(Self.figures(Self.group(json, "by_rule", "aktiviteter-lokala")) == [1, 0, 2, 0])
        // The written yearly follow-up of work-environment management, due 15 Dec 2026 in 14 units:
        // the plan records only 2025's — all missed once the year is over.
        #expect(Self.figures(Self.group(json, "by_rule", "sam-arlig-uppfoljning-skriftlig")) == [0, 0, 14, 0])
        // The monthly figures' deadlines (11 districts × 12 months): the example records no
        // completion for them (their figures are in the measurements), so all 132 count as missed.
        #expect(Self.figures(Self.group(json, "by_rule", "manadsuppgifter")) == [0, 0, 132, 0])
        // The tertial reports of the 11 districts and the two central administrations: the second
        // one done on time by Bromma and Farsta, late by Järva.
        #expect(Self.figures(Self.group(json, "by_rule", "tertialrapport-2")) == [2, 1, 10, 0])
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["total"] as? Int == 209 && overall["open"] as? Int == 0)
        #expect(abs((overall["on_time_rate"] as? Double ?? 0) - 10.0 / 209.0) < 1e-12)
        // Grouped by focus area, in the plan's order, the items without one last.
        #expect((json["groups"] as? [[String: Any]])?.map { $0["key"] as? String ?? "-" }
            == ["god-arbetssituation", "kompetens-och-utveckling", "gott-ledarskap", "digital-utveckling", "-"])
        // Farsta's cases per social worker: 21 in July (pending, 1 of 2), then 21.6–23.4 from August:
        // at warning from August on (a signal for dialogue: the rule has no critical level),
        // December not reported.
        let caseload = try #require((json["thresholds"] as? [[String: Any]])?.first { $0["rule"] as? String == "arenden-per-socialsekreterare" })
        let farsta = try #require((caseload["series"] as? [[String: Any]])?.first { $0["unit"] as? String == "farsta" })
        #expect(farsta["periods_at_critical"] as? Int == 0 && farsta["periods_at_warning"] as? Int == 5)
        #expect(farsta["periods_missing"] as? Int == 1 && farsta["state_at_end"] as? String == "warning")
        #expect((farsta["highest"] as? [String: Any])?["value"] as? Double == 23.4)
        let periods = try #require(farsta["periods"] as? [[String: Any]])
        #expect(periods.map { $0["state"] as? String ?? "-" } == Array(repeating: "ok", count: 6) + ["pending"] + Array(repeating: "warning", count: 5))
        #expect(periods.count == 12)
    }

    @Test func theExamplesYear2027IsReportedAsOfToday() throws {
        let json = try Self.json(["--year", "2027"])
        #expect(json["as_of"] as? String == "2027-03-01" && json["period_over"] as? Bool == false)
        // The indicators were due Mon 1 Feb 2027; the plan records no 2027 follow-up: 9 missed.
        #expect(Self.figures(Self.group(json, "by_rule", "indikatorer-arlig-uppfoljning")) == [0, 0, 9, 0])
        // Local activities due in 2027: Järva and Södermalm were done in November 2026 (on time);
        // Enskede-Årsta-Vantör, Skärholmen (29 Jan), Farsta, Kungsholmen (26 Feb) missed;
        // Hägersten-Älvsjö and Norra innerstaden (31 Mar) open.
        #expect(Self.figures(Self.group(json, "by_rule", "aktiviteter-lokala")) == [2, 0, 4, 2])
        // The tertial reports of 2027 (11 districts, 2 central administrations) are not due yet.
        #expect(Self.figures(Self.group(json, "by_rule", "tertialrapport-1")) == [0, 0, 0, 13])
        // January's and February's monthly figures are past due (22), the other months open.
        #expect(Self.figures(Self.group(json, "by_rule", "manadsuppgifter")) == [0, 0, 22, 110])
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["decided"] as? Int == 50 && overall["on_time_rate"] as? Double == 2.0 / 50.0)
        // Only January and February 2027 have ended; the months after have no state.
        let caseload = try #require((json["thresholds"] as? [[String: Any]])?.first { $0["rule"] as? String == "arenden-per-socialsekreterare" })
        let farsta = try #require((caseload["series"] as? [[String: Any]])?.first { $0["unit"] as? String == "farsta" })
        let periods = try #require(farsta["periods"] as? [[String: Any]])
        #expect(periods.map { $0["ended"] as? Bool } == [true, true] + Array(repeating: false, count: 10))
    }

    @Test func theTextSummaryIsAlignedAndInTheChosenLanguage() throws {
        let swedish = try Self.report(["--year", "2026"])
        #expect(swedish.status == 0, "\(swedish.stderr)")
        let lines = swedish.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Årlig uppföljning 2026")
        #expect(swedish.stdout.contains("Andel i tid: 5\u{00A0}% (10 av 209)"))
        let header = try #require(lines.first { $0.hasPrefix("  Regel ") })
        let row = try #require(lines.first { $0.hasPrefix("  indikatorer-arlig-uppfoljning ") })
        // Right-aligned columns end where their headings end.
        #expect(header.count == row.count)
        #expect(row.hasSuffix("56\u{00A0}%"))
        let english = try Self.report(["--year", "2026", "--language", "en"])
        #expect(english.stdout.hasPrefix("Yearly follow-up 2026\nThe period is over; as of 31 December 2026."))
        #expect(english.stdout.contains("On-time rate: 5% (10 of 209)"))
    }

    @Test func csvHasOneRowPerOccurrenceAndPerThresholdPeriod() throws {
        let output = try Self.report(["--year", "2026", "--format", "csv"])
        #expect(output.status == 0)
        let rows = try CSV.parse(output.stdout)
        let header = try #require(rows.first)
        #expect(header.prefix(3) == ["row", "rule", "unit"] && header.count == 20)
        #expect(rows.dropFirst().allSatisfy { $0.count == header.count })
        #expect(output.stdout.contains("\r\n"))
        let deadlines = rows.filter { $0.first == "deadline" }, thresholds = rows.filter { $0.first == "threshold" }
        // 209 occurrences; the threshold rules × 11 districts with periods in 2026: per month (both
        // caseloads, direct reports, sick leave, share of new staff), per tertial (experienced
        // workload, staff turnover) and per year (pay against the city); the derived consultant-cost
        // growth and the exit interviews have no 2026 period yet: 5 × 11 × 12 + 2 × 11 × 3 + 11 × 1.
        #expect(deadlines.count == 209)
        #expect(thresholds.count == 5 * 11 * 12 + 2 * 11 * 3 + 11)
        // A title with a comma is quoted and reads back whole.
        #expect(deadlines.contains { $0[5] == "Tertialrapport 2 med delårsbokslut, Järva" && $0[10] == "late" && $0[12] == "2" })
    }

    @Test func htmlIsOneSelfContainedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-report-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.html").path
        let output = try Self.report(["--year", "2026", "--format", "html", "--output", file, "--language", "en"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("http://") && !html.contains("https://")
            && !html.contains("<link"))
        #expect(html.contains("<svg role=\"img\"") && html.contains("@media print") && html.contains("@page { size: A4"))
    }

    @Test func badOptionsAreUsageOrDataErrors() throws {
        #expect(try Self.report(["--year", "2026", "--from", "2026-01-01", "--to", "2026-06-30"]).status == 64)
        #expect(try Self.report(["--from", "2026-01-01"]).status == 64)
        #expect(try Self.report(["--from", "2026-06-30", "--to", "2026-01-01"]).status == 64)
        #expect(try Self.report(["--language", "fr"]).status == 64)
        let badDate = try Self.report(["--from", "2026-02-30", "--to", "2026-12-31"])
        #expect(badDate.status == 65 && badDate.stderr.contains("--from: not a date"))
        let unknownLabel = try Self.report(["--year", "2026", "--by", "fokus"])
        #expect(unknownLabel.status == 0 && unknownLabel.stderr.contains("no item has the label 'fokus'"))
    }

    @Test func aPeriodOfDaysAndOtherGroupings() throws {
        // January–August 2026 by unit: the indicators (2 Feb), the 2016 measures (31 Mar), tertial 1
        // (18 May) and the steering group's May follow-up are in it; December's are not.
        let json = try Self.json(["--from", "2026-01-01", "--to", "2026-08-31", "--by", "unit"])
        #expect((json["period"] as? [String: Any])?["year"] is NSNull)
        #expect(json["grouping"] as? String == "unit")
        let occurrences = try #require(json["occurrences"] as? [[String: Any]])
        #expect(occurrences.allSatisfy { ($0["due"] as? String ?? "") >= "2026-01-01" && ($0["due"] as? String ?? "") <= "2026-08-31" })
        // Farsta: the 2025 annual report (30 Jan), tertial report 1 (18 May) and the monthly figures
        // of December 2025 to July 2026 (due in January to August), none recorded: 1 + 1 + 8 missed.
        #expect(Self.figures(Self.group(json, "groups", "farsta")) == [0, 0, 10, 0])
    }
}

/// Reads RFC 4180 CSV (for the tests).
enum CSV {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, afterQuote = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append(characters.removeFirst()) } else { quoted = false; afterQuote = true }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty, !afterQuote else { throw Malformed() }
                quoted = true
            case ",":
                row.append(field); field = ""; afterQuote = false
            case "\r":
                guard characters.popFirst() == "\n" else { throw Malformed() }
                row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
            default:
                guard !afterQuote else { throw Malformed() }
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
