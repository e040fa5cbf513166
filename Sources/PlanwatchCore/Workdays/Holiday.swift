/// A day that is not a working day for a reason other than being an ordinary Saturday or Sunday.
public struct Holiday: Hashable, Sendable, Comparable {
    /// Whether the day is a public holiday or an eve treated like one.
    public enum Kind: String, Hashable, Sendable {
        /// A public holiday (allmän helgdag), lag (1989:253).
        case holiday
        /// Midsummer Eve, Christmas Eve, New Year's Eve: not holidays, but deadlines move off them
        /// as off holidays, lag (1930:173) § 2.
        case eve
    }

    /// The date.
    public let date: LocalDate
    /// The Swedish name (`Midsommarafton`).
    public let name: String
    /// The English name (`Midsummer Eve`).
    public let englishName: String
    /// Holiday or eve.
    public let kind: Kind

    /// Creates a holiday entry.
    public init(date: LocalDate, name: String, englishName: String, kind: Kind) {
        self.date = date
        self.name = name
        self.englishName = englishName
        self.kind = kind
    }

    public static func < (lhs: Holiday, rhs: Holiday) -> Bool { lhs.date < rhs.date }
}

/// The date of Easter Sunday in the (proleptic) Gregorian calendar: the anonymous Gregorian
/// algorithm, with division rounding down so that every year, even before year 1, gets a day in
/// March or April.
public func easterSunday(year: Int) -> LocalDate {
    let a = floorModulo(year, 19)
    let b = floorDivide(year, 100), c = floorModulo(year, 100)
    let d = floorDivide(b, 4), e = floorModulo(b, 4)
    let f = floorDivide(b + 8, 25)
    let g = floorDivide(b - f + 1, 3)
    let h = floorModulo(19 * a + b - d - g + 15, 30)
    let i = c / 4, k = c % 4
    let l = floorModulo(32 + 2 * e + 2 * i - h - k, 7)
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let day = (h + l - 7 * m + 114) % 31 + 1
    return LocalDate(dayNumber: LocalDate.daysFromCivil(year: year, month: month, day: day))
}
