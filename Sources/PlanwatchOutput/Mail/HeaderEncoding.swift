import Foundation

/// Header values that no plan data can break: control characters neutralised, non-ASCII as
/// RFC 2047 encoded words, lines folded at 78 characters.
public enum HeaderEncoding {
    /// `text` with CR, LF, TAB and every other control character (C0, DEL, C1, U+2028/9) replaced by
    /// a space, and runs of spaces collapsed: a value can never start a new header line.
    public static func sanitize(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isControl = scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x85
            let isSpace = isControl || scalar == " "
            if isSpace {
                if !lastWasSpace { result.unicodeScalars.append(" ") }
            } else {
                result.unicodeScalars.append(scalar)
            }
            lastWasSpace = isSpace
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// Whether `text` may stand in a header as it is (printable ASCII, no `=?` that would read as an encoded word).
    static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }

    /// The words of an unstructured header value (`Subject`): plain ASCII words as they are, runs with
    /// other characters as `=?UTF-8?B?…?=` words of at most 64 characters, never splitting a character.
    public static func encodedWords(_ text: String) -> [String] {
        let clean = sanitize(text)
        if isPlainASCII(clean) { return clean.split(separator: " ").map(String.init) }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in clean {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {
                words.append(encode(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encode(chunk)) }
        return words
    }

    private static func encode(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// `Name: value` folded before 78 characters at the spaces between words, with CRLF + space.
    public static func headerLine(_ name: String, words: [String]) -> String {
        var lines: [String] = []
        var current = name + ":"
        for word in words {
            if current.count + 1 + word.count > 78, current != name + ":" {
                lines.append(current)
                current = " " + word
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// An unstructured header (`Subject`), encoded and folded.
    public static func unstructured(_ name: String, _ value: String) -> String {
        headerLine(name, words: encodedWords(value))
    }

    /// An address `Display Name <local@domain>`; the name encoded when needed, the address checked.
    /// - Throws: ``MailError`` when the address is not a plain `local@domain` (so nothing can ride along).
    public static func mailbox(name: String?, email: String) throws(MailError) -> [String] {
        guard isSafeAddress(email) else { throw MailError("refusing the address '\(sanitize(email))': it is not a plain local@domain address") }
        guard let name, !sanitize(name).isEmpty else { return ["<\(email)>"] }
        let clean = sanitize(name)
        let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        if isPlainASCII(clean), clean.unicodeScalars.allSatisfy({ !specials.contains($0) }) {
            return clean.split(separator: " ").map(String.init) + ["<\(email)>"]
        }
        if isPlainASCII(clean) {
            return ["\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"", "<\(email)>"]
        }
        return encodedWords(clean) + ["<\(email)>"]
    }

    /// `local@domain` of printable ASCII with no spaces, quotes, brackets, commas or semicolons.
    public static func isSafeAddress(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, email.count <= 254 else { return false }
        return email.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains(scalar)
        }
    }
}

/// A mail that cannot be composed.
public struct MailError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
