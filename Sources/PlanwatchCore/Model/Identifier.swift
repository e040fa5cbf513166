/// The rule for ids — of rules, units, people, items, kinds, roles, metrics: letters (any script),
/// digits, `-`, `_` and `.`, without spaces, at most ``maximumBytes`` bytes of UTF-8. One rule
/// for every reader of rules and plan data, so an id is valid or not whatever file format it
/// comes in; short enough that a notification key made of ids fits in one mail header line.
public enum Identifier {
    /// The longest id, in bytes of UTF-8 (100 ASCII characters).
    public static let maximumBytes = 100

    /// What is wrong with `text` as an id; `nil` when it is one.
    public static func problem(_ text: String) -> Problem? {
        if text.isEmpty { return .invalid }
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; continue }
            guard isIdentifierASCII(byte) else { return .invalid }
        }
        if !ascii, !text.unicodeScalars.allSatisfy(isIdentifierScalar) { return .invalid }
        if text.utf8.count > maximumBytes { return .tooLong(text.utf8.count) }
        return nil
    }

    /// Why a text is not an id.
    public enum Problem: Hashable, Sendable {
        /// Empty, or with a space or a character other than letters, digits, `-`, `_`, `.`.
        case invalid
        /// Longer than ``Identifier/maximumBytes`` (the length in bytes).
        case tooLong(Int)
    }

    /// An ASCII byte an id may have: a letter, a digit, `-`, `_` or `.`.
    @inlinable
    public static func isIdentifierASCII(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    /// A character an id may have: a letter, mark or number of any script, `-`, `_` or `.`.
    public static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isIdentifierASCII(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
