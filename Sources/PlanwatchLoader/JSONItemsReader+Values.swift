import Foundation
import PlanwatchCore

/// The value-level parsing of the bulk JSON reader: strings, identifiers, dates, keys, skipping.
extension JSONItemsReader {
    func date(_ text: String, _ what: String, at location: SourceLocation) -> LocalDate? {
        if let date = LocalDate(iso: text) { return date }
        let problem = ItemSchema.dateProblem(text, what)
        diagnostics.error(location, problem.message, hint: problem.hint)
        return nil
    }

    /// A date written plainly (`"2027-03-01"`), read from the bytes without making a `String`; `nil`
    /// (cursor unmoved) for anything else, which the general path then reads and reports.
    func plainDate(_ c: inout Cursor) -> LocalDate? {
        let start = c.offset
        guard let bytes = plainString(&c), let date = LocalDate(isoUTF8: bytes) else {
            c.offset = start
            return nil
        }
        return date
    }

    /// A JSON string (numbers count as their text, like YAML scalars); reports other values.
    func string(_ c: inout Cursor, _ what: String) throws -> String? {
        let position = c.position
        if let text = try scalarText(&c) { return text }
        diagnostics.error(c.location(file, position), "\(what) must be a text, not \(describeValue(&c))")
        try skipValue(&c)
        return nil
    }

    func identifier(_ c: inout Cursor, _ what: String) throws -> String? {
        let position = c.position
        // The common case, a plain short string of ASCII id characters, is checked on the bytes.
        if let bytes = plainString(&c) {
            if !bytes.isEmpty, bytes.count <= Identifier.maximumBytes, bytes.allSatisfy(Identifier.isIdentifierASCII) {
                return String(decoding: bytes, as: UTF8.self)
            }
            c.offset = position.offset
        }
        guard let text = try string(&c, what) else { return nil }
        if let problem = ItemSchema.identifierProblem(text, what) {
            diagnostics.error(c.location(file, position), problem.message, hint: problem.hint)
            return nil
        }
        return text
    }

    /// The bytes of a string without escapes, cursor after it; `nil` (cursor unmoved) otherwise.
    func plainString(_ c: inout Cursor) -> UnsafeBufferPointer<UInt8>? {
        guard let plain = Self.plainString(at: c.offset, in: c.bytes) else { return nil }
        c.offset = plain.end
        return plain.bytes
    }

    /// The bytes of a string without escapes starting at `offset`, and the offset after it.
    static func plainString(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (bytes: UnsafeBufferPointer<UInt8>, end: Int)? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
        var end = offset + 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { return (UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<end]), end + 1) }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            end += 1
        }
        return nil
    }

    /// A string, number, true or false as text; `nil` (cursor unmoved) for objects, arrays and null.
    func scalarText(_ c: inout Cursor) throws -> String? {
        switch c.current {
        case UInt8(ascii: "\""): return try parseString(&c)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"):
            let start = c.offset
            scan: while c.offset < c.bytes.count {
                switch c.bytes[c.offset] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: break scan
                default: c.offset += 1
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: c.bytes[start..<c.offset]), as: UTF8.self)
        default: return nil
        }
    }

    func describeValue(_ c: inout Cursor) -> String {
        switch c.current {
        case UInt8(ascii: "{"): "a mapping"
        case UInt8(ascii: "["): "a list"
        case UInt8(ascii: "n"): "null"
        default: "a value"
        }
    }

    /// Skips a value (a wrong one, after its diagnostic). A value nested deeper than
    /// ``InputLimits/maximumDepth`` is not of the fast shape: the general reader then reports it.
    func skipValue(_ c: inout Cursor, depth: Int = 4) throws {
        guard depth <= InputLimits.maximumDepth else { throw NotTheFastShape() }
        switch c.current {
        case UInt8(ascii: "{"): try members(&c) { _, _, c in try skipValue(&c, depth: depth + 1) }
        case UInt8(ascii: "["): try elements(&c) { c in try skipValue(&c, depth: depth + 1) }
        case UInt8(ascii: "n"):
            guard c.offset + 4 <= c.bytes.count else { throw NotTheFastShape() }
            c.offset += 4
        default:
            guard try scalarText(&c) != nil else { throw NotTheFastShape() }
        }
    }

    /// A key without escapes, as bytes; a key with escapes is not of the fast shape.
    func parseKey(_ c: inout Cursor) throws -> Key {
        c.offset += 1
        let start = c.offset
        while c.offset < c.bytes.count {
            let byte = c.bytes[c.offset]
            if byte == UInt8(ascii: "\"") {
                let key = Key(bytes: UnsafeBufferPointer(rebasing: c.bytes[start..<c.offset]))
                c.offset += 1
                return key
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { throw NotTheFastShape() }
            c.offset += 1
        }
        throw NotTheFastShape()
    }

    /// A JSON string with its escapes (including `\u` surrogate pairs).
    func parseString(_ c: inout Cursor) throws -> String {
        guard c.current == UInt8(ascii: "\"") else { throw NotTheFastShape() }
        c.offset += 1
        let start = c.offset
        // Fast path: no escapes.
        while c.offset < c.bytes.count {
            let byte = c.bytes[c.offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: c.bytes[start..<c.offset]), as: UTF8.self)
                c.offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw NotTheFastShape() }
            c.offset += 1
        }
        var scalars = Array(c.bytes[start..<c.offset])
        while c.offset < c.bytes.count {
            let byte = c.bytes[c.offset]
            c.offset += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                let escape = c.current
                c.offset += 1
                switch escape {
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "u"):
                    var value = try hex4(&c)
                    if (0xD800...0xDBFF).contains(value) {
                        // Only a high surrogate followed by a low one is a character (`\ud83d\ud83d`
                        // trapped here, found by fuzzing); anything else is left to the general
                        // reader, which reports it.
                        guard c.current == UInt8(ascii: "\\"), c.offset + 1 < c.bytes.count,
                              c.bytes[c.offset + 1] == UInt8(ascii: "u") else { throw NotTheFastShape() }
                        c.offset += 2
                        let low = try hex4(&c)
                        guard (0xDC00...0xDFFF).contains(low) else { throw NotTheFastShape() }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(value) else { throw NotTheFastShape() }
                    scalars += Array(String(Character(scalar)).utf8)
                default: scalars.append(escape)
                }
            default:
                if byte < 0x20 { throw NotTheFastShape() }
                scalars.append(byte)
            }
        }
        throw NotTheFastShape()
    }

    func hex4(_ c: inout Cursor) throws -> UInt32 {
        guard c.offset + 4 <= c.bytes.count else { throw NotTheFastShape() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = c.current
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw NotTheFastShape()
            }
            value = value * 16 + digit
            c.offset += 1
        }
        return value
    }
}
