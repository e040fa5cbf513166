/// CSV as RFC 4180 writes it, for every CSV planwatch writes (the compliance report, exported
/// completions): a field is quoted when it holds a comma, a quote, a line break or leading or
/// trailing space, with its quotes doubled.
public enum CSVField {
    /// Appends one field's bytes.
    public static func append(_ field: String, to output: inout [UInt8]) {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || field.first == " " || field.last == " "
        guard needsQuotes else {
            output += field.utf8
            return
        }
        output.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends a row: the fields separated by commas, ended by CRLF.
    public static func appendRow(_ fields: [String], to output: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            append(field, to: &output)
        }
        output += [0x0D, 0x0A]
    }
}
