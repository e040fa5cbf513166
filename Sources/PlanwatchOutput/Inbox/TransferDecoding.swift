/// Content-Transfer-Encoding decoding (RFC 2045 § 6) that accepts what real mail contains: base64
/// with bad padding, stray characters or URL-safe letters; quoted-printable with lowercase hex,
/// trailing spaces and `=` not followed by hex digits (kept as it is).
enum TransferDecoding {
    /// The decoded bytes of a body given as lines of `bytes`; unknown encodings (and 7bit, 8bit,
    /// binary) are the lines joined with LF.
    static func decode(_ bytes: [UInt8], _ lines: ArraySlice<Range<Int>>, encoding: String) -> [UInt8] {
        switch encoding {
        case "base64":
            return base64(lines.lazy.flatMap { bytes[$0] })
        case "quoted-printable":
            var result: [UInt8] = []
            result.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
            for (number, line) in lines.enumerated() {
                var end = line.upperBound
                while end > line.lowerBound, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                var soft = false
                if end > line.lowerBound, bytes[end - 1] == UInt8(ascii: "=") {
                    soft = true
                    end -= 1
                }
                quotedPrintable(bytes[line.lowerBound..<end], into: &result, underscoreIsSpace: false)
                if !soft, number < lines.count - 1 { result.append(MessageLines.lineFeed) }
            }
            return result
        default:
            return MessageLines.joined(bytes, lines)
        }
    }

    /// Whether an encoding leaves the bytes as they are.
    static func isIdentity(_ encoding: String) -> Bool {
        encoding != "base64" && encoding != "quoted-printable"
    }

    /// Base64, skipping every character outside the alphabet; `=` ends a group early, so padding
    /// in the middle (concatenated pieces) and missing padding both decode.
    static func base64(_ text: some Sequence<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        var group: UInt32 = 0
        var count = 0
        func flush() {
            switch count {
            case 2: result.append(UInt8(truncatingIfNeeded: group >> 4))
            case 3:
                result.append(UInt8(truncatingIfNeeded: group >> 10))
                result.append(UInt8(truncatingIfNeeded: group >> 2))
            default: break
            }
            group = 0
            count = 0
        }
        for byte in text {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "="):
                flush()
                continue
            default: continue
            }
            group = group << 6 | UInt32(value)
            count += 1
            if count == 4 {
                result.append(UInt8(truncatingIfNeeded: group >> 16))
                result.append(UInt8(truncatingIfNeeded: group >> 8))
                result.append(UInt8(truncatingIfNeeded: group))
                group = 0
                count = 0
            }
        }
        flush()
        return result
    }

    /// `=XX` escapes decoded into `result`; with `underscoreIsSpace`, the RFC 2047 "Q" form.
    static func quotedPrintable(_ text: some Collection<UInt8>, into result: inout [UInt8], underscoreIsSpace: Bool) {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "=") {
                let first = text.index(after: index)
                if first < text.endIndex {
                    let second = text.index(after: first)
                    if second < text.endIndex, let high = hexValue(text[first]), let low = hexValue(text[second]) {
                        result.append(high << 4 | low)
                        index = text.index(after: second)
                        continue
                    }
                }
                result.append(byte)
            } else if underscoreIsSpace, byte == UInt8(ascii: "_") {
                result.append(0x20)
            } else {
                result.append(byte)
            }
            index = text.index(after: index)
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
