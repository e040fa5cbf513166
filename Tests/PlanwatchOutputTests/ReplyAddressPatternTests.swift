import PlanwatchCore
import PlanwatchOutput
import Testing

@Suite struct ReplyAddressPatternTests {
    let pattern = try! ReplyAddressPattern(parsing: "planwatch+{token}@example.se")
    let token = "k7d2mq4xw5nbp3rtzh6a"

    @Test func theAddressCarriesTheToken() {
        #expect(pattern.address(token: token) == "planwatch+k7d2mq4xw5nbp3rtzh6a@example.se")
        #expect(pattern.prefix == "planwatch+" && pattern.suffix == "" && pattern.domain == "example.se")
        #expect(pattern.description == "planwatch+{token}@example.se")
    }

    @Test func theTokenIsReadBackLowercased() {
        #expect(pattern.token(in: "planwatch+k7d2mq4xw5nbp3rtzh6a@example.se") == token)
        #expect(pattern.token(in: "PLANWATCH+K7D2MQ4XW5NBP3RTZH6A@EXAMPLE.SE") == token)
        #expect(pattern.token(in: " <Planwatch+K7d2mq4xw5nbp3rtzh6a@Example.Se> ") == token)
        #expect(pattern.token(in: "planwatch+k7d2mq4xw5nbp3rtzh6a@example.se.") == token)
    }

    @Test func otherAddressesHaveNoToken() {
        #expect(pattern.token(in: "planwatch+\(token)@example.com") == nil)  // wrong domain
        #expect(pattern.token(in: "planwatch+\(token)@sub.example.se") == nil)
        #expect(pattern.token(in: "planwatch@example.se") == nil)  // missing
        #expect(pattern.token(in: "planwatch+@example.se") == nil)  // empty
        #expect(pattern.token(in: "other+\(token)@example.se") == nil)  // unknown local part
        #expect(pattern.token(in: "planwatch+abc+def@example.se") == nil)
        #expect(pattern.token(in: "planwatch+\(token)") == nil)
        #expect(pattern.token(in: "") == nil)
    }

    @Test func aTokenNeedNotBeWellFormedToBeRead() {
        #expect(pattern.token(in: "planwatch+unknown1@example.se") == "unknown1")
        #expect(!ReplyToken.isWellFormed("unknown1"))
    }

    @Test func patternsWithASuffixWork() throws {
        let pattern = try ReplyAddressPattern(parsing: "reply-{token}-pw@Example.se")
        #expect(pattern.address(token: "ABC") == "reply-abc-pw@Example.se")
        #expect(pattern.token(in: "reply-abc-pw@example.se") == "abc")
        #expect(pattern.token(in: "reply--pw@example.se") == nil)
        #expect(pattern.token(in: "reply-pw@example.se") == nil)
    }

    @Test func theMailsDeliveryHeadersAreReadInOrder() {
        func mail(_ headers: String) -> IncomingMail { IncomingMail(Array((headers + "\r\n\r\nKlar").utf8)) }
        #expect(pattern.token(in: mail("To: planwatch+cccc@example.se\r\nX-Original-To: planwatch+bbbb@example.se\r\nDelivered-To: planwatch+aaaa@example.se")) == "aaaa")
        #expect(pattern.token(in: mail("To: planwatch+cccc@example.se\r\nDelivered-To: someone@example.se\r\nX-Original-To: Planwatch+BBBB@example.se")) == "bbbb")
        #expect(pattern.token(in: mail("Cc: planwatch+dddd@example.se\r\nTo: Anna <anna@example.se>, Planwatch <planwatch+cccc@example.se>")) == "cccc")
        #expect(pattern.token(in: mail("Cc: x@y, planwatch+dddd@example.se")) == "dddd")
        #expect(pattern.token(in: mail("To: planwatch@example.se")) == nil)
    }

    @Test(arguments: [("planwatch@example.se", "it has no {token}"),
                      ("planwatch+{token}{token}@example.se", "it has {token} 2 times, and must have it once"),
                      ("planwatch@{token}.example.se", "{token} is in the domain, and must be in the local part (before the @)"),
                      ("planwatch+{token}", "it is not an address local@domain"),
                      ("planwatch+{token}@", "it is not an address local@domain"),
                      ("a@b+{token}@example.se", "it is not an address local@domain"),
                      ("plan watch+{token}@example.se", "it has spaces, quotes, brackets, commas or other characters an address cannot carry plainly")])
    func badPatternsAreRejectedClearly(pattern: String, message: String) {
        #expect(throws: ReplyAddressPatternError.self) { try ReplyAddressPattern(parsing: pattern) }
        do {
            _ = try ReplyAddressPattern(parsing: pattern)
        } catch {
            #expect(error.message == message)
            #expect(error.description == "reply address '\(pattern)': \(message)")
            #expect(error.hint.contains("planwatch+{token}@example.se"))
        }
    }
}
