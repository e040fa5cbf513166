/// Reading header values back: RFC 2047 encoded words, the counterpart of ``HeaderEncoding``.
public enum HeaderDecoding {
    /// `text` with every RFC 2047 encoded word (`=?charset?B?…?=`, `=?charset?Q?…?=`) decoded.
    ///
    /// Tolerant as mail readers are: any charset ``TextCharset`` knows (unknown ones as UTF-8 with
    /// U+FFFD), a language suffix (`=?utf-8*sv?q?…?=`), lowercase `b`/`q`, bad base64 padding, words
    /// inside quoted strings or glued to other text. Whitespace between two encoded words is dropped
    /// (RFC 2047 § 6.2), and adjacent words in one charset are joined before decoding, so a character
    /// split across two words survives. Text that only looks like the start of a word stays as it is.
    public static func decodeEncodedWords(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        let bytes = Array(text.utf8)
        var pieces: [Piece] = []
        var literalStart = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?"), let word = encodedWord(bytes, at: index) {
                if literalStart < index { pieces.append(.literal(bytes[literalStart..<index])) }
                pieces.append(.word(charset: word.charset, bytes: word.bytes))
                index = word.end
                literalStart = index
            } else {
                index += 1
            }
        }
        if literalStart < bytes.count { pieces.append(.literal(bytes[literalStart..<bytes.count])) }

        var result = ""
        var run: (charset: String, bytes: [UInt8])?
        for (position, piece) in pieces.enumerated() {
            switch piece {
            case .word(let charset, let decoded):
                if let current = run, current.charset == charset {
                    run!.bytes += decoded
                } else {
                    if let current = run { result += TextCharset.decode(current.bytes, label: current.charset) }
                    run = (charset, decoded)
                }
            case .literal(let literal):
                let betweenWords = position > 0 && position + 1 < pieces.count
                    && pieces[position - 1].isWord && pieces[position + 1].isWord
                if betweenWords, literal.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) { continue }
                if let current = run { result += TextCharset.decode(current.bytes, label: current.charset) }
                run = nil
                result += String(decoding: literal, as: UTF8.self)
            }
        }
        if let current = run { result += TextCharset.decode(current.bytes, label: current.charset) }
        return result
    }

    private enum Piece {
        case literal(ArraySlice<UInt8>)
        case word(charset: String, bytes: [UInt8])

        var isWord: Bool {
            if case .word = self { return true }
            return false
        }
    }

    /// The encoded word starting at `start` (`=?`): its charset (lowercased, without a language),
    /// decoded bytes and the index after its `?=`; `nil` when it is not a well-formed word.
    private static func encodedWord(_ bytes: [UInt8], at start: Int) -> (charset: String, bytes: [UInt8], end: Int)? {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?") {
            guard bytes[index] > 0x20, bytes[index] < 0x7F, index - charsetStart < 40 else { return nil }
            index += 1
        }
        guard index > charsetStart, index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        var charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self).lowercased()
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
        let encoding = bytes[index + 1] | 0x20  // lowercase
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        index = textStart
        while index < bytes.count, bytes[index] != UInt8(ascii: "?") {
            guard bytes[index] > 0x20, bytes[index] != 0x7F else { return nil }
            index += 1
        }
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") else { return nil }
        let text = bytes[textStart..<index]
        var decoded: [UInt8] = []
        if encoding == UInt8(ascii: "b") {
            decoded = TransferDecoding.base64(text)
        } else {
            TransferDecoding.quotedPrintable(text, into: &decoded, underscoreIsSpace: true)
        }
        return (charset, decoded, index + 2)
    }
}
