import Foundation
import PlanwatchCore
@testable import PlanwatchReport
import Testing

/// The renderers on a small report: two items (one with a title that needs quoting and escaping),
/// a yearly rule, a monthly threshold.
@Suite struct ReportRenderingTests {
    static let here = SourceLocation(file: "test.yaml", line: 1, column: 1)
    static let zone = Zone(identifier: "Europe/Stockholm")!

    static func report(today: String = "2026-12-01") -> ComplianceReport {
        let template = LocalizedTemplates(["sv": try! MessageTemplate("x")])
        let yearly = Rule(id: "yearly", group: "g", settings: .deadline(DeadlineRule(
                              due: .calendar(try! CalendarExpression("*-03-31")), shift: .nextWorkday)),
                          selector: Selector(itemKind: "indicator"), notify: [.owner], severity: .warning,
                          title: template, text: template, location: here)
        let load = Rule(id: "load", group: "g", settings: .threshold(ThresholdRule(
                            metric: "cases", warning: .above(15), critical: .above(20), forPeriods: 1)),
                        selector: Selector(unitKind: "district"), notify: [.unitRole("manager")], severity: .warning,
                        title: template, text: template, location: here)
        let units = [OrganisationUnit(id: "farsta", name: "Farsta <sdf>", kind: "district", location: here)]
        let items = [
            PlanItem(id: "a", kind: "indicator", title: "Trygghet, \"delaktighet\" <b>och</b>\ninflytande",
                     labels: ["focus_area": "fa1"], unit: "farsta",
                     completed: [Completion(occurrence: LocalDate(iso: "2026-03-31"), on: LocalDate(iso: "2026-04-03")!, location: here)],
                     location: here),
            PlanItem(id: "b", kind: "indicator", title: "Ledarskap", labels: ["focus_area": "fa2"], unit: "farsta",
                     completed: [Completion(occurrence: LocalDate(iso: "2026-03-31"), on: LocalDate(iso: "2026-03-30")!, location: here)],
                     location: here),
        ]
        let measurements = [("2026-01", 12.0), ("2026-02", 1234.5), ("2026-03", 21)].map {
            Measurement(unit: "farsta", metric: "cases", period: Period($0.0)!, value: $0.1, location: here)
        }
        let plan = PlanSnapshot(units: units, items: items, measurements: measurements)
        return ComplianceReport(rules: RuleSet(groups: [RuleGroup(name: "g", title: ["sv": "Gruppen"], rules: [yearly, load], location: here)]),
                                plan: plan, settings: Evaluator.Settings(zone: zone, workdays: SwedishWorkdayCalendar.shared),
                                period: .year(2026), today: LocalDate(iso: today)!)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func csvQuotesWhatNeedsItAndEndsLinesWithCRLF() {
        let csv = Self.text(renderCSV(Self.report()))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.first == reportCSVColumns.joined(separator: ","))
        #expect(lines.last == "", "the last line ends with CRLF too")
        // The title's comma, quotes and line break: quoted, the quotes doubled; the line break kept.
        #expect(csv.contains(",\"Trygghet, \"\"delaktighet\"\" <b>och</b>\ninflytande\","))
        #expect(csv.contains("deadline,yearly,farsta,Farsta <sdf>,a,"))
        #expect(csv.contains(",2026-03-31,2026-03-31,late,2026-04-03,3,plan,no,,,,,\r\n"))
        // Numbers with a decimal point and no grouping, whatever the language.
        #expect(csv.contains("threshold,load,farsta,Farsta <sdf>,farsta,cases,,,,,,,,,,,2026-02,1234.5,critical,no\r\n"))
        #expect(csv.contains(",2026-04,,critical,no\r\n") && csv.contains(",2026-12,,not-ended,no\r\n"))
    }

    @Test func htmlEscapesPlanTextAndNamesLabelsThroughOneFunction() {
        let names = ReportLabels(value: { label, value, language in
            label == "focus_area" && value == "fa1" ? (language == .swedish ? "En god arbetssituation" : "A good work situation") : nil
        }, label: { label, language in label == "focus_area" ? (language == .swedish ? "Fokusområde" : "Focus area") : nil })
        let html = Self.text(renderHTML(Self.report(), language: .swedish, labels: names))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
        #expect(!html.contains("<b>och</b>") && html.contains("&lt;b&gt;och&lt;/b&gt;"))
        #expect(html.contains("Farsta &lt;sdf&gt;"))
        #expect(html.contains(">En god arbetssituation</th>") && html.contains(">fa2</th>"))
        #expect(html.contains(">Fokusområde</th>"))
        // Swedish numbers: a no-break space between thousands and before the per cent sign.
        #expect(html.contains("1\u{00A0}234,5"))
        #expect(html.contains(">50\u{00A0}%</td>"))
        let english = Self.text(renderHTML(Self.report(), language: .english, labels: names))
        #expect(english.contains("<html lang=\"en\">") && english.contains(">A good work situation</th>") && english.contains(">50%</td>"))
        #expect(english.contains("1,234.5"))
    }

    @Test func theTextSummaryNamesTheReportsDateAndLaysOutItsTables() {
        let text = Self.text(renderTextSummary(Self.report(), language: .swedish))
        #expect(text.hasPrefix("Årlig uppföljning 2026\nPerioden är inte slut: läget den 1 december 2026."))
        #expect(text.contains("Andel i tid: 50\u{00A0}% (1 av 2)"))
        #expect(text.contains("  31 mars 2026  3 dagar sent  Farsta <sdf>  yearly  Trygghet"))
        let over = Self.text(renderTextSummary(Self.report(today: "2027-01-10"), language: .english))
        #expect(over.hasPrefix("Yearly follow-up 2026\nThe period is over; as of 31 December 2026."))
        #expect(over.contains("Workload: load (cases; Warning above 15, Critical above 20)"))
    }

    @Test func chartAxesAreRoundAndHeatColoursRunFromRedToBlue() {
        #expect(niceCeiling(6.48) == 10 && niceCeiling(4.2) == 5 && niceCeiling(2.1) == 2.5 && niceCeiling(0.3) == 0.5)
        #expect(niceFloor(15.2, step: 10) == 10 && niceFloor(-3, step: 10) == 0)
        #expect(ReportColors.heat(0).fill == "#d73027" && ReportColors.heat(1).fill == "#2c7bb6")
        #expect(ReportColors.heat(0.5).darkText && !ReportColors.heat(0).darkText)
    }
}
