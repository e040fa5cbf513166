/// A number as plan data writes it: an optional sign, ASCII digits, and an optional fraction after a
/// `.` — or after a `,`, the Swedish decimal comma, which a CSV cell can hold only when quoted
/// (`"17,5"`). Nothing else: no exponent (`1e3`), no hexadecimal (`0x10`), no `inf` or `nan`, no
/// digit group separators (`1_000`, `1 000`), no digits of other scripts (`١٢`), and digits on both
/// sides of the decimal sign (`5.` and `.5` are refused).
///
/// Swift's `Double(_:)` takes all of those, so it is called only on text this has checked.
enum PlainDecimal {
    /// The value of `text`, or `nil` when it is not a plain decimal number (or too large to hold).
    static func value(of text: String) -> Double? {
        let bytes = text.utf8
        var index = bytes.startIndex
        var comma = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            index = bytes.index(after: index)
        }
        func digits() -> Bool {
            let start = index
            while index < bytes.endIndex, isDigit(bytes[index]) { index = bytes.index(after: index) }
            return index > start
        }
        guard digits() else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            comma = bytes[index] == UInt8(ascii: ",")
            index = bytes.index(after: index)
            guard digits() else { return nil }
        }
        guard index == bytes.endIndex else { return nil }
        let value = comma ? Double(String(text.map { $0 == "," ? "." : $0 })) : Double(text)
        guard let value, value.isFinite else { return nil }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
