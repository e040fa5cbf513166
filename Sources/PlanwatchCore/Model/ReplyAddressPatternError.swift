/// Why a reply address pattern (`planwatch+{token}@example.se`) was rejected.
public struct ReplyAddressPatternError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case noPlaceholder
        case severalPlaceholders(Int)
        case placeholderInDomain
        case notAnAddress
        case unsafeCharacters
    }

    private let kind: Kind
    /// The pattern as given.
    public let pattern: String

    private init(_ kind: Kind, _ pattern: String) {
        self.kind = kind
        self.pattern = pattern
    }

    static func noPlaceholder(_ pattern: String) -> Self { Self(.noPlaceholder, pattern) }
    static func severalPlaceholders(_ pattern: String, count: Int) -> Self { Self(.severalPlaceholders(count), pattern) }
    static func placeholderInDomain(_ pattern: String) -> Self { Self(.placeholderInDomain, pattern) }
    static func notAnAddress(_ pattern: String) -> Self { Self(.notAnAddress, pattern) }
    static func unsafeCharacters(_ pattern: String) -> Self { Self(.unsafeCharacters, pattern) }

    /// What is wrong, in a sentence fragment without the pattern.
    public var message: String {
        switch kind {
        case .noPlaceholder: "it has no {token}"
        case .severalPlaceholders(let count): "it has {token} \(count) times, and must have it once"
        case .placeholderInDomain: "{token} is in the domain, and must be in the local part (before the @)"
        case .notAnAddress: "it is not an address local@domain"
        case .unsafeCharacters: "it has spaces, quotes, brackets, commas or other characters an address cannot carry plainly"
        }
    }

    /// How to fix it.
    public var hint: String {
        "write the address replies go to with {token} once where the reply token goes, as planwatch+{token}@example.se (Postfix: recipient_delimiter = +)"
    }

    /// `'pattern': message`.
    public var description: String { "reply address '\(pattern)': \(message)" }
}
