import PlanwatchCore
import PlanwatchOutput
import PlanwatchTestSupport
import Testing

@Suite struct IncomingMailTests {
    func mail(_ text: String) -> IncomingMail { IncomingMail(Array(text.utf8)) }

    @Test func headersAreUnfoldedDecodedAndFoundWhateverTheirCase() {
        let mail = mail("SUBJECT: =?utf-8?q?=C3=85rlig?=\r\n =?utf-8?q?_uppf=C3=B6ljning?=\r\nX-Planwatch-Key: a/b\r\nx-planwatch-key: c/d\r\nReceived: one\r\n\ttwo\r\n\r\nbody")
        #expect(mail.header("subject") == "Årlig uppföljning")
        #expect(mail.header("Subject") == mail.header("SUBJECT"))
        #expect(mail.headers("X-PLANWATCH-KEY") == ["a/b", "c/d"])
        #expect(mail.header("Received") == "one\ttwo")
        #expect(mail.header("Missing") == nil && mail.headers("Missing").isEmpty)
        #expect(mail.text == "body")
    }

    @Test func addressesGiveTheirDisplayNames() {
        let mail = mail("From: =?iso-8859-1?Q?=C5sa_=D6berg?= <asa@example.se>\r\nTo: \"Svensson, Anna\" <anna@example.se>, bo@example.se (Bo Lind), Team: c@example.se, d@example.se;\r\nCc: <@relay.example:e@example.se>\r\nDelivered-To: planwatch+abc@example.se\r\nX-Original-To: Planwatch+ABC@Example.se\r\n\r\n")
        #expect(mail.from == MailAddress(address: "asa@example.se", displayName: "Åsa Öberg"))
        #expect(mail.to.map(\.address) == ["anna@example.se", "bo@example.se", "c@example.se", "d@example.se"])
        #expect(mail.to.map(\.displayName) == ["Svensson, Anna", "Bo Lind", nil, nil])
        #expect(mail.cc.map(\.address) == ["e@example.se"])
        #expect(mail.deliveredTo == ["planwatch+abc@example.se"])
        #expect(mail.originalTo == ["Planwatch+ABC@Example.se"])
    }

    @Test func messageIDAndDateAreRead() {
        let mail = mail("Message-ID:  <abc@example.se> (comment)\r\nDate: Tue, 1 Dec 2026 08:00:00 +0100\r\nIn-Reply-To: <x@y>\r\n\r\n")
        #expect(mail.messageID == "<abc@example.se>")
        #expect(mail.inReplyTo == "<x@y>")
        #expect(mail.date == Instant(seconds: 1_796_108_400))
        #expect(self.mail("Date: someday\r\n\r\n").date == nil)
        #expect(self.mail("Subject: x\r\n\r\n").messageID == nil)
    }

    @Test func theNullSenderIsTold() {
        #expect(mail("Return-Path: <>\r\n\r\n").returnPath == "")
        #expect(mail("Return-Path: <a@example.se>\r\n\r\n").returnPath == "a@example.se")
        #expect(mail("Subject: x\r\n\r\n").returnPath == nil)
    }

    @Test func nestedMultipartsAreWalkedAndTheFirstPlainTextWins() {
        let mail = mail("""
        Content-Type: multipart/mixed; boundary=outer\r
        \r
        --outer\r
        Content-Type: multipart/alternative; boundary="outer-inner"\r
        \r
        --outer-inner\r
        Content-Type: text/html\r
        \r
        <p>html</p>\r
        --outer-inner\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: quoted-printable\r
        \r
        Klar, tack f=C3=B6r=\r
         p=C3=A5minnelsen\r
        --outer-inner--\r
        --outer\r
        Content-Type: text/plain\r
        Content-Disposition: attachment; filename="notes.txt"\r
        \r
        not this\r
        --outer--\r
        """)
        #expect(mail.root.parts.count == 2)
        #expect(mail.root.parts[0].parts.count == 2)
        #expect(mail.text == "Klar, tack för påminnelsen")
        #expect(mail.root.parts[1].isAttachment)
    }

    @Test func aMultipartWithoutABoundaryIsReadAsWhatItIs() {
        let mail = mail("Content-Type: multipart/mixed\r\n\r\nKlar\r\n")
        #expect(mail.text == "Klar")
    }

    @Test func anAttachedMessageIsParsedButNeverTakenForTheReply() {
        let mail = mail("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\nX-Planwatch-Key: k\r\n\r\nKlar\r\n--b--\r\n")
        #expect(mail.text == nil)
        #expect(mail.root.parts[0].parts.first?.header("Subject") == "inner")
        #expect(mail.root.parts[0].parts.first?.text == "Klar")
    }

    @Test func charsetsAreDecoded() {
        #expect(ReplyCorpus.mail("latin1-qp.eml").text?.hasPrefix("Klart, tack för påminnelsen!") == true)
        #expect(ReplyCorpus.mail("windows-1252.eml").text?.hasPrefix("Gjort – tack för påminnelsen. ”Klart”, sa chefen.") == true)
        #expect(ReplyCorpus.mail("base64-utf8.eml").text?.hasPrefix("Klar 👍\n\nHälsningar\nÅsa\n") == true)
        #expect(ReplyCorpus.mail("broken-bad-base64.eml").text == "Klar tack")
        #expect(TextCharset.isoLatin9.decode([0xA4, 0xBD, 0xE5]) == "€œå")
        #expect(TextCharset.isoLatin1.decode([0x80, 0xE4]) == "€ä")
        #expect(TextCharset.decode([0x4B, 0xE4, 0x72], label: "x-unknown") == "K\u{FFFD}r")
        #expect(TextCharset.decode([0xC3, 0xA5], label: nil) == "å")
        #expect(TextCharset(label: "\"ISO-8859-1\"") == .isoLatin1 && TextCharset(label: "CP1252") == .windows1252 && TextCharset(label: "koi8-r") == nil)
    }

    @Test func rawEightBitHeadersAreUTF8OrElseLatin1() {
        #expect(ReplyCorpus.mail("windows-1252.eml").subject == "SV: Påminnelse")
        #expect(ReplyCorpus.mail("html-only.eml").subject == "SV: Påminnelse")
    }

    @Test func theSubjectsOfTheCorpusDecode() {
        #expect(ReplyCorpus.mail("q-encoded-subject.eml").subject == "SV: Påminnelse")
        #expect(ReplyCorpus.mail("outlook-sv-top-posted.eml").subject == "SV: Årlig uppföljning: Personalomsättning")
        #expect(ReplyCorpus.mail("plain-quoted.eml").subject == "Re: Årlig uppf\u{00F6}ljning")
    }

    @Test func lineEndsDoNotMatter() {
        let text = "Subject: Hej\nContent-Type: text/plain\n\nKlar\n\nMvh\n"
        for ending in ["\r\n", "\n", "\r"] {
            let mail = IncomingMail(Array(text.replacing("\n", with: ending).utf8))
            #expect(mail.subject == "Hej")
            #expect(mail.text == "Klar\n\nMvh")
        }
    }

    @Test func aMissingBlankLineAfterTheHeadersStartsTheBodyAtTheFirstNonHeader() {
        let mail = mail("Subject: x\r\nKlar tack\r\n")
        #expect(mail.subject == "x")
        #expect(mail.text == "Klar tack")
    }

    @Test func anMboxFromLineIsSkipped() {
        #expect(mail("From anna@example.se Tue Dec  1 08:00:00 2026\nSubject: x\n\nKlar\n").subject == "x")
    }

    @Test func reportsGiveTheirTypeAndParts() throws {
        let report = try #require(ReplyCorpus.mail("postfix-bounce.eml").report)
        #expect(report.reportType == "delivery-status")
        #expect(report.parts.map(\.contentType.mediaType) == ["text/plain", "message/delivery-status", "message/rfc822"])
        #expect(ReplyCorpus.mail("read-receipt.eml").report?.reportType == "disposition-notification")
        #expect(ReplyCorpus.mail("iphone.eml").report == nil)
    }

    @Test func deepNestingAndManyPartsAreBounded() {
        var deep = ""
        for level in 0..<5_000 { deep += "Content-Type: multipart/mixed; boundary=b\(level)\r\n\r\n--b\(level)\r\n" }
        deep += "Content-Type: text/plain\r\n\r\nKlar\r\n"
        let nested = mail(deep)
        #expect(nested.root.parts.count == 1)

        var messages = ""
        for _ in 0..<5_000 { messages += "Content-Type: message/rfc822\r\n\r\n" }
        _ = mail(messages).text

        var many = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        for _ in 0..<20_000 { many += "--b\r\n\r\nx\r\n" }
        #expect(mail(many).root.parts.count < 1_000)
    }

    @Test func whatTheComposerWritesReadsBack() throws {
        let composer = MailComposer(from: Mailbox(parsing: "Planwatch <planwatch@example.se>")!, zone: OutputFixtures.zone)
        let date = try Timestamp.parse("2027-01-04 08:00", in: OutputFixtures.zone)
        let composed = try composer.compose(OutputFixtures.batch(OutputFixtures.finding()), date: date)
        let mail = IncomingMail(composed.data)
        #expect(mail.subject == "Påminnelse: Årlig uppföljning: Personalomsättning")
        #expect(mail.to == [MailAddress(address: "asa@example.se", displayName: "Åsa Öberg")])
        #expect(mail.messageID == composed.messageID)
        #expect(mail.date == date)
        #expect(mail.headers("X-Planwatch-Key") == composed.keys.map(\.description))
        #expect(mail.text?.contains("Indikatorn ska följas upp senast 2027-02-01.") == true)
        #expect(mail.root.parts.map(\.contentType.mediaType) == ["text/plain", "text/calendar"])
        #expect(ReplyReader().automaticReason(mail) == .autoSubmitted("auto-generated"))
    }

    @Test func mangledMailNeverCrashes() {
        var generator = SeededGenerator(state: 2026)
        let reader = ReplyReader()
        for name in ReplyCorpus.names {
            let original = ReplyCorpus.bytes(name)
            for round in 0..<60 {
                var bytes = original
                switch round % 3 {
                case 0: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
                case 1:
                    for _ in 0..<8 where !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
                default:
                    let cut = Int.random(in: 0...bytes.count, using: &generator)
                    bytes.insert(contentsOf: Array("\r\n--\r\n=?utf-8?b?=\r\n=\r\n".utf8), at: cut)
                }
                let mail = IncomingMail(bytes)
                _ = reader.classify(mail)
                _ = (mail.date, mail.from, mail.to, mail.messageID, mail.report, mail.root.allParts.map(\.text))
            }
        }
        for _ in 0..<200 {
            let noise = (0..<Int.random(in: 0...2_000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = reader.classify(IncomingMail(noise))
        }
        #expect(reader.classify(IncomingMail([UInt8]())) == .unrecognised(.empty))
    }
}
