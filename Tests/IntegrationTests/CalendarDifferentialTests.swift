import Foundation
import PlanwatchCore
import Testing

/// planwatch's calendar expressions against the real `systemd-analyze calendar`: the same
/// expressions accepted, the same normalised form, the same next occurrences.
@Suite("Calendar expressions agree with systemd-analyze")
struct CalendarDifferentialTests {
    /// Every example of systemd.time(7), "Calendar Events", and the forms planwatch's rules use.
    static let documented = [
        "Thu,Fri 2012-*-1,5 11:12:13", "Sat,Thu,Mon..Wed,Sat..Sun", "Mon,Sun 12-*-* 2,1:23", "Wed *-1",
        "Wed..Wed,Wed *-1", "Wed, 17:48", "Wed..Sat,Tue 12-10-15 1:2:3", "*-*-7 0:0:0", "10-15",
        "monday *-12-* 17:00", "Mon,Fri *-*-3,1,2 *:30:45", "12,14,13,12:20,10,30", "12..14:10,20,30",
        "mon,fri *-1/2-1,3 *:30:45", "03-05 08:05:40", "08:05:40", "05:40", "Sat,Sun 12-05 08:05:40",
        "Sat,Sun 08:05:40", "2003-03-05 05:40", "05:40:23.4200004/3.1700005", "2003-02..04-05",
        "2003-03-05 05:40 UTC", "2003-03-05", "03-05", "hourly", "daily", "daily UTC", "monthly", "weekly",
        "weekly Pacific/Auckland", "yearly", "annually", "*:2/3", "*-02~03", "Mon *-05~07/1",
        "minutely", "quarterly", "semiannually", "semi-annually", "biannually",
        "*-01-31", "*-04,08,12~01", "*-04,08,12-~01", "*-01-31 09:00", "Mon..Fri *-*-* 08:00",
        "*-*-* 02:30", "*-*-* 02:30 Europe/Stockholm", "*-*-* 02,03:30", "*-*-* *:30", "*-*-* *:*:00",
        "*-*-* 02:00..03:00/15", "*-*~28", "*-*~29", "*-*-1..5/2", "*-*-* 20..25:00", "Wed..Mon",
        "Mon-Wed *-*-1", "@1700000000", "*-*-* 1..3/5:00", "*-*-* 22/5:00", "*-*-* 24:00", "*/2:00",
        "*-13-01", "*-02-30", "*-02-29 12:00", "2199-12-31 23:59:59", "2200-01-01", "*-*-31",
        "Sun *-*-* 02:30", "Sat *-10~07/1 02:30", "*-*-* 01,02,03:15,45 Europe/Stockholm",
        "*-*-* 00/6:00", "*:0/15", "*:*:0/20", "*:*:*", "Fri *-*-13", "*-12-24..31 12:00",
        "*-06-19..25 Fri", "Fri *-06-19..25", "Sat *-10-31,11-01..06", "daily Europe/Stokholm",
        "", " daily", "daily ", "Mon", "Mon..", "Mon,", "Mon.Tue", "1.5:00", "00:00:1.", "*:*:59.9999996",
        // A repetition of 1 from the start of a field beside a list: systemd's test vector, then variations.
        "*:4,30:0/1,3,5", "*:4,30:0/1", "*:4:3,0/1", "*:4:0,0/1", "*:4:0/1,3..5", "*:4:0/1,0.5", "*:4:0/1.0,3",
        "*:4:1/1,3", "*:4:0/2,3", "*:4:0..59/1,3", "*:4:0/0.5,3", "*:0/1,3:0", "0/1,3:0", "0/1,3:0/1,3:0/1,3",
        "*-*-1/1,3", "*-1/1,3-1", "2026/1,2027-*-1", "*-*~1/1,3", "*-*-* *:*:00/1,30",
    ]

    static let zones = ["UTC", "Europe/Stockholm"]

    /// Around both DST changes of 2027 in Stockholm, month ends, a year end and a leap day.
    static let baseTimes: [String] = [
        "2027-03-28 00:30:00", "2027-03-28 00:59:59", "2027-03-28 01:00:00", "2027-03-27 23:00:00",
        "2027-10-31 00:10:00", "2027-10-31 00:40:00", "2027-10-31 01:10:00", "2027-10-30 23:59:59",
        "2027-01-31 22:59:59", "2027-02-28 12:00:00", "2027-04-30 23:30:00", "2027-12-31 22:30:00",
        "2027-12-31 23:59:59", "2028-02-28 23:00:00", "2026-11-29 08:00:00",
    ]

    static func epoch(_ utc: String) -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return Int64(formatter.date(from: utc)!.timeIntervalSince1970)
    }

    static var generated: [String] {
        var generator = CalendarExpressionGenerator(seed: 20_261_129)
        var seen = Set(documented)
        var result: [String] = []
        while result.count < 600 {
            let expression = generator.expression()
            if seen.insert(expression).inserted { result.append(expression) }
        }
        return result
    }

    @Test("documented and generated expressions: same acceptance, normal form and next elapses",
          arguments: zones)
    func agreesWithSystemd(zoneName: String) throws {
        let zone = try #require(Zone(identifier: zoneName))
        let expressions = (Self.documented + Self.generated).filter { !$0.isEmpty }
        var compared = 0, systemdGaveUp = 0
        for base in Self.baseTimes {
            let baseTime = Self.epoch(base)
            let systemd = try SystemdAnalyze.calendar(expressions, zone: zoneName, baseTime: baseTime, iterations: 6)
            for expression in expressions {
                let ours = Result { try CalendarExpression(expression) }
                if systemd.gaveUp.contains(expression) {
                    // systemd 252 accepted it but stopped its search ("Infinite loop in calendar
                    // calculation"); there is no answer to compare with.
                    #expect(throws: Never.self) { try ours.get() }
                    systemdGaveUp += 1
                    continue
                }
                if systemd.rejected.contains(expression) {
                    #expect(throws: CalendarExpressionError.self, "systemd rejects '\(expression)'") { try ours.get() }
                    continue
                }
                guard let theirs = systemd.accepted[expression] else {
                    Issue.record("systemd printed nothing for '\(expression)'")
                    continue
                }
                guard case .success(let parsed) = ours else {
                    Issue.record("systemd accepts '\(expression)' as '\(theirs.normalized)', planwatch rejects it: \(ours)")
                    continue
                }
                #expect(parsed.normalized == theirs.normalized, "normal form of '\(expression)'")
                let next = parsed.nextElapses(after: Instant(seconds: baseTime), in: zone, count: 6).map(\.seconds)
                #expect(next == theirs.next, "next elapses of '\(expression)' after \(base) UTC in \(zoneName)")
                compared += 1
            }
        }
        #expect(compared > 3000)
        #expect(systemdGaveUp * 100 < compared, "systemd gave up on \(systemdGaveUp) of \(compared)")
    }

    @Test("an empty expression is rejected")
    func emptyIsRejected() {
        #expect(throws: CalendarExpressionError.self) { try CalendarExpression("") }
    }
}
