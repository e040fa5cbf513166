// Counted words, lists and names.

extension MessageLanguage {
    /// A count with its word in the singular or the plural, as the caller gives them:
    /// `count(1, singular: "försenad", plural: "försenade")` is `1 försenad`, with 2 `2 försenade`.
    ///
    /// The singular is for 1 and -1 only (`0 dagar`, `0 days`, as both languages say). The count
    /// is written as by ``number(_:)-(Int)`` (`1 132 dagar`), with its sign: a negative count is
    /// kept negative (`-3 dagar`) rather than made positive, because dropping the sign would turn
    /// "three days late" into "in three days" without anyone seeing the mistake; say the direction
    /// in words (``relativeDay(_:from:)``, `3 dagar försenad`) with a positive count.
    public func count(_ count: Int, singular: String, plural: String) -> String {
        number(count) + " " + (count.magnitude == 1 ? singular : plural)
    }

    /// Calendar days: `0 dagar`, `1 dag`, `21 dagar`; `0 days`, `1 day`, `21 days` (see ``count(_:singular:plural:)``).
    public func days(_ count: Int) -> String {
        isSwedish ? self.count(count, singular: "dag", plural: "dagar") : self.count(count, singular: "day", plural: "days")
    }

    /// Working days: `1 arbetsdag`, `10 arbetsdagar`; `1 working day`, `10 working days`.
    public func workdays(_ count: Int) -> String {
        isSwedish ? self.count(count, singular: "arbetsdag", plural: "arbetsdagar")
                  : self.count(count, singular: "working day", plural: "working days")
    }

    /// Weeks: `1 vecka`, `2 veckor`; `1 week`, `2 weeks`.
    public func weeks(_ count: Int) -> String {
        isSwedish ? self.count(count, singular: "vecka", plural: "veckor") : self.count(count, singular: "week", plural: "weeks")
    }

    /// Hours: `1 timme`, `36 timmar`; `1 hour`, `36 hours`.
    public func hours(_ count: Int) -> String {
        isSwedish ? self.count(count, singular: "timme", plural: "timmar") : self.count(count, singular: "hour", plural: "hours")
    }

    /// A rule's duration in words: `28d` is `28 dagar`, `10 workdays` is `10 arbetsdagar`,
    /// `2w` is `2 veckor`, `36h` is `36 timmar`.
    public func duration(_ duration: RuleDuration) -> String {
        switch duration.unit {
        case .days: days(duration.amount)
        case .workdays: workdays(duration.amount)
        case .weeks: weeks(duration.amount)
        case .hours: hours(duration.amount)
        }
    }

    /// Items joined as in running text: `a, b och c`, `a och b`; `a, b and c` (no comma before
    /// `and`). One item is itself; no items, the empty string. The items are joined as they are.
    public func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + (isSwedish ? " och " : " and ") + last
    }

    /// The given name to greet someone by (`Hej Lisa,`): the first word of the name.
    ///
    /// - `Lisa Strand` → `Lisa`; `Anna-Karin Lind` → `Anna-Karin` (a hyphen joins one name);
    ///   `Lisa` → `Lisa`; spaces (also no-break spaces and line breaks) around and between words
    ///   are ignored; an empty or blank name gives the empty string.
    /// - A name written surname first, as address books export it, is turned around:
    ///   `Strand, Lisa` → `Lisa`, `af Klint, Hilma` → `Hilma`. A name counts as surname first when
    ///   the part before its first comma is one word (or none), or has only one word with a capital letter
    ///   (`af Klint`); otherwise the comma is read as something after the name
    ///   (`Lisa Strand, enhetschef` → `Lisa`).
    ///
    /// The same in every language, so a static function.
    public static func givenName(_ fullName: some StringProtocol) -> String {
        let name = Substring(fullName)
        if let comma = name.firstIndex(of: ",") {
            let surname = name[..<comma].split(whereSeparator: \.isWhitespace)
            let capitalized = surname.count { $0.first?.isUppercase == true }
            if let given = firstWord(of: name[name.index(after: comma)...]),
               surname.count <= 1 || capitalized == 1 {
                return String(given)
            }
        }
        guard let first = firstWord(of: name) else { return "" }
        // Without a comma after it: `Strand,` with nothing after the comma is `Strand`.
        return String(first.prefix { $0 != "," })
    }

    /// The first word of `text` (words are separated by white space), or `nil` when it has none.
    private static func firstWord(of text: Substring) -> Substring? {
        text.split(maxSplits: 1, whereSeparator: \.isWhitespace).first
    }
}
