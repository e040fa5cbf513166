/// The character sets replies arrive in, decoded without Foundation's tables (which differ
/// between platforms).
///
/// ISO-8859-1 is read as windows-1252, as browsers and most mail readers do: the bytes 0x80–0x9F
/// are C1 controls in Latin-1, never text, and mean `€ ‚ „ … – — ‘ ’ “ ”` in mail labelled Latin-1
/// by Windows clients.
public enum TextCharset: String, Sendable, Hashable, CaseIterable {
    /// UTF-8; invalid sequences become U+FFFD.
    case utf8 = "utf-8"
    /// US-ASCII, read as UTF-8 (stray 8-bit bytes are common and UTF-8 is a superset).
    case usASCII = "us-ascii"
    /// ISO-8859-1, read as windows-1252.
    case isoLatin1 = "iso-8859-1"
    /// ISO-8859-15 (Latin-9): Latin-1 with `€ Š š Ž ž Œ œ Ÿ` (0x80–0x9F read as windows-1252).
    case isoLatin9 = "iso-8859-15"
    /// windows-1252.
    case windows1252 = "windows-1252"

    /// The charset for a MIME label (`UTF-8`, `"iso-8859-1"`, `latin1`, `cp1252`, …), or `nil` when unknown.
    public init?(label: String) {
        var name = label.lowercased().filter { $0 != "\"" && $0 != "'" && $0 != " " }
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }  // RFC 2231 language
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": self = .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "ibm367", "cp367", "csascii": self = .usASCII
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "iso-88591", "latin1", "latin-1", "l1", "cp819", "ibm819",
             "iso-ir-100", "csisolatin1", "iso_8859-1:1987": self = .isoLatin1
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9", "l9", "csisolatin9", "iso-885915": self = .isoLatin9
        case "windows-1252", "cp1252", "x-cp1252", "win-1252", "windows1252", "ms-ansi": self = .windows1252
        default: return nil
        }
    }

    /// `bytes` as text in this charset; never fails.
    public func decode(_ bytes: some Collection<UInt8>) -> String {
        switch self {
        case .utf8, .usASCII:
            return String(decoding: bytes, as: UTF8.self)
        case .isoLatin1, .windows1252:
            return Self.singleByte(bytes) { $0 < 0xA0 ? Self.windows1252High[Int($0 - 0x80)] : UInt32($0) }
        case .isoLatin9:
            return Self.singleByte(bytes) { byte in
                switch byte {
                case 0xA4: 0x20AC
                case 0xA6: 0x0160
                case 0xA8: 0x0161
                case 0xB4: 0x017D
                case 0xB8: 0x017E
                case 0xBC: 0x0152
                case 0xBD: 0x0153
                case 0xBE: 0x0178
                default: byte < 0xA0 ? Self.windows1252High[Int(byte - 0x80)] : UInt32(byte)
                }
            }
        }
    }

    /// `bytes` in the charset a label names; unknown or missing labels are read as UTF-8 with
    /// U+FFFD for what is not UTF-8.
    public static func decode(_ bytes: some Collection<UInt8>, label: String?) -> String {
        (label.flatMap(TextCharset.init(label:)) ?? .utf8).decode(bytes)
    }

    /// Text that is UTF-8 when it is valid UTF-8, else windows-1252: for header bytes, which carry
    /// no charset and come as raw UTF-8 from modern clients and as Latin-1 from old ones.
    static func utf8OrWindows1252(_ bytes: some Collection<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) || String(validating: bytes, as: UTF8.self) != nil {
            return String(decoding: bytes, as: UTF8.self)
        }
        return TextCharset.windows1252.decode(bytes)
    }

    /// A single-byte charset: ASCII below 0x80, `high` for the rest.
    private static func singleByte(_ bytes: some Collection<UInt8>, high: (UInt8) -> UInt32) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = byte < 0x80 ? UInt32(byte) : high(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// windows-1252 for 0x80–0x9F; the five undefined bytes map to the C1 control of the same value.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
