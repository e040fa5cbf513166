import ArgumentParser
import Foundation
import PlanwatchCore

/// `planwatch calendar`: what `systemd-analyze calendar` does, for planwatch's rules.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Normalise calendar expressions and show when they next occur.",
        discussion: """
            Expressions use the syntax of systemd's OnCalendar= (systemd.time(7)): \
            '[WEEKDAYS] [[YEAR-]MONTH-DAY] [HOUR:MINUTE[:SECOND]] [ZONE]', with '*', lists 'a,b', \
            ranges 'a..b', repetitions 'a/n', '~' for days counted from the month's end, and the \
            shorthands minutely, hourly, daily, weekly, monthly, quarterly, semiannually, yearly. \
            The output matches 'systemd-analyze calendar'.

            Examples:
              planwatch calendar '*-01-31' --iterations 3
              planwatch calendar 'Mon..Fri *-*-* 08:00' --base-time '2027-03-27 12:00' \\
                --timezone Europe/Stockholm
              planwatch calendar '*-04,08,12~01' --format json
            """
    )

    @Argument(help: "One or more calendar expressions (quote each one).")
    var expressions: [String]

    @Option(help: "How many next occurrences to show (1-1000).")
    var iterations: Int = 1

    @Option(help: "Compute occurrences after this time instead of now: 'YYYY-MM-DD [HH:MM[:SS]] [ZONE]' or '@EPOCH'.")
    var baseTime: String?

    @Option(help: "Zone for expressions that name none, and for printing times (default: $TZ, else the system's zone).")
    var timezone: String?

    @Option(help: "Output format: text (as systemd-analyze) or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard (1...1000).contains(iterations) else { throw ValidationError("--iterations must be between 1 and 1000") }
    }

    func run() throws {
        try reportingFailures {
            let zone = try resolveZone()
            let now = Instant(Date())
            let base: Instant
            do {
                base = try baseTime.map { try Timestamp.parse($0, in: zone) } ?? now
            } catch {
                throw CommandFailure(.dataError, "calendar: \(error)")
            }
            var parsed: [CalendarExpression] = []
            var errors: [String] = []
            for text in expressions {
                do {
                    parsed.append(try CalendarExpression(text))
                } catch {
                    errors.append("calendar: \(error)")
                }
            }
            guard errors.isEmpty else { throw CommandFailure(.dataError, errors) }

            let results = parsed.map { ($0, $0.nextElapses(after: base, in: zone, count: iterations)) }
            switch format {
            case .json: print(json(results, local: zone))
            case .text: print(text(results, local: zone, now: now), terminator: "")
            }
        }
    }

    private func resolveZone() throws -> Zone {
        if let timezone {
            guard let zone = Zone(identifier: timezone) else {
                throw CommandFailure(.dataError, "calendar: unknown time zone '\(timezone)' (expected an IANA name such as Europe/Stockholm, or UTC)")
            }
            return zone
        }
        return Zone.systemDefault
    }

    private func json(_ results: [(CalendarExpression, [Instant])], local: Zone) -> String {
        var json = JSONWriter()
        json.beginArray()
        for (expression, next) in results {
            let zone = expression.effectiveZone(local: local)
            json.beginObject()
            json.member("expression", expression.source)
            json.member("normalized", expression.normalized)
            json.member("timezone", zone.identifier)
            json.key("next")
            json.beginArray()
            for instant in next { json.string(SystemdTimeFormat.iso8601(instant, in: zone)) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        return json.text
    }

    private func text(_ results: [(CalendarExpression, [Instant])], local: Zone, now: Instant) -> String {
        var blocks: [String] = []
        for (expression, next) in results {
            var lines: [String] = []
            if expression.source != expression.normalized {
                lines.append("  Original form: \(expression.source)")
            }
            lines.append("Normalized form: \(expression.normalized)")
            if next.isEmpty { lines.append("    Next elapse: never") }
            for (index, instant) in next.enumerated() {
                let label = index == 0 ? "    Next elapse" : "       Iter. #\(index + 1)"
                lines.append("\(label): \(SystemdTimeFormat.timestamp(instant, in: local))")
                if local != .utc {
                    lines.append("       (in UTC): \(SystemdTimeFormat.timestamp(instant, in: .utc))")
                }
                lines.append("       From now: \(SystemdTimeFormat.relative(instant, now: now))")
            }
            blocks.append(lines.joined(separator: "\n") + "\n")
        }
        return blocks.joined(separator: "\n")
    }
}

extension Zone {
    /// `$TZ` when it names a zone, else the system's zone (/etc/localtime), else UTC.
    static var systemDefault: Zone {
        if let tz = ProcessInfo.processInfo.environment["TZ"] {
            let name = tz.hasPrefix(":") ? String(tz.dropFirst()) : tz
            if let zone = Zone(identifier: name) { return zone }
        }
        return Zone(identifier: TimeZone.current.identifier) ?? .utc
    }
}
