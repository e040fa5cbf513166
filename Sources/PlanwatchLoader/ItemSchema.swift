import PlanwatchCore

/// What a plan item is, for every reader of items — the YAML reader and the bulk JSON reader: its
/// keys, the keys of its completions, and the diagnostics for values that are not what they must be.
/// Both readers report the same problem with the same words at the same place.
enum ItemSchema {
    /// The keys of an item.
    static let itemKeys = ["id", "kind", "title", "labels", "unit", "owner", "due", "completed", "description"]
    /// The keys an item must have.
    static let requiredItemKeys = ["id", "kind", "title"]
    /// The keys of a completion on an item (`completed:`).
    static let completionKeys = ["occurrence", "on", "rule", "by", "note"]
    /// The keys of a completion standing apart (`completions:`), which names its item.
    static let separateCompletionKeys = ["item"] + completionKeys

    /// The diagnostic for an id that is not one: `(message, hint)`.
    static func identifierProblem(_ text: String, _ what: String) -> (message: String, hint: String?)? {
        switch Identifier.problem(text) {
        case nil: nil
        case .invalid: ("\(what) '\(text)' is not a valid id", "use letters, digits, '-', '_' and '.', without spaces")
        case .tooLong(let bytes):
            ("\(what) '\(text.prefix(40))…' is too long (\(bytes) bytes)",
             "an id has at most \(Identifier.maximumBytes) bytes (100 ASCII characters)")
        }
    }

    /// The diagnostic for a text that is not a date: `(message, hint)`.
    static func dateProblem(_ text: String, _ what: String) -> (message: String, hint: String?) {
        let looksLikeDate = text.count == 10 && text.filter { $0 == "-" }.count == 2
        return (looksLikeDate ? "\(what) '\(text)' is not a date that exists" : "\(what) '\(text)' is not a date",
                looksLikeDate ? nil : "write dates as YYYY-MM-DD")
    }

    /// The diagnostic for an unknown key: `(message, hint)`.
    static func unknownKey(_ name: String, in what: String, allowed: [String]) -> (message: String, hint: String) {
        ("unknown key '\(name)' in \(what)",
         closestMatch(to: name, in: allowed).map { "did you mean '\($0)'?" } ?? "allowed keys: \(allowed.joined(separator: ", "))")
    }
}
