import PlanwatchOutput
import Testing

/// Every reply in `Replies/` with the classification it must get.
@Suite struct ReplyCorpusTests {
    enum Expected: Sendable {
        case completion(String)
        case automatic(AutomaticReason)
        case unrecognised(UnrecognisedReason)
        case bounce(keys: [String], messageID: String, failed: [String])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let expected: Expected
        var testDescription: String { file }
        init(_ file: String, _ expected: Expected) {
            self.file = file
            self.expected = expected
        }
    }

    static let cases: [Case] = [
        Case("outlook-sv-top-posted.eml", .completion("klar")),
        Case("outlook-en-top-posted.eml", .completion("done")),
        Case("gmail-sv-top-posted.eml", .completion("klart")),
        Case("gmail-sv-bottom-posted.eml", .completion("klar")),
        Case("gmail-en.eml", .completion("done")),
        Case("apple-mail-bottom-posted.eml", .completion("gjort")),
        Case("iphone.eml", .completion("klar")),
        Case("plain-quoted.eml", .completion("gjort")),
        Case("thunderbird-bottom-posted.eml", .completion("klar")),
        Case("subject-only.eml", .completion("klart")),
        Case("not-a-completion.eml", .unrecognised(.notACompletion(firstLine: "inte klar än"))),
        Case("klarar-inte.eml", .unrecognised(.notACompletion(firstLine: "Klarar inte detta före jul, återkommer."))),
        Case("only-quote.eml", .unrecognised(.empty)),
        Case("latin1-qp.eml", .completion("klart")),
        Case("windows-1252.eml", .completion("gjort")),
        Case("base64-utf8.eml", .completion("klar")),
        Case("q-encoded-subject.eml", .completion("klar")),
        Case("html-only.eml", .unrecognised(.noTextPart)),
        Case("alternative-text-wins.eml", .completion("klar")),
        Case("no-text-part.eml", .unrecognised(.noTextPart)),
        Case("out-of-office-sv.eml", .automatic(.outOfOffice(subject: "Automatiskt svar: Årlig uppföljning: Personalomsättning"))),
        Case("out-of-office-en.eml", .automatic(.autoSubmitted("auto-replied"))),
        Case("read-receipt.eml", .automatic(.readReceipt)),
        // iTIP answers to the calendar part: ignored even when their words say "Klart".
        Case("outlook-calendar-accept.eml", .automatic(.calendarReply(method: "REPLY"))),
        Case("google-calendar-decline.eml", .automatic(.calendarReply(method: "REPLY"))),
        Case("postfix-bounce.eml", .bounce(keys: ["yearly/ind-1/2027-02-01/remind-28d/p-asa", "yearly/ind-2/2027-02-01/remind-28d/p-asa"],
                                           messageID: "<3f2a9c1e5b7d4e8f9a0b1c2d3e4f5a6b@example.se>", failed: ["asa.oberg@stockholm.se"])),
        Case("exchange-ndr.eml", .bounce(keys: ["monthly/unit-farsta/2026-11/due/p-bo"],
                                         messageID: "<9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49@example.se>", failed: ["bo.lind@stockholm.se"])),
        Case("nonstandard-bounce.eml", .bounce(keys: ["quarterly/ind-7/2026-Q4/remind-7d/p-kalle"],
                                               messageID: "<0a1b2c3d4e5f60718293a4b5c6d7e8f9@example.se>", failed: ["kalle@example.org"])),
        Case("broken-missing-closing-boundary.eml", .completion("klar")),
        Case("broken-wrong-boundary.eml", .completion("klar")),
        Case("broken-bad-base64.eml", .completion("klar")),
        Case("cr-only.eml", .completion("klar")),
        Case("lf-only.eml", .completion("gjort")),
    ]

    let reader = ReplyReader(completionWords: ["klar", "klart", "gjort", "done"])

    @Test(arguments: cases) func eachReplyIsClassifiedAsExpected(_ reply: Case) {
        let mail = ReplyCorpus.mail(reply.file)
        let classification = reader.classify(mail)
        switch reply.expected {
        case .completion(let word): #expect(classification == .completion(word))
        case .automatic(let reason): #expect(classification == .automatic(reason))
        case .unrecognised(let reason): #expect(classification == .unrecognised(reason))
        case .bounce(let keys, let messageID, let failed):
            guard case .bounce(let status) = classification else {
                Issue.record("expected a bounce, got \(classification)")
                return
            }
            #expect(status.planwatchKeys == keys)
            #expect(status.originalMessageID == messageID)
            #expect(status.failedRecipients.map(\.finalRecipient) == failed)
            #expect(status.originalRecipients == failed)
        }
    }

    @Test(arguments: cases) func everyReplyFromAPersonCarriesItsTokenAndBouncesDoNot(_ reply: Case) {
        let token = ReplyCorpus.pattern.token(in: ReplyCorpus.mail(reply.file))
        if case .bounce = reply.expected {
            #expect(token == nil)
        } else {
            #expect(token == ReplyCorpus.token)
        }
    }

    @Test func everyFileInTheCorpusHasAnExpectation() {
        #expect(Set(ReplyCorpus.names) == Set(Self.cases.map(\.file)))
        #expect(ReplyCorpus.names.count >= 30)
    }

    @Test func aTenMegabyteMailIsReadForItsHeadersOnly() {
        var bytes = Array("From: Anna Svensson <anna.svensson@stockholm.se>\r\nTo: planwatch+\(ReplyCorpus.token)@example.se\r\nSubject: Klart!\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nKlar\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
        let line = Array(String(repeating: "QUJD", count: 19).utf8) + [13, 10]
        while bytes.count < 10 * 1024 * 1024 { bytes += line }
        let mail = IncomingMail(bytes)
        #expect(mail.isTruncated && mail.size == bytes.count && mail.sizeLimit == IncomingMail.defaultSizeLimit)
        #expect(mail.subject == "Klart!")
        #expect(mail.contentType.mediaType == "multipart/mixed")
        #expect(mail.text == nil && mail.root.parts.isEmpty)
        #expect(ReplyCorpus.pattern.token(in: mail) == ReplyCorpus.token)
        #expect(reader.classify(mail) == .unrecognised(.tooLarge(size: bytes.count, limit: IncomingMail.defaultSizeLimit)))
    }

    @Test func theSameMailUnderTheLimitIsACompletion() {
        let bytes = Array("Subject: SV: x\r\n\r\nKlar\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 100)
        #expect(reader.classify(IncomingMail(bytes, sizeLimit: bytes.count)) == .completion("klar"))
        #expect(reader.classify(IncomingMail(bytes, sizeLimit: bytes.count - 1)) == .unrecognised(.tooLarge(size: bytes.count, limit: bytes.count - 1)))
    }
}
