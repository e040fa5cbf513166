import Foundation

/// The address replies go to, with a place for the reply token: `planwatch+{token}@example.se`.
///
/// The token rides in the local part, where Postfix's `recipient_delimiter` keeps it; MTAs may
/// fold the case of an address, so tokens are lowercase and read back lowercased, and the rest of
/// the address is compared case-insensitively.
public struct ReplyAddressPattern: Sendable, Hashable, CustomStringConvertible {
    /// The placeholder for the token.
    public static let placeholder = "{token}"

    /// The local part before the token (`planwatch+`).
    public let prefix: String
    /// The local part after the token (usually empty).
    public let suffix: String
    /// The domain (`example.se`), as written.
    public let domain: String

    /// Parses a pattern.
    /// - Throws: ``ReplyAddressPatternError`` when `{token}` is missing, appears more than once, is
    ///   in the domain, or the pattern is not a plain `local@domain`.
    public init(parsing pattern: String) throws(ReplyAddressPatternError) {
        let pattern = pattern.trimmingCharacters(in: .whitespacesAndNewlines)
        let pieces = pattern.split(separator: Self.placeholder, omittingEmptySubsequences: false)
        if pieces.count == 1 { throw .noPlaceholder(pattern) }
        if pieces.count > 2 { throw .severalPlaceholders(pattern, count: pieces.count - 1) }
        let halves = pattern.split(separator: "@", omittingEmptySubsequences: false)
        guard halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty, !halves[1].hasPrefix("."), !halves[1].hasSuffix(".") else {
            throw .notAnAddress(pattern)
        }
        let local = halves[0], domain = halves[1]
        guard let range = local.firstRange(of: Self.placeholder) else { throw .placeholderInDomain(pattern) }
        guard Mailbox.isValidAddress(pattern.replacing(Self.placeholder, with: "a")) else { throw .unsafeCharacters(pattern) }
        prefix = String(local[..<range.lowerBound])
        suffix = String(local[range.upperBound...])
        self.domain = String(domain)
    }

    /// The reply address for `token` (lowercased).
    public func address(token: String) -> String {
        prefix + token.lowercased() + suffix + "@" + domain
    }

    /// The token in `address` (lowercased), or `nil` when the address does not fit the pattern:
    /// another local part or domain, an empty token, or one with other characters than ASCII
    /// letters and digits. Angle brackets and surrounding spaces are ignored. The token is not
    /// checked against the state: that is the caller's.
    public func token(in address: String) -> String? {
        var address = address.trimmingCharacters(in: .whitespacesAndNewlines)
        if address.hasPrefix("<"), address.hasSuffix(">") { address = String(address.dropFirst().dropLast()) }
        guard let at = address.lastIndex(of: "@") else { return nil }
        var domain = address[address.index(after: at)...].lowercased()
        if domain.hasSuffix(".") { domain.removeLast() }
        guard domain == self.domain.lowercased() else { return nil }
        let local = Array(address[..<at].lowercased().utf8)
        let prefix = Array(self.prefix.lowercased().utf8), suffix = Array(self.suffix.lowercased().utf8)
        guard local.count > prefix.count + suffix.count, local.starts(with: prefix), local.reversed().starts(with: suffix.reversed()) else { return nil }
        let token = local[prefix.count..<(local.count - suffix.count)]
        guard token.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return String(decoding: token, as: UTF8.self)
    }

    /// The pattern, `planwatch+{token}@example.se`.
    public var description: String { prefix + Self.placeholder + suffix + "@" + domain }
}
