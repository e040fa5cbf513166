import PlanwatchCore
import Testing

@Suite struct CalendarExpressionTests {
    let stockholm = Zone(identifier: "Europe/Stockholm")!

    func instant(_ text: String, _ zone: Zone) throws -> Instant {
        try Timestamp.parse(text, in: zone)
    }

    func local(_ instant: Instant?, _ zone: Zone) -> String {
        instant.map { zone.localDateTime(at: $0).description } ?? "never"
    }

    @Test(arguments: [
        ("minutely", "*-*-* *:*:00"), ("hourly", "*-*-* *:00:00"), ("daily", "*-*-* 00:00:00"),
        ("weekly", "Mon *-*-* 00:00:00"), ("monthly", "*-*-01 00:00:00"), ("quarterly", "*-01,04,07,10-01 00:00:00"),
        ("semiannually", "*-01,07-01 00:00:00"), ("yearly", "*-01-01 00:00:00"), ("annually", "*-01-01 00:00:00"),
    ])
    func shorthandsNormaliseAsSystemdDoes(shorthand: String, normalized: String) throws {
        #expect(try CalendarExpression(shorthand).normalized == normalized)
    }

    @Test func weekdayListsAndRangesAreMergedAndOrdered() throws {
        #expect(try CalendarExpression("Sat,Thu,Mon..Wed,Sat..Sun").normalized == "Mon..Thu,Sat,Sun *-*-* 00:00:00")
        #expect(try CalendarExpression("Wed..Sat,Tue 12-10-15 1:2:3").normalized == "Tue..Sat 2012-10-15 01:02:03")
    }

    @Test func listsAreSortedAndDeduplicated() throws {
        #expect(try CalendarExpression("12,14,13,12:20,10,30").normalized == "*-*-* 12,13,14:10,20,30:00")
    }

    @Test func lastDayOfMonthAndZoneAreKept() throws {
        #expect(try CalendarExpression("*-04,08,12~01 09:00 Europe/Stockholm").normalized
            == "*-04,08,12~01 09:00:00 Europe/Stockholm")
        #expect(try CalendarExpression("daily utc").normalized == "*-*-* 00:00:00 UTC")
    }

    @Test func fractionalSecondsAreRoundedToMicroseconds() throws {
        #expect(try CalendarExpression("05:40:23.4200004/3.1700005").normalized == "*-*-* 05:40:23.420000/3.170001")
    }

    /// systemd's own test vector (test-calendarspec.c) and variations checked with systemd-analyze 252:
    /// only in the seconds does an element `0/1` (every whole second) turn the field into `*`.
    @Test(arguments: [
        ("*:4,30:0/1,3,5", "*-*-* *:04,30:*"), ("*:4,30:0/1", "*-*-* *:04,30:*"), ("*:4:3,0/1", "*-*-* *:04:*"),
        ("*:4:0,0/1", "*-*-* *:04:*"), ("*:4:0/1,3..5", "*-*-* *:04:*"), ("*:4:0/1,0.5", "*-*-* *:04:*"),
        ("*:4:0/1.0,3", "*-*-* *:04:*"),
        ("*:4:1/1,3", "*-*-* *:04:01/1,03"), ("*:4:0/2,3", "*-*-* *:04:00/2,03"), ("*:4:0..59/1,3", "*-*-* *:04:00..59,03"),
        ("*:4:0/0.5,3", "*-*-* *:04:00/0.500000,03"), ("*:0/1,3:0", "*-*-* *:00/1,03:00"), ("0/1,3:0", "*-*-* 00/1,03:00:00"),
        ("*-*-1/1,3", "*-*-01/1,03 00:00:00"),
    ])
    func aWholeSecondRepetitionFromZeroAbsorbsTheSecondsList(expression: String, normalized: String) throws {
        #expect(try CalendarExpression(expression).normalized == normalized)
    }

    /// Found by the fuzzer: columns counted UTF-8 bytes, so past a letter such as 'å' they pointed
    /// beyond the offending part, even beyond the expression.
    @Test func errorColumnsCountCharacters() throws {
        let error = try #require(throws: CalendarExpressionError.self) { try CalendarExpression("Mån..Fre 08:00 Europa/Stockholm") }
        #expect(error.column == 16)
        #expect(error.message.hasPrefix("unknown time zone 'Europa/Stockholm'"))
    }

    @Test func theAbsorbedElementsStillOccur() throws {
        // systemd-analyze calendar '*:4:0/1,0.5' gives 00:04:00, 00:04:00.5, 00:04:01: the form says `*`,
        // the search keeps the half second.
        let expression = try CalendarExpression("*:4:0/1,0.5 UTC")
        let base = try instant("2026-01-01 00:00", .utc)
        #expect(expression.nextElapses(after: base, in: .utc, count: 3).map(\.microseconds)
            == [base.microseconds + 240_000_000, base.microseconds + 240_500_000, base.microseconds + 241_000_000])
    }

    @Test func lastDaysOfTheMonthCountBackFromItsEnd() throws {
        let expression = try CalendarExpression("*-04,08,12~01")
        let next = expression.nextElapses(after: try instant("2027-01-01", stockholm), in: stockholm, count: 4)
        #expect(next.map { local($0, stockholm) } == [
            "2027-04-30 00:00:00", "2027-08-31 00:00:00", "2027-12-31 00:00:00", "2028-04-30 00:00:00",
        ])
        let lastMondayOfMay = try CalendarExpression("Mon *-05~07/1")
        #expect(local(lastMondayOfMay.nextElapse(after: try instant("2027-01-01", stockholm), in: stockholm), stockholm)
            == "2027-05-31 00:00:00")
    }

    @Test func aTimeSkippedBySpringForwardDoesNotOccurThatDay() throws {
        let expression = try CalendarExpression("*-*-* 02:30")
        let next = expression.nextElapses(after: try instant("2027-03-27 12:00", stockholm), in: stockholm, count: 2)
        #expect(next.map { local($0, stockholm) } == ["2027-03-29 02:30:00", "2027-03-30 02:30:00"])
    }

    @Test func aTimeRepeatedByFallBackOccursOnce() throws {
        let expression = try CalendarExpression("*-*-* 02:30")
        let next = expression.nextElapses(after: try instant("2027-10-30 12:00", stockholm), in: stockholm, count: 2)
        #expect(next.map(\.seconds) == [
            try instant("2027-10-31T00:30:00Z", .utc).seconds, try instant("2027-11-01T01:30:00Z", .utc).seconds,
        ])
    }

    @Test func theZoneInTheExpressionWinsOverTheCallersZone() throws {
        let expression = try CalendarExpression("*-*-* 09:00 Europe/Stockholm")
        let next = expression.nextElapse(after: try instant("2027-06-01 00:00", .utc), in: .utc)
        #expect(next == (try instant("2027-06-01T07:00:00Z", .utc)))
    }

    @Test func impossibleDatesNeverOccur() throws {
        #expect(try CalendarExpression("*-02-30").nextElapse(after: Instant(seconds: 0), in: .utc) == nil)
        #expect(try CalendarExpression("2003-03-05").nextElapse(after: try instant("2027-01-01", .utc), in: .utc) == nil)
    }

    @Test(arguments: [
        ("*-13-01", 3, "month 13 is out of range 1..12"),
        ("*-*-* 25:00", 7, "hour 25 is out of range 0..23"),
        ("Mon..Fri 12:60", 13, "minute 60 is out of range 0..59"),
        ("*-*-* 22/5:00", 7, "hour 22/5 never repeats within 0..23"),
        ("daily Europe/Stokholm", 7, "unknown time zone 'Europe/Stokholm' (expected an IANA name such as Europe/Stockholm, or UTC)"),
        ("Wed..Mon", 6, "weekday range runs backwards (ranges go Mon..Sun)"),
        ("*-*-* 12", 9, "unexpected end of expression after the hour: expected ':'"),
        ("*-02~30", 6, "last-day offset ~30 is out of range ~1..~28"),
        ("", 1, "empty calendar expression"),
        ("*-04,08,12-~01", 12, "'~' takes the place of the '-' before the day: write '~01', not '-~01'"),
    ])
    func invalidExpressionsNameTheOffendingPart(text: String, column: Int, message: String) {
        #expect {
            try CalendarExpression(text)
        } throws: { error in
            guard let error = error as? CalendarExpressionError else { return false }
            return error.column == column && error.message == message && error.description == "'\(text)': \(message)"
        }
    }
}
