/// A header block: fields up to the first blank line.
enum HeaderBlock {
    /// The fields in `lines` of `bytes`, and the index (into `lines`) of the first body line.
    ///
    /// Unfolds continuation lines; decodes the bytes of a value as UTF-8, or windows-1252 when they
    /// are not UTF-8. A line that is neither a field nor a continuation ends the block even without a
    /// blank line (it is taken as the first body line). With `skippingMboxLine`, a leading
    /// `From sender date` line is skipped.
    static func parse(_ bytes: [UInt8], _ lines: ArraySlice<Range<Int>>, skippingMboxLine: Bool) -> (fields: [HeaderField], bodyStart: Int) {
        var fields: [HeaderField] = []
        var pending: (name: String, value: [UInt8])?
        func flush() {
            guard let field = pending else { return }
            fields.append(HeaderField(name: field.name, rawValue: trimmed(TextCharset.utf8OrWindows1252(field.value))))
            pending = nil
        }
        var index = lines.startIndex
        if skippingMboxLine, index < lines.endIndex, bytes[lines[index]].starts(with: Array("From ".utf8)) { index += 1 }
        while index < lines.endIndex {
            let line = lines[index]
            if MessageLines.isBlank(bytes, line) {
                index += 1
                break
            }
            let first = bytes[line.lowerBound]
            if first == 0x20 || first == 0x09 {
                guard pending != nil else { break }
                pending!.value += bytes[line]
                index += 1
                continue
            }
            guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) else { break }
            var nameEnd = colon
            while nameEnd > line.lowerBound, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            let name = bytes[line.lowerBound..<nameEnd]
            guard !name.isEmpty, name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { break }
            flush()
            pending = (String(decoding: name, as: UTF8.self), Array(bytes[(colon + 1)..<line.upperBound]))
            index += 1
        }
        flush()
        return (fields, index)
    }

    /// `text` without leading and trailing spaces, tabs and line ends.
    static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = text.firstIndex(where: { !isSpace($0) }), let end = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[start...end])
    }
}
