import Foundation
import PlanwatchTestSupport
import Testing

/// A report rule end to end: `run --once` on its day spools the yearly report, the real Postfix
/// delivers it, and Python's `email` reads the mail and its attachments back. Under RealPostfix: the
/// delivery suite stops Postfix, and a report sent beside it never arrived.
extension RealPostfix {
@Suite(.serialized) struct ReportMailIntegrationTests {
    static func rule(limit: String = "5 MB") -> String {
        """
        group: uppfoljning
        title: { sv: "Årlig uppföljning", en: "Yearly follow-up" }
        rules:
          - id: arsrapport
            kind: report
            due: "*-01-20"
            period: previous-year
            notify: [styrgrupp, facklig-referensgrupp]
            attachment_limit: \(limit)
            title: { sv: "Handlingsplanen", en: "The action plan" }
        """
    }

    /// 20 January 2027 is a Wednesday: the report of 2026 goes out at 08:00.
    let reportDay = "2027-01-20 09:00"

    @Test func theYearlyReportArrivesOnceToEachRecipientWithItsHTMLAndCSVAttached() throws {
        let workspace = try IntegrationWorkspace(extraRules: Self.rule())
        defer { workspace.remove() }
        let run = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", reportDay])
        #expect(run.status == 0, "\(run.stderr)")
        let ledger = try workspace.ledger()
        let reportRows = ledger.filter { $0.key.hasPrefix("arsrapport/2026/2027-01-20/report/") }
        #expect(Set(reportRows.map { $0.key.split(separator: "/").last.map(String.init) ?? "" }) == ["p-anna", "p-erik", "p-sara"])

        let mails = try workspace.waitForMails(Set(ledger.compactMap(\.file)).count)
        let reports = mails.filter { ($0["keys"] as? [String])?.contains { $0.hasPrefix("arsrapport/") } == true }
        #expect(reports.count == 3, "\(mails.compactMap { $0["subject"] })")
        for mail in reports {
            #expect((mail["defects"] as? [String]) == [])
            #expect(mail["subject"] as? String == "Årlig uppföljning 2026: Handlingsplanen")
            #expect(mail["auto_submitted"] as? String == "auto-generated")
            let text = mail["text"] as? String ?? ""
            #expect(text.contains("Här är uppföljningen av 1 januari–31 december 2026 (Handlingsplanen)."), "\(text)")
            #expect(text.contains("uppfoljning-2026.html") && text.contains("Andel i tid:"), "\(text)")
            let attachments = mail["attachments"] as? [[String: Any]] ?? []
            #expect(attachments.compactMap { $0["filename"] as? String } == ["uppfoljning-2026.html", "uppfoljning-2026.csv"])
            let html = try #require(attachments.first { $0["content_type"] as? String == "text/html" }?["html"] as? [String: Any])
            #expect(html["title"] as? String == "Årlig uppföljning 2026")
            #expect(html["scripts"] as? Int == 0 && html["unclosed"] as? Int == 0 && html["unbalanced"] as? Int == 0, "\(html)")
            #expect((html["tables"] as? Int ?? 0) >= 3 && (html["svgs"] as? Int ?? 0) >= 1, "\(html)")
            let csv = try #require(attachments.first { $0["content_type"] as? String == "text/csv" }?["csv"] as? [String: Any])
            #expect((csv["header"] as? [String])?.prefix(3) == ["row", "rule", "unit"])
            #expect((csv["rows"] as? Int ?? 0) > 10 && csv["widths"] as? [Int] == [20], "\(csv)")
            #expect((mail["size"] as? Int ?? .max) < 5_000_000)
        }

        // The next cycle, the same day and a week later: nothing more about the report.
        for day in [reportDay, "2027-01-27 09:00"] {
            let again = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", day])
            #expect(again.status == 0, "\(again.stderr)")
        }
        #expect(try workspace.ledger().filter { $0.key.hasPrefix("arsrapport/") }.count == 3)
        usleep(500_000)
        #expect(try workspace.mails().filter { ($0["keys"] as? [String])?.contains { $0.hasPrefix("arsrapport/") } == true }.count == 3)
    }

    @Test func aReportAboveTheAttachmentLimitSaysSoAndHowToMakeItOnTheServer() throws {
        let workspace = try IntegrationWorkspace(extraRules: Self.rule(limit: "20 kB"))
        defer { workspace.remove() }
        let run = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", reportDay])
        #expect(run.status == 0, "\(run.stderr)")
        let ledger = try workspace.ledger()
        let mails = try workspace.waitForMails(Set(ledger.compactMap(\.file)).count)
        let reports = mails.filter { ($0["keys"] as? [String])?.contains { $0.hasPrefix("arsrapport/") } == true }
        #expect(reports.count == 3)
        for mail in reports {
            #expect((mail["attachments"] as? [[String: Any]])?.isEmpty == true)
            let text = mail["text"] as? String ?? ""
            #expect(text.contains("Rapporten bifogas inte: den skulle ta "), "\(text)")
            #expect(text.contains("kB i brevet, och gränsen är 20 kB. Ta fram den på servern:"), "\(text)")
            #expect(text.contains("planwatch report --config \(workspace.config) --year 2026 --language sv --format html --output uppfoljning-2026.html"),
                    "\(text)")
        }
    }
}
}
