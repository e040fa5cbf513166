import PlanwatchCore
import PlanwatchOutput
import Testing

@Suite struct MailDateTests {
    /// 2026-12-01 07:00:00 UTC.
    let seven = Instant(seconds: 1_796_108_400)

    @Test func rfc5322DatesWithOffsets() {
        #expect(MailDate.parse("Tue, 1 Dec 2026 08:00:00 +0100") == seven)
        #expect(MailDate.parse("Tue, 01 Dec 2026 07:00:00 +0000") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 02:00:00 -0500") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 12:30:00 +0530") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 09:00:00 +02:00") == seven)
    }

    @Test func obsoleteAndCommonZoneNames() {
        #expect(MailDate.parse("Tue, 1 Dec 2026 08:00:00 CET") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 07:00:00 GMT") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 07:00:00 UT") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 02:00:00 EST") == seven)
        #expect(MailDate.parse("Mon, 30 Nov 2026 23:00:00 PST") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 07:00:00 Z") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 07:00:00 XYZT") == seven)  // unknown: UTC (RFC 5322 § 4.3)
        #expect(MailDate.parse("Sat, 1 Aug 2026 09:00:00 CEST") == MailDate.parse("Sat, 1 Aug 2026 07:00:00 +0000"))
    }

    @Test func missingSecondsWeekdayAndCommentsAreFine() {
        #expect(MailDate.parse("Tue, 1 Dec 2026 08:00 +0100") == seven)
        #expect(MailDate.parse("1 Dec 2026 08:00:00 +0100") == seven)
        #expect(MailDate.parse("Tue,  1 Dec 2026 08:00:00 +0100 (CET)") == seven)
        #expect(MailDate.parse("Tue,1 Dec 2026 08:00:00 +0100") == seven)
        #expect(MailDate.parse("Tuesday, 1 December 2026 08 : 00 : 00 +0100") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 08:00:00 +0100 CET") == seven)
        #expect(MailDate.parse("Tue, 1 Dec 2026 07:00:00") == seven)  // no zone: UTC
        #expect(MailDate.parse("Tue Dec  1 07:00:00 2026") == seven)  // asctime
    }

    @Test func twoAndThreeDigitYears() {
        #expect(MailDate.parse("1 Dec 26 08:00:00 +0100") == seven)
        #expect(MailDate.parse("1 Jan 99 00:00:00 +0000") == Instant(seconds: 915_148_800))
        #expect(MailDate.parse("1 Jan 099 00:00:00 +0000") == Instant(seconds: 915_148_800))
    }

    @Test func nonsenseIsNil() {
        for text in ["", "yesterday", "Tue, 31 Feb 2026 08:00:00 +0100", "Tue, 1 Dec 2026 25:00:00 +0100", "Tue, 1 Dec 2026 08:61 +0100",
                     "Tue, 1 Foo 2026 08:00:00 +0100", "Tue, 1 Dec 2026 08:00:00 +01000", "1 Dec 08:00:00 +0100", "2026-12-01T08:00:00+01:00",
                     "Tue, 1 Dec 2026 08:00:00 +2500", String(repeating: " ", count: 100_000) + ":" + String(repeating: " :", count: 50_000)] {
            #expect(MailDate.parse(text) == nil, "\(text.prefix(60))")
        }
    }
}
