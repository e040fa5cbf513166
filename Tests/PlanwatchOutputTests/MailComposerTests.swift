import Foundation
import PlanwatchCore
import PlanwatchOutput
import Testing

@Suite struct MailComposerTests {
    typealias O = OutputFixtures
    let composer = MailComposer(from: Mailbox(parsing: "Planwatch <planwatch@example.se>")!, zone: O.zone)
    let date = try! Timestamp.parse("2027-01-04 08:00", in: O.zone)

    @Test func headersAreRFC5322WithEncodedWordsAndAutoSubmitted() throws {
        let mail = try composer.compose(O.batch(O.finding()), date: date)
        let headers = O.headers(mail.data)
        func value(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
        #expect(value("Date") == "Mon, 04 Jan 2027 08:00:00 +0100")
        // What kind of message it is, then the rule's title.
        #expect(O.decode(value("Subject")!) == "Påminnelse: Årlig uppföljning: Personalomsättning")
        #expect(value("Subject")!.hasPrefix("=?UTF-8?B?"))
        #expect(O.decode(value("To")!) == "Åsa Öberg <asa@example.se>")
        #expect(value("From") == "Planwatch <planwatch@example.se>")
        #expect(value("Auto-Submitted") == "auto-generated")
        #expect(value("MIME-Version") == "1.0")
        #expect(value("X-Planwatch-Key") == "yearly/ind-1/2027-02-01/remind-28d/p-asa")
        #expect(value("Message-ID") == "<\(NotificationKey("yearly/ind-1/2027-02-01/remind-28d/p-asa")!.hash)@example.se>")
        #expect(mail.messageID == value("Message-ID"))
    }

    @Test func theMessageIDIsDeterministic() throws {
        let first = try composer.compose(O.batch(O.finding()), date: date)
        let second = try composer.compose(O.batch(O.finding()), date: date.adding(seconds: 3600))
        #expect(first.messageID == second.messageID && first.name == second.name)
    }

    @Test func everyLineIsShortAndEndsInCRLF() throws {
        let long = String(repeating: "Mycket lång rubrik med å ä ö ", count: 8)
        let mail = try composer.compose(O.batch(O.finding(title: long)), date: date)
        let text = String(decoding: mail.data, as: UTF8.self)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "'\(line)'") }
        // A title too long for a subject is cut, with …
        let subject = O.decode(O.headers(mail.data).first { $0.0 == "Subject" }!.1)
        #expect(subject.hasPrefix("Påminnelse: Mycket lång rubrik") && subject.hasSuffix("…") && subject.count == MailComposer.maximumSubjectCharacters)
    }

    @Test func deadlineMailsCarryAnICalendarEventOnTheDueDate() throws {
        let mail = try composer.compose(O.batch(O.finding()), date: date)
        let text = String(decoding: mail.data, as: UTF8.self)
        // One calendar part beside the text: the form mail programs show as an invitation.
        #expect(text.contains("Content-Type: multipart/alternative;\r\n boundary="))
        #expect(text.contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST;"))
        let part = text.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n")[1].components(separatedBy: "\r\n--")[0]
        let calendar = String(decoding: Data(base64Encoded: part.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self)
        #expect(calendar.contains("DTSTART;VALUE=DATE:20270201\r\n"))
        #expect(calendar.contains("DTEND;VALUE=DATE:20270202\r\n"))
        #expect(calendar.contains("UID:\(String(SHA256.hex("yearly/ind-1/2027-02-01").prefix(32)))@example.se\r\n"))
        #expect(calendar.contains("METHOD:REQUEST\r\n") && calendar.contains("ORGANIZER;CN=\"Planwatch\":mailto:planwatch@example.se\r\n"))
        #expect(calendar.contains("ATTENDEE;CN=\"Åsa Öberg\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:asa@example.se") == true
            || calendar.replacingOccurrences(of: "\r\n ", with: "").contains("ATTENDEE;CN=\"Åsa Öberg\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:asa@example.se"))
        #expect(calendar.contains("BEGIN:VALARM\r\n") && calendar.contains("TRIGGER:-P1D\r\n"))
        // A later stage of the same occurrence updates the event: same UID, higher SEQUENCE.
        var due = O.finding(stage: .due)
        due.since = LocalDate(iso: "2027-02-01")!
        let later = String(decoding: try composer.compose(O.batch(due), date: date.adding(seconds: 28 * 86_400)).data, as: UTF8.self)
        #expect(sequence(calendar) < sequence(decodeCalendar(later)))
        let threshold = String(decoding: try composer.compose(O.batch(O.finding(kind: .threshold)), date: date).data, as: UTF8.self)
        #expect(!threshold.contains("text/calendar"))
    }

    func decodeCalendar(_ text: String) -> String {
        let part = text.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n")[1].components(separatedBy: "\r\n--")[0]
        return String(decoding: Data(base64Encoded: part.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self)
    }

    func sequence(_ calendar: String) -> Int {
        Int(calendar.components(separatedBy: "SEQUENCE:")[1].prefix { $0.isNumber })!
    }

    @Test func planDataCannotAddOrBreakAHeader() throws {
        let evil = "Möte\r\nBcc: victim@example.com\r\nX-Injected: yes\nSubject: fake"
        let person = O.person(name: "Eve\r\nCc: other@example.com", email: "eve@example.se")
        var finding = O.finding(title: evil, subjectTitle: evil)
        finding.recipients = [person]
        let mail = try composer.compose(O.batch(finding, person: person), date: date)
        let names = O.headers(mail.data).map(\.0)
        #expect(!names.contains("Bcc") && !names.contains("Cc") && !names.contains("X-Injected"))
        #expect(names.filter { $0 == "Subject" }.count == 1)
        #expect(mail.recipients == ["eve@example.se"])
        #expect(O.decode(O.headers(mail.data).first { $0.0 == "Subject" }!.1) == "Påminnelse: Möte Bcc: victim@example.com X-Injected: yes Subject: fake")
    }

    @Test func anAddressWithSomethingRidingAlongIsRefused() {
        #expect(throws: MailError.self) {
            try composer.compose(O.batch(O.finding(), person: O.person(email: "a@example.se>, b@example.com")), date: date)
        }
        #expect(throws: MailError.self) {
            try composer.compose(O.batch(O.finding(), person: O.person(email: "a@example.se\r\nBcc: b@example.com")), date: date)
        }
    }

    @Test func quotedPrintableKeepsLinesShortAndEncodesUTF8() {
        let encoded = QuotedPrintable.encode("Hej Åsa,\n" + String(repeating: "x", count: 100) + " \nslut=1")
        #expect(encoded.hasPrefix("Hej =C3=85sa,\r\n"))
        for line in encoded.components(separatedBy: "\r\n") { #expect(line.count <= 76) }
        #expect(encoded.contains("=20\r\n"))  // trailing space encoded
        #expect(encoded.hasSuffix("slut=3D1"))
    }

    @Test func headerSanitisingRemovesEveryControlCharacter() {
        #expect(HeaderEncoding.sanitize("a\r\nb\tc\u{0}d\u{2028}e\u{85}f") == "a b c d e f")
        #expect(HeaderEncoding.encodedWords("plain ascii").joined(separator: " ") == "plain ascii")
        #expect(HeaderEncoding.encodedWords("=?UTF-8?B?x?=").first?.hasPrefix("=?UTF-8?B?") == true)
    }
}
