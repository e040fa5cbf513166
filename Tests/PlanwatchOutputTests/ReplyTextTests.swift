import PlanwatchOutput
import Testing

@Suite struct ReplyTextTests {
    func first(_ lines: [String]) -> String? { ReplyText.firstOwnLine(in: lines.joined(separator: "\n")) }

    @Test func leadingBlankLinesAndInvisibleCharactersAreSkipped() {
        #expect(first(["", "  ", "\u{FEFF}\u{00A0}Klar\u{200B} ", "x"]) == "Klar")
    }

    @Test func quotedLinesAreSkippedSoABottomPostIsFound() {
        #expect(first(["> Hej", ">", "> Klar med uppföljningen?", "", "klar"]) == "klar")
    }

    @Test func attributionLinesAreSkipped() {
        #expect(first(["Den tis 1 dec. 2026 kl 08:00 skrev Planwatch <planwatch@example.se>:", "> Hej", "Klar"]) == "Klar")
        #expect(first(["On Tue, 1 Dec 2026 at 08:00, Planwatch <planwatch@example.se> wrote:", "> Hej", "Done"]) == "Done")
        #expect(first(["1 dec. 2026 kl. 08:00 skrev Planwatch <planwatch@example.se>:", "", "> Hej", "Gjort"]) == "Gjort")
        #expect(first(["Planwatch wrote:", "> Hej", "Done"]) == "Done")
    }

    @Test func anAttributionWrappedOverTwoLinesIsSkipped() {
        #expect(first(["Den tis 1 dec. 2026 kl 08:00 skrev Planwatch <", "planwatch@example.se>:", "> Hej", "klar"]) == "klar")
        #expect(first(["Den tis 1 dec. 2026 kl 08:00 skrev Planwatch", "<planwatch@example.se>:", "> Hej", "klar"]) == "klar")
        #expect(first(["On Tue, 1 Dec 2026 at 08:00, Planwatch <planwatch@example.se>", "wrote:", "> Hej", "done"]) == "done")
    }

    @Test func aReplyRightAboveTheAttributionIsTheReply() {
        #expect(first(["Klar", "Den tis 1 dec. 2026 kl 08:00 skrev Planwatch <planwatch@example.se>:", "> Hej"]) == "Klar")
        #expect(first(["Klar", "Den tis 1 dec. 2026 kl 08:00 skrev Planwatch <", "planwatch@example.se>:"]) == "Klar")
    }

    @Test func aLineThatMerelyMentionsWritingIsNotAnAttribution() {
        #expect(first(["Klar, se vad jag skrev om det:", "- punkt ett"]) == "Klar, se vad jag skrev om det:")
    }

    @Test func readingStopsWhereTheOriginalBegins() {
        #expect(first(["Från: Planwatch <planwatch@example.se>", "Skickat: den 1 december 2026 08:00", "", "Klar med uppföljningen?"]) == nil)
        #expect(first(["*From:* Planwatch", "*Sent:* Tuesday", "Klar"]) == nil)
        #expect(first(["From: Planwatch <planwatch@example.se> Sent: Tuesday, December 1, 2026 08:00", "Klar"]) == nil)
        #expect(first(["-----Original Message-----", "Klar"]) == nil)
        #expect(first(["-----Ursprungligt meddelande-----", "Klar"]) == nil)
        #expect(first(["---------- Forwarded message ---------", "Klar"]) == nil)
        #expect(first(["________________________________", "Klar"]) == nil)
        #expect(first(["-- ", "Klar"]) == nil)
        #expect(first(["Skickat från min iPhone", "", "> Klar"]) == nil)
        #expect(first(["Sent from my iPhone", "Klar"]) == nil)
    }

    @Test func fromAloneIsText() {
        #expect(first(["From: now on it is done", "", "and more"]) == "From: now on it is done")
    }

    @Test func replyPrefixesAreStrippedHoweverMany() {
        #expect(ReplyText.subjectWithoutReplyPrefixes("SV: Re: VS:Fwd: AW: Klart!") == "Klart!")
        #expect(ReplyText.subjectWithoutReplyPrefixes("RE[2]: sv : Klar") == "Klar")
        #expect(ReplyText.subjectWithoutReplyPrefixes("Sv: Årlig uppföljning") == "Årlig uppföljning")
        #expect(ReplyText.subjectWithoutReplyPrefixes("Resultat: klart") == "Resultat: klart")
        #expect(ReplyText.subjectWithoutReplyPrefixes("Re") == "Re")
        #expect(ReplyText.subjectWithoutReplyPrefixes("") == "")
    }
}

@Suite struct CompletionWordTests {
    let reader = ReplyReader()

    @Test(arguments: [("Klar!", "klar"), ("KLART.", "klart"), ("klar, tack", "klar"), ("Done :)", "done"), ("gjort", "gjort"),
                      ("*Klar*", "klar"), ("👍 Klar", "klar"), ("Klar, inte så svårt", "klar"), ("Klar med uppföljningen", "klar"),
                      ("Done.", "done"), ("klart!!!", "klart")])
    func completionWordsCountWhateverTheirCaseAndPunctuation(line: String, word: String) {
        #expect(reader.completionWord(startingLine: line) == word)
    }

    @Test(arguments: ["klarar inte", "inte klar", "Inte klar än", "Klar?", "Klart inte!", "Done? Not yet", "ej klart", "oklart",
                      "klara", "klart2", "1 klar", "Nej", "", "Hej! Klar", "Klarhet", "Gjorde det"])
    func otherLinesDoNot(line: String) {
        #expect(reader.completionWord(startingLine: line) == nil)
    }

    @Test func completionWordsAreConfigurableAndMayBeSeveralWords() {
        let reader = ReplyReader(completionWords: ["Färdig", "är klar"])
        #expect(reader.completionWords == ["färdig", "är klar"])
        #expect(reader.completionWord(startingLine: "FÄRDIG!") == "färdig")
        #expect(reader.completionWord(startingLine: "Är klar nu") == "är klar")
        #expect(reader.completionWord(startingLine: "Klar") == nil)
    }
}

@Suite struct ReplyClassificationTests {
    let reader = ReplyReader()

    func classify(_ headers: String, body: String = "Klar\r\n", reminderSubject: String? = nil) -> ReplyClassification {
        reader.classify(IncomingMail(Array((headers + "\r\n\r\n" + body).utf8)), reminderSubject: reminderSubject)
    }

    @Test func autoSubmittedOtherThanNoIsAutomatic() {
        #expect(classify("Auto-Submitted: auto-generated") == .automatic(.autoSubmitted("auto-generated")))
        #expect(classify("Auto-Submitted: Auto-Replied; owner-email=\"a@b\"") == .automatic(.autoSubmitted("auto-replied")))
        #expect(classify("Auto-Submitted: no") == .completion("klar"))
    }

    @Test(arguments: ["bulk", "junk", "list", "auto_reply"])
    func precedenceMarksAutomaticMail(value: String) {
        #expect(classify("Precedence: \(value.uppercased())") == .automatic(.precedence(value)))
    }

    @Test func autoReplyHeadersAndTheNullSenderAreAutomatic() {
        #expect(classify("X-Autoreply: yes") == .automatic(.autoReplyHeader("X-Autoreply")))
        #expect(classify("x-autorespond: whatever") == .automatic(.autoReplyHeader("x-autorespond")))
        #expect(classify("Return-Path: <>") == .automatic(.nullSender))
        #expect(classify("Precedence: first-class") == .completion("klar"))
    }

    @Test func xAutoResponseSuppressAloneIsNotAutomatic() {
        #expect(classify("X-Auto-Response-Suppress: All") == .completion("klar"))
    }

    @Test(arguments: ["Automatiskt svar: Påminnelse", "Autosvar: Påminnelse", "Frånvaromeddelande", "Out of Office: Reminder",
                      "Automatic reply: Reminder", "Autoreply: x", "SV: Automatiskt svar: x", "[Autosvar] x", "Auto-Reply: x"])
    func outOfOfficeSubjectsAreAutomatic(subject: String) {
        #expect(classify("Subject: \(subject)") == .automatic(.outOfOffice(subject: subject)))
    }

    @Test func bouncesAreRecognisedBySenderOrSubject() {
        #expect(reader.isBounce(IncomingMail(Array("From: MAILER-DAEMON@mx.example.se (Mail Delivery System)\r\n\r\nx".utf8))))
        #expect(reader.isBounce(IncomingMail(Array("From: postmaster@example.se\r\n\r\nx".utf8))))
        #expect(reader.isBounce(IncomingMail(Array("Subject: Delivery Status Notification (Failure)\r\n\r\nx".utf8))))
        #expect(reader.isBounce(IncomingMail(Array("Subject: =?utf-8?q?Olevererbart:_P=C3=A5minnelse?=\r\n\r\nx".utf8))))
        #expect(!reader.isBounce(IncomingMail(Array("From: anna@example.se\r\nSubject: SV: Påminnelse\r\n\r\nKlar".utf8))))
    }

    @Test func theBodyDecidesWhenItSaysSomethingAndTheSubjectOtherwise() {
        #expect(classify("Subject: Klart", body: "inte än\r\n") == .unrecognised(.notACompletion(firstLine: "inte än")))
        #expect(classify("Subject: SV: Klart", body: "\r\n> Hej\r\n") == .completion("klart"))
        #expect(classify("Subject: SV: Påminnelse", body: "") == .unrecognised(.empty))
        #expect(classify("", body: "") == .unrecognised(.empty))
    }

    @Test func theRemindersOwnSubjectIsNotTheWritersWord() {
        let headers = "Subject: SV: Klar för granskning: Rapport"
        #expect(classify(headers, body: "", reminderSubject: "Klar för granskning: Rapport") == .unrecognised(.empty))
        #expect(classify(headers, body: "") == .completion("klar"))
    }

    @Test func aLongFirstLineIsShortenedInTheReason() {
        let line = String(repeating: "nej ", count: 100)
        guard case .unrecognised(.notACompletion(let shown)) = classify("Subject: x", body: line) else {
            Issue.record("not unrecognised")
            return
        }
        #expect(shown.count == 200)
    }
}
