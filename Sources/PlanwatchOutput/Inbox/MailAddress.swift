/// A mailbox from an address header: `Åsa Öberg <asa@example.se>`, `asa@example.se (Åsa)`.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain` as written, without angle brackets, comments or spaces; may lack a domain
    /// (`MAILER-DAEMON`). Not checked further: the address of a received mail proves nothing.
    public var address: String
    /// The display name with encoded words decoded, or `nil`.
    public var displayName: String?

    /// A mailbox from its parts.
    public init(address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// The part of ``address`` before the last `@` (all of it without one).
    public var localPart: String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[..<at])
    }

    /// The part after the last `@`, lowercased; empty without one.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return address[address.index(after: at)...].lowercased()
    }

    /// `Name <address>` or `address`.
    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }

    /// The mailboxes of a raw address-list value (`To`, `Cc`, `From`): commas inside quotes,
    /// comments and angle brackets do not split, groups (`Team: a@x, b@y;`) give their members,
    /// source routes (`<@relay:a@x>`) are dropped. Items without an address are left out.
    public static func list(parsing raw: String) -> [MailAddress] {
        var items: [String] = []
        var current = ""
        var inQuotes = false, escaped = false, inAngle = false, commentDepth = 0
        for character in raw {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if character == "\\", inQuotes || commentDepth > 0 {
                current.append(character)
                escaped = true
                continue
            }
            if inQuotes {
                if character == "\"" { inQuotes = false }
                current.append(character)
                continue
            }
            if commentDepth > 0 {
                if character == "(" { commentDepth += 1 } else if character == ")" { commentDepth -= 1 }
                current.append(character)
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "(": commentDepth = 1
            case "<": inAngle = true
            case ">": inAngle = false
            case ",", ";":
                guard !inAngle else { break }
                items.append(current)
                current = ""
                continue
            case ":":
                guard !inAngle else { break }
                current = ""  // a group's name
                continue
            default: break
            }
            current.append(character)
        }
        items.append(current)
        return items.compactMap(mailbox(parsing:))
    }

    /// One mailbox, or `nil` when the text holds no address.
    static func mailbox(parsing item: String) -> MailAddress? {
        var phrase = "", angle: String?, comments: [String] = []
        var inQuotes = false, escaped = false, inAngle = false, commentDepth = 0
        for character in item {
            if escaped {
                if commentDepth > 0 { comments[comments.count - 1].append(character) } else { phrase.append(character) }
                escaped = false
                continue
            }
            if character == "\\", inQuotes || commentDepth > 0 {
                escaped = true
                continue
            }
            if inQuotes {
                if character == "\"" { inQuotes = false } else { phrase.append(character) }
                continue
            }
            if commentDepth > 0 {
                if character == "(" { commentDepth += 1 }
                if character == ")" { commentDepth -= 1 }
                if commentDepth > 0 { comments[comments.count - 1].append(character) }
                continue
            }
            if inAngle {
                if character == ">" { inAngle = false } else { angle!.append(character) }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "(":
                commentDepth = 1
                comments.append("")
            case "<":
                inAngle = true
                angle = ""
            default:
                phrase.append(character)
            }
        }
        let name: String?
        let address: String
        if var angle {
            if let colon = angle.lastIndex(of: ":") { angle = String(angle[angle.index(after: colon)...]) }
            address = angle.filter { !$0.isWhitespace }
            name = displayName(phrase) ?? comments.lazy.compactMap(displayName).first
        } else {
            let words = phrase.split(whereSeparator: \.isWhitespace)
            guard words.count == 1 || phrase.contains("@") else { return nil }
            address = words.joined()
            name = comments.lazy.compactMap(displayName).first
        }
        guard !address.isEmpty else { return nil }
        return MailAddress(address: address, displayName: name)
    }

    private static func displayName(_ text: String) -> String? {
        let words = HeaderDecoding.decodeEncodedWords(text).split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
