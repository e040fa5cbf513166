import PlanwatchCore
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
        guard Mailbox.isValidAddress(email) else { throw MailError("refusing the address '\(sanitize(email))': it is not a plain local@domain address") }
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

    /// A notification key as a header value of plain ASCII: bytes other than letters, digits and
    /// `- _ . / +` written `%XX` (item ids may have å, ä, ö). Keys without such bytes are unchanged.
    public static func encodedKey(_ key: String) -> String {
        var result = ""
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "+"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                result += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            }
        }
        return result
    }

    /// The key of an ``encodedKey(_:)`` value.
    public static func decodedKey(_ value: some StringProtocol) -> String {
        guard value.contains("%") else { return String(value) }
        var bytes: [UInt8] = []
        var iterator = Array(value.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A mail that cannot be composed.
public struct MailError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
