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
        Case(name: "threshold-critical", at: "2026-12-01", rule: "medarbetare-per-chef", subject: "jarva", stage: "critical"),
        Case(name: "threshold-derived", at: "2026-12-01", rule: "konsultkostnader-okning", subject: "jarva", stage: "critical"),
        Case(name: "threshold-resolved", at: "2026-12-01", rule: "personalomsattning", subject: "bromma", stage: "resolved"),
        Case(name: "threshold-missing", at: "2026-12-01", rule: "arenden-per-socialsekreterare", subject: "skarpnack", stage: "missing"),
    ]

    /// The example's configuration in `language` (`language: en` for English), copied into a
    /// temporary folder with its paths made absolute and its state and spool inside that folder.
    static func configuration(_ language: String, folder name: String = "preview") throws -> (path: String, folder: URL) {
        let shipped = PlanwatchProcess.root.appendingPathComponent("examples/stockholm/planwatch.yaml")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-mail-golden-\(getpid())-\(name)-\(language)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let example = PlanwatchProcess.root.appendingPathComponent("examples/stockholm").path
        let text = try String(contentsOf: shipped, encoding: .utf8)
            .replacingOccurrences(of: "language: sv", with: "language: \(language)")
            .replacingOccurrences(of: "rules: [../../rules]", with: "rules: [\(PlanwatchProcess.root.appendingPathComponent("rules").path)]")
            .replacingOccurrences(of: "plan: .", with: "plan: \(example)")
            .replacingOccurrences(of: "state: var/", with: "state: \(folder.path)/")
            .replacingOccurrences(of: "spool: var/", with: "spool: \(folder.path)/")
        let path = folder.appendingPathComponent("planwatch.yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return (path.path, folder)
    }

    /// The mail as a person reads it: subject, text part, calendar method.
    static func readable(_ mail: String) -> String {
        let parsed = IncomingMail(Array(mail.utf8))
        var lines = ["Subject: " + (parsed.subject ?? "")]
        if let calendar = parsed.root.firstPart(where: { $0.contentType.mediaType == "text/calendar" }) {
            lines.append("Calendar: " + (calendar.contentType.parameter("method") ?? ""))
        }
        lines += ["", parsed.text ?? ""]
        // Reply tokens are random: the golden files show where they stand.
        return lines.joined(separator: "\n").replacingOccurrences(of: #"planwatch\+[a-z2-7]{16,}@"#, with: "planwatch+TOKEN@", options: .regularExpression)
    }

    /// `readable` against its golden file (written anew with PLANWATCH_UPDATE_GOLDEN=1).
    static func compare(_ readable: String, with name: String) throws {
        let file = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PLANWATCH_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try readable.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        let lines = readable.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(lines, expected.split(separator: "\n", omittingEmptySubsequences: false)).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(readable == expected, "\(name), first difference on line \((first?.offset ?? -1) + 1): \(first.map { "\($0.element.0) ≠ \($0.element.1)" } ?? "lengths")")
    }

    /// The spooled mails of a configuration's folder, as text.
    static func spooled(_ folder: URL) throws -> [String] {
        let new = folder.appendingPathComponent("spool/new")
        return try FileManager.default.contentsOfDirectory(atPath: new.path).sorted().map {
            String(decoding: try Data(contentsOf: new.appendingPathComponent($0)), as: UTF8.self)
        }
    }

    /// The spooled mail to `address` that holds more than one notification.
    static func digest(to address: String, in folder: URL) throws -> String? {
        try spooled(folder).first { text in
            let mail = IncomingMail(Array(text.utf8))
            return mail.to.contains { $0.address == address } && mail.headers("X-Planwatch-Key").count > 1
        }
    }

    /// A day's digest (Anna's on Monday 4 January 2027: overdue notices and reminders in one mail),
    /// and the next day's digest of the owner of an indicator recorded as done: its row says so and
    /// the calendar entry is cancelled.
    @Test(arguments: ["sv", "en"])
    func theDigestsReadAsReviewed(language: String) throws {
        let (config, folder) = try Self.configuration(language, folder: "cycle")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try PlanwatchProcess.run(["run", "--once", "--no-deliver", "--config", config, "--at", "2027-01-04 09:00"])
        #expect(first.status == 0, "\(first.stderr)")
        let digest = try #require(try Self.digest(to: "anna.lindqvist@example.se", in: folder))
        try Self.compare(Self.readable(digest), with: "digest.\(language).txt")

        let done = try PlanwatchProcess.run(["complete", "ind-kompetensplan", "--occurrence", "2027-02-01", "--at", "2027-01-04 10:00",
                                             "--config", config])
        #expect(done.status == 0, "\(done.stderr)")
        let new = folder.appendingPathComponent("spool/new")
        for file in try FileManager.default.contentsOfDirectory(atPath: new.path) {
            try FileManager.default.removeItem(at: new.appendingPathComponent(file))
        }
        let second = try PlanwatchProcess.run(["run", "--once", "--no-deliver", "--config", config, "--at", "2027-01-05 09:00"])
        #expect(second.status == 0, "\(second.stderr)")
        let cancelling = try #require(try Self.spooled(folder).first { $0.contains("X-Planwatch-Stage: completed") || $0.contains("/completed/") })
        try Self.compare(Self.readable(cancelling), with: "digest-with-completion.\(language).txt")
        #expect(cancelling.contains("method=CANCEL"))
    }

    @Test(arguments: cases, ["sv", "en"])
    func theMailReadsAsReviewed(_ mail: Case, language: String) throws {
        let output = try PlanwatchProcess.run(["preview", mail.rule, mail.subject, "--stage", mail.stage,
                                               "--at", "\(mail.at) 09:00", "--config", try Self.configuration(language).path])
        #expect(output.status == 0, "\(output.stderr)")
        try Self.compare(Self.readable(output.stdout), with: "\(mail.name).\(language).txt")
    }
}
