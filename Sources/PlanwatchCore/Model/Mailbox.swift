/// A mail address with an optional display name: `Planwatch <planwatch@example.se>`. The one rule
/// for what an address may be, used when the configuration and the plan data are read and when mail
/// is composed — so `planwatch check` refuses what delivery would refuse.
public struct Mailbox: Hashable, Sendable, CustomStringConvertible {
    /// The display name, if any (`Planwatch`).
    public var name: String?
    /// `local@domain`.
    public var address: String

    /// A mailbox of an address that ``isValidAddress(_:)`` accepts.
    public init?(name: String? = nil, address: String) {
        guard Self.isValidAddress(address) else { return nil }
        self.name = name.flatMap { $0.trimmingSpaces.isEmpty ? nil : $0.trimmingSpaces }
        self.address = address
    }

    /// Parses `Name <local@domain>`, `"Name" <local@domain>` or a bare `local@domain`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = String(trimmed[..<open]).trimmingSpaces
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            self.init(name: name, address: address)
        } else {
            self.init(name: nil, address: trimmed)
        }
    }

    /// Why `text` is not a mailbox, for a diagnostic; `nil` when it is one.
    public static func problem(with text: String) -> String? {
        guard Mailbox(parsing: text) == nil else { return nil }
        let trimmed = text.trimmingSpaces
        let address = trimmed.lastIndex(of: "<").map { String(trimmed[trimmed.index(after: $0)...].dropLast()) } ?? trimmed
        return addressProblem(address) ?? "not a mail address"
    }

    /// A plain `local@domain` address that mail can be sent to and from: printable ASCII without
    /// spaces, quotes, brackets, commas or semicolons; a local part of at most 64 characters without
    /// leading, trailing or double dots; a domain of letters, digits and hyphens in dot-separated
    /// labels (at least two); 254 characters in all. Addresses with other characters (`märia@…`)
    /// would need SMTPUTF8, which planwatch does not send.
    public static func isValidAddress(_ address: String) -> Bool { addressProblem(address) == nil }

    static func addressProblem(_ address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return parts.count == 1 ? "an address needs an '@'" : "an address has one '@'" }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty else { return "the part before '@' is empty" }
        guard !domain.isEmpty else { return "the domain after '@' is empty" }
        guard address.utf8.count <= 254, local.utf8.count <= 64 else { return "the address is too long" }
        guard address.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            return "only ASCII letters, digits and . _ % + - are allowed (no å, ä, ö or other letters)"
        }
        let specials = "<>()[]\\,;:\"@ "
        guard local.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !specials.unicodeScalars.contains($0) }) else {
            return "the part before '@' has a space, a quote, a bracket or another character mail does not allow"
        }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return "the part before '@' has a misplaced dot" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 || domain == "localhost" else { return "the domain '\(domain)' has no dot" }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                  label.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                      || $0 == "-" }) else {
                return "the domain '\(domain)' is not a valid domain name"
            }
        }
        return nil
    }

    /// The domain part of the address.
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    /// `Name <address>`, or the address alone.
    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}
