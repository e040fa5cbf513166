import Foundation
import PlanwatchTestSupport
import Testing

/// Closing the loop with the real Postfix (scripts/test-services sets it up as README "Operations:
/// replies" says: `recipient_delimiter = +` and an alias map owned by the user planwatch that
/// delivers `planwatch+TOKEN@localhost` into the inbox Maildir as that user): a reminder is
/// delivered, answered "Klar!" with sendmail, Postfix puts the reply in the inbox, the next cycle
/// records the completion and confirms it, and the stages after it are not sent.
extension RealPostfix {
@Suite(.serialized) struct ReplyIntegrationTests {
    static let inbox = "/var/spool/planwatch-test/inbox"
    static let settings = """
        replies: { address: "planwatch+{token}@localhost" }
        inbox: \(inbox)
        """

    /// Sends a reply through Postfix, as a mail client would.
    func reply(from sender: String, to address: String, subject: String, inReplyTo: String?, body: String) throws {
        let message = """
            From: Test <\(sender)>
            To: \(address)
            Subject: \(subject)
            Date: \(Self.rfc5322Now())
            Message-ID: <\(UUID().uuidString.lowercased())@client.example>
            \(inReplyTo.map { "In-Reply-To: \($0)\nReferences: \($0)\n" } ?? "")MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            \(body)
            """
        let sent = try runProgram("/usr/sbin/sendmail", ["-f", sender, "-i", address], input: message + "\n")
        #expect(sent.status == 0, "\(sent.stderr)")
    }

    static func rfc5322Now() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        return formatter.string(from: Date())
    }

    /// Waits until Postfix has put a mail for `token` into the inbox's new/.
    func waitForReply(token: String, seconds: Double = 30) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        let folder = Self.inbox + "/new"
        while Date() < deadline {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                if let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8), text.contains("planwatch+\(token)@") {
                    return true
                }
            }
            usleep(200_000)
        }
        return false
    }

    func completions(_ workspace: IntegrationWorkspace) throws -> [[String: Any]] {
        let list = try workspace.planwatch(["completions", "list", "--config", workspace.config, "--format", "json"])
        #expect(list.status == 0, "\(list.stderr)")
        return try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
    }

    func keys(_ mails: [[String: Any]]) -> [String] { mails.flatMap { $0["keys"] as? [String] ?? [] } }

    @Test func aReplyKlarRecordsTheCompletionConfirmsItAndStopsTheStagesAfterIt() throws {
        let workspace = try IntegrationWorkspace(settings: Self.settings)
        defer { workspace.remove() }
        let first = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", "2027-01-04 09:00"])
        #expect(first.status == 0, "\(first.stderr)")
        let delivered = try workspace.waitForMails(Set(try workspace.ledger().compactMap(\.file)).count)
        let reminder = try #require(delivered.first { keys([$0]).contains { $0.hasPrefix("indikatorer-arlig-uppfoljning/ind-ledarskap/2027-02-01/remind-28d/") } },
                                    "\(delivered.map { $0["subject"] ?? "" })")
        let replyTo = try #require((reminder["reply_to"] as? [String])?.first)
        #expect(replyTo.hasPrefix("planwatch+") && replyTo.hasSuffix("@localhost"))
        let token = String(replyTo.dropFirst("planwatch+".count).prefix { $0 != "@" })
        #expect(token.count >= 16 && token == token.lowercased())
        #expect((reminder["text"] as? String)?.contains("svara på det här mejlet med ordet klar") == true, "\(reminder["text"] ?? "")")

        // The reply, quoting the reminder below as mail clients do.
        let recipient = try #require((reminder["to"] as? [String])?.first)
        try reply(from: recipient, to: replyTo, subject: "Re: \(reminder["subject"] as? String ?? "")",
                  inReplyTo: reminder["message_id"] as? String, body: "Klar!\n\nDen 4 jan. 2027 skrev Planwatch:\n> Hej Lena,\n> …")
        #expect(try waitForReply(token: token), "the reply did not reach \(Self.inbox)/new")

        // The next cycle: the reply first, then the rules.
        let second = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", "2027-01-04 11:00"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("1 completions recorded"), "\(second.stdout)")
        let recorded = try completions(workspace)
        #expect(recorded.count == 1)
        #expect(recorded.first?["item"] as? String == "ind-ledarskap" && recorded.first?["how"] as? String == "reply")
        #expect(recorded.first?["by"] as? String == "p-lena" && recorded.first?["occurrence"] as? String == "2027-02-01")
        // The reply's date is today's (clamped between the reminder and its arrival).
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "Europe/Stockholm")!, formatOptions: [.withFullDate])
        #expect(recorded.first?["on"] as? String == "2027-01-04" || recorded.first?["on"] as? String == today)

        // The confirmation reaches the sender.
        let afterReply = try workspace.waitForMails(delivered.count + 2)
        let confirmation = try #require(afterReply.first { ($0["subject"] as? String)?.contains("Registrerat som klart") == true
            || ($0["text"] as? String)?.contains("Registrerat som klart") == true }, "\(afterReply.map { $0["subject"] ?? "" })")
        #expect((confirmation["to"] as? [String]) == [recipient])
        #expect(confirmation["in_reply_to"] as? String != nil)
        #expect((confirmation["text"] as? String)?.contains("Inga fler påminnelser") == true, "\(confirmation["text"] ?? "")")
        // …and the calendar entry of the reminder is cancelled.
        let cancel = afterReply.first { ($0["calendar"] as? [String: Any])?["method"] as? String == "CANCEL" }
        #expect(cancel != nil, "no CANCEL among \(afterReply.map { $0["subject"] ?? "" })")

        // Two weeks on: the other indicators get their next reminder; this one does not.
        let before = try workspace.mails().count
        let third = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", "2027-01-18 09:00"])
        #expect(third.status == 0, "\(third.stderr)")
        let later = try workspace.ledger().map(\.key)
        #expect(later.contains { $0.hasPrefix("indikatorer-arlig-uppfoljning/ind-digital-utveckling/2027-02-01/remind-14d/") }, "\(later)")
        #expect(!later.contains { $0.hasPrefix("indikatorer-arlig-uppfoljning/ind-ledarskap/2027-02-01/remind-14d/") }, "\(later)")
        let mails = try workspace.waitForMails(before + 1)
        #expect(!keys(mails).contains { $0.hasPrefix("indikatorer-arlig-uppfoljning/ind-ledarskap/2027-02-01/remind-14d/") })
    }

    @Test func aDigestRowsMailtoLinkRecordsThatRowOnly() throws {
        let workspace = try IntegrationWorkspace(digest: "daily", settings: Self.settings)
        defer { workspace.remove() }
        let first = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", "2027-01-04 09:00"])
        #expect(first.status == 0, "\(first.stderr)")
        let delivered = try workspace.waitForMails(Set(try workspace.ledger().compactMap(\.file)).count)
        // p-anna's digest holds both of her indicators: each row its own link.
        let digest = try #require(delivered.first {
            let keys = keys([$0])
            return keys.contains { $0.contains("/ind-trygghet-delaktighet/2027-02-01/remind-28d/") }
                && keys.contains { $0.contains("/ind-kompetensutveckling/2027-02-01/remind-28d/") }
        }, "\(delivered.map { $0["subject"] ?? "" })")
        let text = try #require(digest["text"] as? String)
        let links = text.matches(of: /mailto:(planwatch\+([a-z2-7]+)@localhost)\?subject=([^\s>)]+)/)
        #expect(links.count >= 2, "\(text)")
        // Replying to the digest itself records nothing: no row tells the reader to.
        #expect(!text.contains("svara på det här mejlet"), "\(text)")
        // The digest's own Reply-To carries no token (it holds more than one row).
        #expect((digest["reply_to"] as? [String])?.contains { $0.hasPrefix("planwatch+") && $0 != "planwatch+bounce@localhost" } != true)
        // The link of the row about the development plans: the nearest title before it is that one.
        func nearestTitle(before link: Regex<(Substring, Substring, Substring, Substring)>.Match) -> String? {
            let before = text[..<link.range.lowerBound]
            let titles = ["kompetensutvecklingsplan", "trygghet"]
            return titles.max { (before.range(of: $0, options: .backwards)?.lowerBound ?? before.startIndex) < (before.range(of: $1, options: .backwards)?.lowerBound ?? before.startIndex) }
        }
        let row = try #require(links.first { nearestTitle(before: $0) == "kompetensutvecklingsplan" }, "\(text)")
        let address = String(row.output.1), token = String(row.output.2)
        let subject = String(row.output.3).removingPercentEncoding ?? String(row.output.3)
        try reply(from: try #require((digest["to"] as? [String])?.first), to: address, subject: subject, inReplyTo: digest["message_id"] as? String,
                  body: "")
        #expect(try waitForReply(token: token))

        let second = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", "2027-01-04 11:00"])
        #expect(second.status == 0, "\(second.stderr)")
        let recorded = try completions(workspace)
        #expect(recorded.map { $0["item"] as? String } == ["ind-kompetensutveckling"], "\(recorded) — \(second.stdout)")

        let third = try workspace.planwatch(["run", "--once", "--config", workspace.config, "--at", "2027-01-18 09:00"])
        #expect(third.status == 0, "\(third.stderr)")
        let later = try workspace.ledger().map(\.key)
        #expect(later.contains { $0.hasPrefix("indikatorer-arlig-uppfoljning/ind-trygghet-delaktighet/2027-02-01/remind-14d/") }, "\(later)")
        #expect(!later.contains { $0.hasPrefix("indikatorer-arlig-uppfoljning/ind-kompetensutveckling/2027-02-01/remind-14d/") }, "\(later)")
    }
}
}
