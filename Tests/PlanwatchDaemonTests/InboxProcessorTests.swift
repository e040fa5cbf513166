import Foundation
import Logging
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchLoader
import PlanwatchOutput
import PlanwatchState
import Testing

/// The inbox processor on a real Maildir and the real state (SQLite) or the in-memory one: every
/// reply gets its defined outcome, completions are recorded against the token's occurrence and
/// person, answers are spooled, and nothing in the inbox is lost.
@Suite struct InboxProcessorTests {
    static let root = CycleTests.root
    static let corpus = root.appendingPathComponent("Tests/PlanwatchOutputTests/Replies")
    static let zone = Zone(identifier: "Europe/Stockholm")!
    static let corpusToken = "k7d2mq4xw5nbp3rtzh6a"
    static let occurrence = OccurrenceKey(rule: "indikatorer-arlig-uppfoljning", subject: "ind-ledarskap",
                                          occurrence: .date(LocalDate(iso: "2027-02-01")!))
    static func at(_ text: String) -> Instant { try! Timestamp.parse(text, in: zone) }

    struct Setup {
        let processor: InboxProcessor
        let inbox: InboxMaildir
        let store: any StateStore
        let spool: any MailSpool
        let journal: MemoryJournal
        let folder: URL

        /// Puts a mail into new/ as Postfix would, arrived at `arrived`.
        func deliver(_ bytes: [UInt8], name: String, arrived: Instant) throws {
            let path = inbox.root + "/new/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            var times = [timeval(tv_sec: Int(arrived.seconds), tv_usec: 0), timeval(tv_sec: Int(arrived.seconds), tv_usec: 0)]
            utimes(path, &times)
        }

        func deliver(_ text: String, name: String, arrived: Instant) throws { try deliver(Array(text.utf8), name: name, arrived: arrived) }

        func answers() async -> [String] {
            var texts: [String] = []
            for name in await spool.names(in: .waiting) where name.hasPrefix("answer-") {
                texts.append(String(decoding: await spool.message(name, in: .waiting) ?? [], as: UTF8.self))
            }
            return texts
        }
    }

    func setup(_ backends: Backends) async throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-inbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.mailTransport = .none
        configuration.replyAddress = "planwatch+{token}@example.se"
        configuration.inboxPath = folder.appendingPathComponent("inbox").path
        let project = try ProjectLoader.load(paths: [Self.root.appendingPathComponent("Tests/Fixtures/rules").path,
                                                     Self.root.appendingPathComponent("Tests/Fixtures/plan").path], configuration: configuration)
        let (store, spool) = try backends.make(folder)
        let journal = MemoryJournal()
        let runtime = Runtime(configuration: configuration, state: store, spool: spool, transport: nil, journal: journal,
                              logger: Logger(label: "test"), cycleLock: nil)
        let inbox = InboxMaildir(root: configuration.inboxPath)
        try inbox.prepare()
        return Setup(processor: InboxProcessor(runtime: runtime, project: project), inbox: inbox, store: store, spool: spool,
                     journal: journal, folder: folder)
    }

    /// Issues `token` for an occurrence to a person, as a cycle does with its first mail.
    func issue(_ token: String, _ occurrence: OccurrenceKey = occurrence, to person: String = "p-lena", at: Instant, in store: any StateStore) async throws {
        let issued = try await store.replyToken(for: occurrence, recipient: person, at: at, make: { token })
        #expect(issued == token)
    }

    func reply(to token: String, from sender: String = "lena.akesson@example.se", body: String = "Klar!", messageID: String = UUID().uuidString,
               date: String = "Mon, 4 Jan 2027 10:00:00 +0100", extra: String = "") -> String {
        """
        Delivered-To: planwatch+\(token)@example.se\r
        From: Lena <\(sender)>\r
        To: planwatch+\(token)@example.se\r
        Subject: Re: Påminnelse\r
        Date: \(date)\r
        Message-ID: <\(messageID)@example.se>\r
        \(extra)MIME-Version: 1.0\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        \(body)\r

        """
    }

    // MARK: The corpus, through the processor

    static let completed = ["alternative-text-wins", "apple-mail-bottom-posted", "base64-utf8", "broken-bad-base64",
                            "broken-missing-closing-boundary", "broken-wrong-boundary", "cr-only", "gmail-en", "gmail-sv-bottom-posted",
                            "gmail-sv-top-posted", "iphone", "latin1-qp", "lf-only", "outlook-en-top-posted", "outlook-sv-top-posted",
                            "plain-quoted", "q-encoded-subject", "subject-only", "thunderbird-bottom-posted", "windows-1252"]
    static let refused = ["html-only", "klarar-inte", "no-text-part", "not-a-completion", "only-quote"]
    static let automatic = ["google-calendar-decline", "out-of-office-en", "out-of-office-sv", "outlook-calendar-accept", "read-receipt"]
    static let bounces = ["exchange-ndr", "nonstandard-bounce", "postfix-bounce"]

    @Test(arguments: Backends.allCases)
    func everyReplyOfTheCorpusGetsItsOutcomeAndNothingIsLost(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try await issue(Self.corpusToken, at: Self.at("2026-11-30 08:00"), in: s.store)
        let all = Self.completed + Self.refused + Self.automatic + Self.bounces
        #expect(Set(all).count == (try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)).filter { $0.hasSuffix(".eml") }.count)
        for name in all {
            try s.deliver(Array(try Data(contentsOf: Self.corpus.appendingPathComponent(name + ".eml"))), name: name,
                          arrived: Self.at("2026-12-01 14:00"))
        }
        let summary = try await s.processor.process(at: Self.at("2026-12-01 14:05"))
        #expect(summary.completed == Self.completed.count && summary.refused == Self.refused.count)
        #expect(summary.automatic == Self.automatic.count && summary.bounces == Self.bounces.count)
        // Nothing lost: every mail is in cur/ or refused/, none left in new/.
        #expect(s.inbox.names(in: .new).isEmpty)
        #expect(Set(s.inbox.names(in: .cur)) == Set(Self.completed + Self.automatic + Self.bounces))
        #expect(Set(s.inbox.names(in: .refused)) == Set(Self.refused))
        // Each completion recorded for the token's occurrence and person, dated by its own Date.
        let recorded = try await s.store.recordedCompletions()
        #expect(recorded.count == Self.completed.count)
        for completion in recorded {
            #expect(completion.item == "ind-ledarskap" && completion.rule == "indikatorer-arlig-uppfoljning")
            #expect(completion.occurrence == LocalDate(iso: "2027-02-01") && completion.by == .person("p-lena") && completion.how == .reply)
            #expect(completion.on == LocalDate(iso: "2026-12-01"))
        }
        // The log says what became of each.
        for name in Self.refused {
            #expect(try await s.store.inboxEntry(file: name)?.outcome == .refused, "\(name)")
        }
        let bounce = try #require(try await s.store.inboxEntry(file: "postfix-bounce"))
        #expect(bounce.outcome == .bounce && bounce.failedRecipients == ["asa.oberg@stockholm.se"])
        #expect(s.journal.entries.contains { $0["MESSAGE_ID"] == MessageID.bounce.rawValue && $0["PRIORITY"] == "3" })
        // Automatic replies get no answer; completions a confirmation each; refusals at most one a day per sender.
        let answers = await s.answers()
        #expect(answers.filter { $0.contains("Registrerat som klart") || $0.contains("Recorded as done") }.count == Self.completed.count)
        let explanations = answers.count - Self.completed.count
        #expect(explanations >= 1 && explanations <= Self.refused.count)
    }

    // MARK: Tokens

    @Test(arguments: Backends.allCases)
    func aForgedOrRevokedTokenIsRefusedAndExplainedOncePerDay(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try await issue("aaaabbbbccccddddeeee", at: Self.at("2027-01-04 08:00"), in: s.store)
        #expect(try await s.store.revokeReplyToken("aaaabbbbccccddddeeee", at: Self.at("2027-01-04 08:30")))
        try s.deliver(reply(to: "aaaabbbbccccddddeeee"), name: "revoked", arrived: Self.at("2027-01-04 10:00"))
        try s.deliver(reply(to: "zzzzbbbbccccddddeeee"), name: "forged", arrived: Self.at("2027-01-04 10:01"))
        let summary = try await s.processor.process(at: Self.at("2027-01-04 10:05"))
        #expect(summary.refused == 2 && summary.completed == 0)
        #expect(try await s.store.recordedCompletions().isEmpty)
        #expect(Set(s.inbox.names(in: .refused)) == ["revoked", "forged"])
        // One explanation to the sender that day, not two.
        #expect(await s.answers().count == 1)
        // The next day, another refused reply is explained again.
        try s.deliver(reply(to: "zzzzbbbbccccddddeeee"), name: "forged-again", arrived: Self.at("2027-01-05 10:00"))
        _ = try await s.processor.process(at: Self.at("2027-01-05 10:05"))
        #expect(await s.answers().count == 2)
    }

    @Test(arguments: Backends.allCases)
    func theTokenDecidesTheOccurrenceAndIsReadCaseFolded(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        let other = OccurrenceKey(rule: "indikatorer-arlig-uppfoljning", subject: "ind-digital-utveckling", occurrence: .date(LocalDate(iso: "2027-02-01")!))
        try await issue("ledarskaptokenaaaaaa", at: Self.at("2027-01-04 08:00"), in: s.store)
        try await issue("digitaltokenbbbbbbbb", other, to: "p-johan", at: Self.at("2027-01-04 08:00"), in: s.store)
        // Johan answers, in upper case, with the token of his own mail, quoting Lena's subject.
        try s.deliver(reply(to: "DIGITALTOKENBBBBBBBB", from: "johan.ek@example.se"), name: "johan", arrived: Self.at("2027-01-04 10:00"))
        let summary = try await s.processor.process(at: Self.at("2027-01-04 10:05"))
        #expect(summary.completed == 1)
        let recorded = try await s.store.recordedCompletions()
        #expect(recorded.map(\.item) == ["ind-digital-utveckling"] && recorded.first?.by == .person("p-johan"))
        // Johan's confirmation is in English (his language).
        #expect(await s.answers().first?.contains("Recorded as done") == true)
    }

    @Test(arguments: Backends.allCases)
    func aValidTokenFromAnotherAddressCountsAndIsJournaled(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try await issue("ledarskaptokenaaaaaa", at: Self.at("2027-01-04 08:00"), in: s.store)
        try s.deliver(reply(to: "ledarskaptokenaaaaaa", from: "assistent@example.se"), name: "forwarded", arrived: Self.at("2027-01-04 10:00"))
        _ = try await s.processor.process(at: Self.at("2027-01-04 10:05"))
        let recorded = try await s.store.recordedCompletions()
        #expect(recorded.count == 1 && recorded.first?.by == .person("p-lena"))
        let notice = try #require(s.journal.entries.first { $0["MESSAGE_ID"] == MessageID.replyFromElsewhere.rawValue })
        #expect(notice["PRIORITY"] == "5" && notice["MESSAGE"]?.contains("assistent@example.se") == true)
        // The confirmation goes to whoever wrote.
        #expect(await s.answers().first?.contains("<assistent@example.se>") == true)
    }

    @Test(arguments: Backends.allCases)
    func aReplayedReplyRecordsOneCompletion(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try await issue("ledarskaptokenaaaaaa", at: Self.at("2027-01-04 08:00"), in: s.store)
        let mail = reply(to: "ledarskaptokenaaaaaa", messageID: "same-reply")
        try s.deliver(mail, name: "first", arrived: Self.at("2027-01-04 10:00"))
        _ = try await s.processor.process(at: Self.at("2027-01-04 10:05"))
        try s.deliver(mail, name: "replayed", arrived: Self.at("2027-01-06 10:00"))
        _ = try await s.processor.process(at: Self.at("2027-01-06 10:05"))
        #expect(try await s.store.recordedCompletions().count == 1)
        #expect(Set(s.inbox.names(in: .cur)) == ["first", "replayed"])
    }

    // MARK: Dates

    @Test(arguments: Backends.allCases)
    func theReplysDateIsClampedBetweenTheReminderAndItsArrival(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try await issue("ledarskaptokenaaaaaa", at: Self.at("2027-01-04 08:00"), in: s.store)
        // A sender's clock a month fast, one a year slow, and one right (the day before arrival).
        try s.deliver(reply(to: "ledarskaptokenaaaaaa", messageID: "fast", date: "Fri, 5 Feb 2027 10:00:00 +0100"), name: "fast",
                      arrived: Self.at("2027-01-07 10:00"))
        try s.deliver(reply(to: "ledarskaptokenaaaaaa", messageID: "slow", date: "Sat, 4 Jan 2026 10:00:00 +0100"), name: "slow",
                      arrived: Self.at("2027-01-07 10:00"))
        try s.deliver(reply(to: "ledarskaptokenaaaaaa", messageID: "right", date: "Wed, 6 Jan 2027 23:30:00 +0100"), name: "right",
                      arrived: Self.at("2027-01-07 10:00"))
        _ = try await s.processor.process(at: Self.at("2027-01-07 10:05"))
        let byMessage = Dictionary(uniqueKeysWithValues: try await s.store.recordedCompletions().map { ($0.messageID ?? "", $0.on) })
        #expect(byMessage["<fast@example.se>"] == LocalDate(iso: "2027-01-07"))
        #expect(byMessage["<slow@example.se>"] == LocalDate(iso: "2027-01-04"))
        #expect(byMessage["<right@example.se>"] == LocalDate(iso: "2027-01-06"))
    }

    // MARK: Bad input

    @Test(arguments: Backends.allCases)
    func anOversizeMailIsKeptAsideAndAnswered(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try await issue("ledarskaptokenaaaaaa", at: Self.at("2027-01-04 08:00"), in: s.store)
        let big = reply(to: "ledarskaptokenaaaaaa", body: "Klar!\r\n" + String(repeating: "x", count: 78) + "\r\n")
            + String(repeating: String(repeating: "y", count: 78) + "\r\n", count: 10 * 1024 * 1024 / 80)
        try s.deliver(big, name: "big", arrived: Self.at("2027-01-04 10:00"))
        let summary = try await s.processor.process(at: Self.at("2027-01-04 10:05"))
        #expect(summary.refused == 1 && summary.completed == 0)
        #expect(s.inbox.names(in: .refused) == ["big"])
        #expect(try await s.store.inboxEntry(file: "big")?.reason.contains("too large") == true)
        #expect(await s.answers().count == 1)
    }

    @Test(arguments: Backends.allCases)
    func garbageAndEmptyFilesAreKeptAsideNeverDeleted(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.deliver([], name: "empty", arrived: Self.at("2027-01-04 10:00"))
        try s.deliver((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }, name: "binary", arrived: Self.at("2027-01-04 10:00"))
        try s.deliver("Subject: =?utf-8?B?!!!?=\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n--\r\n", name: "broken-mime",
                      arrived: Self.at("2027-01-04 10:00"))
        _ = try await s.processor.process(at: Self.at("2027-01-04 10:05"))
        #expect(s.inbox.names(in: .new).isEmpty)
        #expect(Set(s.inbox.names(in: .refused) + s.inbox.names(in: .cur)) == ["empty", "binary", "broken-mime"])
    }

    @Test(arguments: Backends.allCases)
    func aRefusedReplyCanBeRetriedOnceItsTokenIsKnown(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        // The reply arrives before the state knows its token (say, a state restored from a backup).
        try s.deliver(reply(to: "ledarskaptokenaaaaaa"), name: "early", arrived: Self.at("2027-01-04 10:00"))
        _ = try await s.processor.process(at: Self.at("2027-01-04 10:05"))
        #expect(s.inbox.names(in: .refused) == ["early"])
        try await issue("ledarskaptokenaaaaaa", at: Self.at("2027-01-04 08:00"), in: s.store)
        let retried = try await s.processor.process(at: Self.at("2027-01-04 11:00"), retrying: "early")
        #expect(retried.completed == 1)
        #expect(s.inbox.names(in: .cur) == ["early"] && s.inbox.names(in: .refused).isEmpty)
        await #expect(throws: SpoolError.self) { try await s.processor.process(at: Self.at("2027-01-04 11:00"), retrying: "../../etc/passwd") }
    }

    @Test(arguments: Backends.allCases)
    func processedMailGoesAfterKeepButNotBefore(backends: Backends) async throws {
        let s = try await setup(backends)
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.deliver(reply(to: "nosuchtokenaaaaaaaaa"), name: "old", arrived: Self.at("2027-01-04 10:00"))
        _ = try await s.processor.process(at: Self.at("2027-01-04 10:05"))
        _ = try await s.processor.process(at: Self.at("2027-04-03 10:00"))  // 89 days on (and summer time)
        #expect(s.inbox.names(in: .refused) == ["old"])
        _ = try await s.processor.process(at: Self.at("2027-04-04 11:06"))  // 90 days (of 86 400 s) on
        #expect(s.inbox.names(in: .refused).isEmpty)
        #expect(try await s.store.inboxEntry(file: "old") == nil)
    }
}
