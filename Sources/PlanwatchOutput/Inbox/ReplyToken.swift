/// Reply tokens: the capability in a reply address that says which reminder a reply is about.
///
/// A token is 20 characters of lowercase RFC 4648 base32 without padding (`a`–`z`, `2`–`7`), 100
/// random bits: unguessable, and unchanged by MTAs that fold the case of addresses.
public enum ReplyToken {
    /// The number of characters of a token.
    public static let length = 20
    /// The base32 alphabet (RFC 4648), lowercase.
    public static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// A new token from `generator` (5 bits per character, 100 bits in all).
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(length)
        var bits: UInt64 = 0
        var available = 0
        while characters.count < length {
            if available < 5 {
                bits = generator.next()
                available = 64
            }
            characters.append(alphabet[Int(bits & 0x1F)])
            bits >>= 5
            available -= 5
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// A new token from the system's cryptographic generator (`getrandom` on Linux).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// Whether `token` has the form of a token: ``length`` characters of ``alphabet``.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == length && token.utf8.allSatisfy { alphabet.contains($0) }
    }

    /// Whether `lhs` and `rhs` are equal, in a time that depends on their lengths only, never on
    /// where they differ: for comparing a token from a mail with a stored one.
    @inline(never)
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        var difference = UInt64(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= UInt64(a ^ b)
        }
        return difference == 0
    }
}
