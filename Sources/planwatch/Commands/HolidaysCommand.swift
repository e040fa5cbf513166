import ArgumentParser
import PlanwatchCore

/// `planwatch holidays`: the Swedish non-working days that are not ordinary weekends.
struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "List the Swedish public holidays and eves of one or more years.",
        discussion: """
            Lists every day of the Swedish working-day calendar that is not a working day and is not \
            an ordinary Saturday or Sunday: the public holidays of lag (1989:253) — including those \
            that fall on a weekend, such as Easter Sunday or Midsummer Day — and Midsummer Eve, \
            Christmas Eve and New Year's Eve, which lag (1930:173) treats like holidays for deadlines.
            Years 1970-2199; the National Day replaced Whit Monday as a holiday in 2005.

            Examples:
              planwatch holidays 2027
              planwatch holidays 2026 2027 --format json
            """
    )

    @Argument(help: "One or more years (1970-2199).")
    var years: [String]

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        try reportingFailures {
            var numbers: [Int] = []
            var errors: [String] = []
            for text in years {
                guard let year = Int(text), text.allSatisfy(\.isNumber) else {
                    errors.append("holidays: '\(text)' is not a year")
                    continue
                }
                guard SwedishWorkdayCalendar.years.contains(year) else {
                    errors.append("holidays: year \(year) is out of range \(SwedishWorkdayCalendar.years.lowerBound)..\(SwedishWorkdayCalendar.years.upperBound)")
                    continue
                }
                numbers.append(year)
            }
            guard errors.isEmpty else { throw CommandFailure(.dataError, errors) }
            let holidays = numbers.flatMap { SwedishWorkdayCalendar.holidays(in: $0) }
            switch format {
            case .json:
                var json = JSONWriter()
                json.beginArray()
                for holiday in holidays {
                    json.beginObject()
                    json.member("date", holiday.date.description)
                    json.member("name", holiday.name)
                    json.member("kind", holiday.kind.rawValue)
                    json.endObject()
                }
                json.endArray()
                print(json.text)
            case .text:
                let width = holidays.map(\.name.count).max() ?? 0
                for holiday in holidays {
                    let padding = String(repeating: " ", count: width - holiday.name.count)
                    print("\(holiday.date)  \(holiday.date.weekday.abbreviation)  \(holiday.kind.rawValue.padding(7))  \(holiday.name)\(padding)  \(holiday.englishName)")
                }
            }
        }
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
