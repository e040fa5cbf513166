import PlanwatchCore
import Testing

@Suite struct TimestampTests {
    let stockholm = Zone(identifier: "Europe/Stockholm")!

    @Test func zoneLessTimesAreReadInTheGivenZone() throws {
        #expect(try Timestamp.parse("2027-01-15 09:00", in: stockholm) == Instant(seconds: 1_800_000_000))
        #expect(try Timestamp.parse("2027-01-15T08:00:00Z", in: stockholm) == Instant(seconds: 1_800_000_000))
        #expect(try Timestamp.parse("2027-01-15 10:00:00+02:00", in: .utc) == Instant(seconds: 1_800_000_000))
        #expect(try Timestamp.parse("2027-01-15 08:00 UTC", in: stockholm) == Instant(seconds: 1_800_000_000))
        #expect(try Timestamp.parse("@1800000000", in: stockholm) == Instant(seconds: 1_800_000_000))
        #expect(try Timestamp.parse("2027-01-15", in: .utc) == Instant(seconds: 1_799_971_200))
    }

    @Test func skippedWallClockTimesAreErrors() {
        #expect(throws: TimestampError.self) { try Timestamp.parse("2027-03-28 02:30", in: stockholm) }
    }

    @Test(arguments: ["", "tomorrow", "2027-02-30", "2027-01-15 25:00", "2027-01-15 09:00 Mars/Olympus", "@x"])
    func malformedTimesAreErrors(text: String) {
        #expect(throws: TimestampError.self) { try Timestamp.parse(text, in: stockholm) }
    }
}
