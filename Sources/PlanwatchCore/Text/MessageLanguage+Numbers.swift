// Numbers and percentages, written digit by digit from the shortest decimal form of a `Double`:
// no Foundation `NumberFormatter`, no locale data, never an exponent.

extension MessageLanguage {
    /// A number as written in running text: `23,4`, `1 132`, `1 234 567,89`, `-3,5` in Swedish
    /// (a no-break space, U+00A0, between thousands, also in four-digit numbers), `23.4`, `1,132`
    /// in English.
    ///
    /// - Rounded half away from zero to at most `maximumFractionDigits` decimals, on the decimal as
    ///   people write it: the shortest decimal that reads back as the same `Double` (`1.005` → `1,01`,
    ///   `0.05` with one decimal → `0,1`), not on the binary value's long expansion (which would make
    ///   `1.005` become `1`).
    /// - Trailing zeros are left out (`2.50` → `2,5`, `3.0` → `3`); a value that rounds to zero is
    ///   `0`, without a sign (`-0.0`, `-0.001` → `0`).
    /// - A negative number starts with the ASCII hyphen-minus (`-3,5`), not the typographic minus
    ///   U+2212: readers copy values from mails into spreadsheets and searches, which take only the
    ///   hyphen-minus as a sign; and line breaking never separates it from the digits after it.
    /// - Never an exponent: `1e15` is `1 000 000 000 000 000`, `1e-7` with two decimals is `0`.
    /// - Not-a-number and the infinities are written `–` (an en dash, U+2013): they are no value a
    ///   reader can act on, and the dash reads as "no value" in text and tables, in both languages.
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - maximumFractionDigits: The most decimals to show; a negative number counts as 0.
    public func number(_ value: Double, maximumFractionDigits: Int = 2) -> String {
        guard value.isFinite else { return Self.noValue }
        // 1074 decimals reach the smallest subnormal `Double`; more never show anything.
        let fractionDigits = min(max(maximumFractionDigits, 0), 1074)
        // The shortest round-trip form, such as `1.005`, `1e-05` or `1.2345e+16` (at most 17
        // significant digits, and one trailing `0` as in `1000000000000000.0`).
        let shortest = value.magnitude.description
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digits in
            var decimal = DecimalDigits(digits: digits)
            decimal.read(shortest)
            decimal.round(fractionDigits: fractionDigits)
            return written(decimal, negative: value < 0)
        }
    }

    /// A whole number as written in running text: `1 132` in Swedish (no-break space between
    /// thousands), `1,132` in English, `-12` for a negative number (see ``number(_:maximumFractionDigits:)``).
    public func number(_ value: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digits in
            var decimal = DecimalDigits(digits: digits)
            decimal.read(value.magnitude)
            return written(decimal, negative: value < 0)
        }
    }

    /// A percentage, `value` being in percent (`14.3` is 14.3 per cent): `14,3 %` in Swedish, with a
    /// no-break space (U+00A0) before the sign, `14.3%` in English.
    ///
    /// The number is written as by ``number(_:maximumFractionDigits:)``; not-a-number and the
    /// infinities are `–` alone, without a per cent sign.
    public func percent(_ value: Double, maximumFractionDigits: Int = 1) -> String {
        guard value.isFinite else { return Self.noValue }
        return number(value, maximumFractionDigits: maximumFractionDigits) + (isSwedish ? "\u{00A0}%" : "%")
    }

    /// What a number that is no number is written as: an en dash.
    static let noValue = "\u{2013}"

    /// The decimal digits in this language's form: group separators in the whole part, then the
    /// decimal separator and the fraction.
    private func written(_ decimal: DecimalDigits, negative: Bool) -> String {
        guard decimal.count > 0 else { return "0" }
        let (digits, count, point) = (decimal.digits, decimal.count, decimal.point)
        let wholeDigits = max(point, 1)
        let fractionDigits = max(count - point, 0)
        let swedish = isSwedish
        // Swedish groups with a no-break space (two bytes in UTF-8), English with a comma.
        let capacity = 1 + wholeDigits + (wholeDigits - 1) / 3 * 2 + 1 + fractionDigits
        return String(unsafeUninitializedCapacity: capacity) { text in
            var length = 0
            func append(_ byte: UInt8) {
                text[length] = byte
                length += 1
            }
            // The digit at `index` in the digit string; zeros before and after it.
            func digit(_ index: Int) -> UInt8 {
                UInt8(ascii: "0") + (index >= 0 && index < count ? digits[index] : 0)
            }
            if negative { append(UInt8(ascii: "-")) }
            if point <= 0 {
                append(UInt8(ascii: "0"))
            } else {
                for index in 0..<point {
                    if index > 0, (point - index) % 3 == 0 {
                        if swedish {
                            append(0xC2)
                            append(0xA0)
                        } else {
                            append(UInt8(ascii: ","))
                        }
                    }
                    append(digit(index))
                }
            }
            if count > point {
                append(swedish ? UInt8(ascii: ",") : UInt8(ascii: "."))
                for index in point..<count { append(digit(index)) }
            }
            return length
        }
    }
}

/// A number's decimal digits without leading zeros, and where the decimal point stands among them
/// (`point` digits before it; a negative `point` means zeros between the point and the digits):
/// 1.005 is `1005` with the point after 1, 0.05 is `5` with the point one place before it.
private struct DecimalDigits {
    /// The digits' values (0–9), at least 25 places.
    var digits: UnsafeMutableBufferPointer<UInt8>
    /// How many digits there are; 0 for zero.
    var count = 0
    /// How many of the digits stand before the decimal point (can be negative or exceed `count`).
    var point = 0

    init(digits: UnsafeMutableBufferPointer<UInt8>) {
        self.digits = digits
    }

    /// Reads a non-negative `Double.description`: `0.05`, `1000000000000000.0`, `1e-05`, `1.2345e+16`.
    mutating func read(_ shortest: String) {
        var afterPoint = false, inExponent = false, exponentIsNegative = false, exponent = 0
        for byte in shortest.utf8 {
            switch byte {
            case UInt8(ascii: "."): afterPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-") where inExponent: exponentIsNegative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let value = byte - UInt8(ascii: "0")
                if inExponent {
                    exponent = exponent * 10 + Int(value)
                } else if count == 0 && value == 0 {
                    // A leading zero: before the point it stands for nothing, after it it moves the point.
                    if afterPoint { point -= 1 }
                } else if count < digits.count {
                    digits[count] = value
                    count += 1
                    if !afterPoint { point += 1 }
                }
            default: break
            }
        }
        point += exponentIsNegative ? -exponent : exponent
        trimTrailingZeros()
    }

    /// Reads a whole number.
    mutating func read(_ value: UInt) {
        var rest = value
        while rest > 0 {
            digits[count] = UInt8(rest % 10)
            count += 1
            rest /= 10
        }
        digits[0..<count].reverse()
        point = count
    }

    /// Rounds half away from zero to `fractionDigits` decimals (the digits are a magnitude, so
    /// rounding a half up is away from zero).
    mutating func round(fractionDigits: Int) {
        let kept = point + fractionDigits
        guard kept < count else { return }
        guard kept >= 0 else {
            count = 0
            return
        }
        let roundsUp = digits[kept] >= 5
        count = kept
        if roundsUp {
            var index = kept - 1
            while index >= 0 && digits[index] == 9 {
                digits[index] = 0
                index -= 1
            }
            if index >= 0 {
                digits[index] += 1
            } else {
                // 0.96 → 1, 999.5 → 1000: a 1 one place further left, then only zeros.
                digits[0] = 1
                count = 1
                point += 1
            }
        }
        trimTrailingZeros()
    }

    /// Leaves out zeros at the end of the digits (the point keeps whole numbers' zeros).
    private mutating func trimTrailingZeros() {
        while count > 0 && digits[count - 1] == 0 { count -= 1 }
    }
}
