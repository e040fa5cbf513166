/// The language of a message, with the forms people write in it: numbers, dates, periods,
/// counted words and lists, in Swedish or English.
///
/// The forms follow how a coordinator writes (for Swedish, the conventions in the domain notes):
/// `23,4`, `14,3 %`, `1 132`, `måndag 1 februari 2027`, `första tertialet 2026 (jan–apr)`,
/// `1 dag`, `i morgon`. Every function is pure and allocates little: mail texts, journal messages
/// and listings call them for thousands of findings.
///
/// ```swift
/// let swedish = MessageLanguage(code: recipient.language) ?? .swedish
/// swedish.date(dueDate)              // "måndag 1 februari 2027"
/// swedish.relativeDay(dueDate, from: today)  // "om 3 dagar"
/// ```
public struct MessageLanguage: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The languages there are; a private enum so that languages can be added.
    private enum Kind: Hashable, Sendable {
        case swedish, english
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// Swedish (`sv`): decimal comma, lower-case month and weekday names.
    public static let swedish = MessageLanguage(.swedish)
    /// English (`en`), British forms: `Monday 1 February 2027`, `1,132`, `14.3%`.
    public static let english = MessageLanguage(.english)

    /// Every language, Swedish first.
    public static let allCases: [MessageLanguage] = [.swedish, .english]

    /// The language of a language code: `sv` or `en`, in any case and with or without a region
    /// (`sv-SE`, `en_GB`); `nil` for any other language.
    public init?(code: some StringProtocol) {
        // The codes as planwatch writes them, without making a string (this runs for every message).
        if code == "sv" { self.init(.swedish); return }
        if code == "en" { self.init(.english); return }
        let primary = code.prefix { $0 != "-" && $0 != "_" }.lowercased()
        switch primary {
        case "sv": self.init(.swedish)
        case "en": self.init(.english)
        default: return nil
        }
    }

    /// The two-letter code (ISO 639-1): `sv` or `en`.
    public var code: String {
        switch kind {
        case .swedish: "sv"
        case .english: "en"
        }
    }

    /// The code, `sv` or `en`.
    public var description: String { code }

    /// Whether this is Swedish: the functions choose between the two languages' forms with it.
    var isSwedish: Bool { kind == .swedish }
}

// MARK: - Month and weekday names

extension MessageLanguage {
    /// The name of a month (1–12) as written in running text: `februari`, `February`.
    ///
    /// A number outside 1–12 is written as the number, so that a wrong month shows instead of
    /// stopping the daemon.
    public func monthName(_ month: Int) -> String {
        Self.name(month, in: isSwedish ? Self.swedishMonths : Self.englishMonths)
    }

    /// The short name of a month (1–12): `jan`, `mars`, `sep` in Swedish (as in `jan–apr`, without a
    /// full stop; months of four letters or fewer are written whole), `Jan`, `Sep` in English.
    /// A number outside 1–12 is written as the number.
    public func monthAbbreviation(_ month: Int) -> String {
        Self.name(month, in: isSwedish ? Self.swedishMonthAbbreviations : Self.englishMonthAbbreviations)
    }

    /// The name of a day of the week: `måndag`, `Monday`.
    public func weekdayName(_ weekday: Weekday) -> String {
        (isSwedish ? Self.swedishWeekdays : Self.englishWeekdays)[weekday.rawValue - 1]
    }

    /// The short name of a day of the week: `mån`, `tors`, `Mon`, `Thu`.
    public func weekdayAbbreviation(_ weekday: Weekday) -> String {
        (isSwedish ? Self.swedishWeekdayAbbreviations : Self.englishWeekdayAbbreviations)[weekday.rawValue - 1]
    }

    /// The name at `number` (from 1) in `names`, or the number when there is none.
    private static func name(_ number: Int, in names: [String]) -> String {
        names.indices.contains(number - 1) ? names[number - 1] : String(number)
    }

    private static let swedishMonths = ["januari", "februari", "mars", "april", "maj", "juni", "juli",
                                        "augusti", "september", "oktober", "november", "december"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December"]
    private static let swedishMonthAbbreviations = ["jan", "feb", "mars", "apr", "maj", "juni", "juli",
                                                    "aug", "sep", "okt", "nov", "dec"]
    private static let englishMonthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                                    "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let swedishWeekdays = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
    private static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let swedishWeekdayAbbreviations = ["mån", "tis", "ons", "tors", "fre", "lör", "sön"]
    private static let englishWeekdayAbbreviations = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
}
