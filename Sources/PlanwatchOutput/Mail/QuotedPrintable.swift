import Foundation

/// Quoted-printable (RFC 2045 § 6.7) for UTF-8 text bodies: lines of at most 76 characters,
/// CRLF line ends.
public enum QuotedPrintable {
    public static func encode(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var output: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var encoded: [String] = []
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || (byte == 32 || byte == 9) && !isLast
                encoded.append(plain ? String(UnicodeScalar(byte)) : hex(byte))
            }
            var current = ""
            for piece in encoded {
                if current.count + piece.count > 75 {
                    output.append(current + "=")
                    current = ""
                }
                current += piece
            }
            output.append(current)
        }
        return output.joined(separator: "\r\n")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
