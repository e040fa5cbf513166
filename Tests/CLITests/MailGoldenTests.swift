import Foundation
import PlanwatchOutput
import PlanwatchTestSupport
import Testing

/// The mails of the shipped rules on the shipped example, as `planwatch preview` prints them, in
/// Swedish and English: one notification of every stage of a deadline (reminder, due day, overdue,
/// escalated) and of a threshold (warning, critical, under hysteresis, resolved, missing value).
/// Each golden file under Golden/mails/ holds the decoded subject, the text part and the method of
/// the calendar part; they were reviewed by reading them. After a deliberate change of wording, run
/// with PLANWATCH_UPDATE_GOLDEN=1 to write them anew, and read the difference before committing it.
@Suite struct MailGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/mails")

    /// One notification: when, which rule about what, at which stage.
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var at: String
        var rule: String
        var subject: String
        var stage: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "deadline-reminder", at: "2026-12-01", rule: "indikatorer-arlig-uppfoljning", subject: "ind-delaktighet", stage: "remind-28d"),
        Case(name: "deadline-reminder-1d", at: "2027-01-20", rule: "indikatorer-arlig-uppfoljning", subject: "ind-delaktighet", stage: "remind-1d"),
        Case(name: "deadline-due", at: "2027-01-20", rule: "indikatorer-arlig-uppfoljning", subject: "ind-delaktighet", stage: "due"),
        Case(name: "deadline-overdue", at: "2027-02-01", rule: "indikatorer-arlig-uppfoljning", subject: "ind-delaktighet", stage: "overdue-1"),
        Case(name: "deadline-escalated", at: "2027-02-01", rule: "indikatorer-arlig-uppfoljning", subject: "ind-delaktighet", stage: "escalated"),
        Case(name: "report-overdue", at: "2027-02-10", rule: "verksamhetsberattelse", subject: "rapport-ars-bromma", stage: "overdue-3"),
        Case(name: "sam-reminder", at: "2026-12-01", rule: "sam-arlig-uppfoljning-skriftlig", subject: "sam-farsta", stage: "remind-14d"),
        Case(name: "threshold-warning", at: "2026-12-01", rule: "personalomsattning", subject: "hagersten-alvsjo", stage: "warning"),
        Case(name: "threshold-hysteresis", at: "2026-12-01", rule: "personalomsattning", subject: "enskede-arsta-vantor", stage: "warning"),
        Case(name: "threshold-critical", at: "2026-12-01", rule: "arenden-per-handlaggare", subject: "farsta", stage: "critical"),
        Case(name: "threshold-resolved", at: "2026-12-01", rule: "personalomsattning", subject: "bromma", stage: "resolved"),
        Case(name: "threshold-missing", at: "2026-12-01", rule: "arenden-per-handlaggare", subject: "skarpnack", stage: "missing"),
    ]

    /// The example's configuration in `language`: the shipped one for Swedish; for English the same
    /// with `language: en`, its paths made absolute.
    static func configuration(_ language: String) throws -> String {
        let shipped = PlanwatchProcess.root.appendingPathComponent("examples/stockholm/planwatch.yaml")
        guard language != "sv" else { return shipped.path }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-mail-golden-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let example = PlanwatchProcess.root.appendingPathComponent("examples/stockholm").path
        let text = try String(contentsOf: shipped, encoding: .utf8)
            .replacingOccurrences(of: "language: sv", with: "language: en")
            .replacingOccurrences(of: "rules: [../../rules]", with: "rules: [\(PlanwatchProcess.root.appendingPathComponent("rules").path)]")
            .replacingOccurrences(of: "plan: .", with: "plan: \(example)")
            .replacingOccurrences(of: "state: var/", with: "state: \(folder.path)/")
            .replacingOccurrences(of: "spool: var/", with: "spool: \(folder.path)/")
        let path = folder.appendingPathComponent("planwatch.yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// The mail as a person reads it: subject, text part, calendar method.
    static func readable(_ mail: String) -> String {
        let parsed = IncomingMail(Array(mail.utf8))
        var lines = ["Subject: " + (parsed.subject ?? "")]
        if let calendar = parsed.root.firstPart(where: { $0.contentType.mediaType == "text/calendar" }) {
            lines.append("Calendar: " + (calendar.contentType.parameter("method") ?? ""))
        }
        lines += ["", parsed.text ?? ""]
        return lines.joined(separator: "\n")
    }

    @Test(arguments: cases, ["sv", "en"])
    func theMailReadsAsReviewed(_ mail: Case, language: String) throws {
        let output = try PlanwatchProcess.run(["preview", mail.rule, mail.subject, "--stage", mail.stage,
                                               "--at", "\(mail.at) 09:00", "--config", try Self.configuration(language)])
        #expect(output.status == 0, "\(output.stderr)")
        let readable = Self.readable(output.stdout)
        let file = Self.golden.appendingPathComponent("\(mail.name).\(language).txt")
        if ProcessInfo.processInfo.environment["PLANWATCH_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try readable.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        let lines = readable.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(lines, expected.split(separator: "\n", omittingEmptySubsequences: false)).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(readable == expected, "\(file.lastPathComponent), first difference on line \((first?.offset ?? -1) + 1): \(first.map { "\($0.element.0) ≠ \($0.element.1)" } ?? "lengths")")
    }
}
