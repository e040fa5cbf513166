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

    @Test func theEndsOfTheSupportedRangeAreAccepted() throws {
        #expect(try Timestamp.parse("@0", in: stockholm) == Timestamp.supportedRange.lowerBound)
        #expect(try Timestamp.parse("@7258118399", in: stockholm) == Timestamp.supportedRange.upperBound)
        #expect(try Timestamp.parse("1970-01-01 00:00 UTC", in: stockholm) == Instant(seconds: 0))
        #expect(try Timestamp.parse("2199-12-31 23:59:59", in: .utc) == Instant(seconds: 7_258_118_399))
        #expect(try Timestamp.parse("@00000000000001", in: .utc) == Instant(seconds: 1))
    }

    /// `--at @99999999999999` and `--base-time @9223372036854775807` used to trap on the overflow of
    /// the microseconds; `9999-01-01 09:00` was read and evaluated without end.
    @Test(arguments: [
        "@99999999999999", "@9223372036854775807", "@9223372036854775808", "@99999999999999999999999999",
        "@7258118400", "2200-01-01", "9999-01-01 09:00", "9999-12-31 23:59:59", "1969-12-31 23:59:59 UTC",
        "1970-01-01 00:30 Europe/Stockholm", "2199-12-31 23:30-01:00", "0000-01-01",
    ])
    func timesOutsideTheSupportedRangeAreRefused(text: String) throws {
        let error = try #require(throws: TimestampError.self) { try Timestamp.parse(text, in: stockholm) }
        #expect(error.reason == "outside the supported range 1970-01-01 00:00:00 to 2199-12-31 23:59:59 UTC (@0 to @7258118399)")
    }
}
