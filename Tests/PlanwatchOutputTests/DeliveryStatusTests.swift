import PlanwatchOutput
import Testing

@Suite struct DeliveryStatusTests {
    let reader = ReplyReader()

    func bounce(_ name: String) -> DeliveryStatus? {
        guard case .bounce(let status) = reader.classify(ReplyCorpus.mail(name)) else { return nil }
        return status
    }

    @Test func aPostfixBounceGivesItsRecipientAndTheRemoteServersWords() throws {
        let status = try #require(bounce("postfix-bounce.eml"))
        #expect(status.isStandard)
        #expect(status.reportingMTA == "mx1.example.se")
        #expect(status.recipients == [DeliveryStatus.Recipient(
            finalRecipient: "asa.oberg@stockholm.se", originalRecipient: "asa.oberg@stockholm.se", action: "failed", status: "5.1.1",
            diagnosticCode: "550 5.1.1 <asa.oberg@stockholm.se>: Recipient address rejected: User unknown in virtual mailbox table")])
    }

    @Test func anExchangeReportReturnsOnlyTheHeaders() throws {
        let status = try #require(bounce("exchange-ndr.eml"))
        #expect(status.isStandard)
        #expect(status.recipients.first?.status == "5.2.2")
        #expect(status.recipients.first?.diagnosticCode?.hasPrefix("554 5.2.2 mailbox full; STOREDRV.Deliver.Exception") == true)
        #expect(status.originalRecipients == ["bo.lind@stockholm.se"])
    }

    @Test func aNonStandardBounceIsReadFromXFailedRecipientsAndItsText() throws {
        let status = try #require(bounce("nonstandard-bounce.eml"))
        #expect(!status.isStandard && status.reportingMTA == nil)
        #expect(status.recipients == [DeliveryStatus.Recipient(finalRecipient: "kalle@example.org", action: "failed")])
    }

    @Test func delayedAndDeliveredRecipientsHaveNotFailed() throws {
        let mail = IncomingMail(Array("""
        From: MAILER-DAEMON@mx1.example.se\r
        Content-Type: multipart/report; report-type=delivery-status; boundary=r\r
        \r
        --r\r
        Content-Type: message/delivery-status\r
        \r
        Final-Recipient: rfc822; a@example.se\r
        Action: delayed\r
        Status: 4.4.1\r
        \r
        Final-Recipient: rfc822; b@example.se\r
        Action: delivered\r
        Status: 2.0.0\r
        \r
        Final-Recipient: rfc822; c@example.se\r
        Status: 5.7.1\r
        --r--\r
        """.utf8))
        guard case .bounce(let status) = reader.classify(mail) else {
            Issue.record("not a bounce")
            return
        }
        #expect(status.recipients.map(\.finalRecipient) == ["a@example.se", "b@example.se", "c@example.se"])
        #expect(status.failedRecipients.map(\.finalRecipient) == ["c@example.se"])
        #expect(status.planwatchKeys.isEmpty && status.originalMessageID == nil)
    }

    @Test func aBounceThatReturnsNothingStillSaysBounce() {
        let mail = IncomingMail(Array("From: postmaster@example.se\r\nSubject: Undeliverable: x\r\n\r\nSorry.\r\n".utf8))
        #expect(reader.classify(mail) == .bounce(DeliveryStatus(isStandard: false)))
    }
}

@Suite struct ContentTypeTests {
    @Test func parametersAreUnquotedAndNamesLowercased() throws {
        let type = try #require(ContentType(parsing: "Multipart/Mixed; BOUNDARY=\"a;b\\\"c\" (comment); charset=utf-8"))
        #expect(type.mediaType == "multipart/mixed")
        #expect(type.parameter("boundary") == "a;b\"c")
        #expect(type.parameter("Charset") == "utf-8")
    }

    @Test func rfc2231ContinuationsAndCharsetsAreJoined() throws {
        let type = try #require(ContentType(parsing: "application/pdf; name*0*=utf-8''Rapport%20f%C3%B6r; name*1=\" december.pdf\""))
        #expect(type.parameter("name") == "Rapport för december.pdf")
    }

    @Test func invalidTypesAreNil() {
        #expect(ContentType(parsing: "text") == nil)
        #expect(ContentType(parsing: "") == nil)
        #expect(ContentType(parsing: "/plain") == nil)
        #expect(ContentType(parsing: "te xt/plain") == nil)
    }
}
