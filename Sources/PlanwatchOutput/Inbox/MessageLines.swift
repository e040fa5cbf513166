/// The lines of a message or part: byte ranges without their line ends.
///
/// CRLF, LF and a lone CR each end a line, so mail stored by Postfix (LF), sent over SMTP (CRLF)
/// or mangled by an old client (CR) reads the same. A last line without a line end is a line; a
/// line end at the very end does not start an empty one.
enum MessageLines {
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// The lines of `bytes`.
    static func of(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = 0
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == lineFeed || byte == carriageReturn {
                lines.append(lineStart..<index)
                if byte == carriageReturn, index + 1 < end, bytes[index + 1] == lineFeed { index += 1 }
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < end { lines.append(lineStart..<end) }
        return lines
    }

    /// The lines joined with LF, without a final line end.
    static func joined(_ bytes: [UInt8], _ lines: ArraySlice<Range<Int>>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        var first = true
        for line in lines {
            if !first { result.append(lineFeed) }
            result.append(contentsOf: bytes[line])
            first = false
        }
        return result
    }

    /// Whether the line holds nothing but spaces and tabs.
    static func isBlank(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        bytes[line].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
