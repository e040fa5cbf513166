import Foundation
import PlanwatchCore

/// A fast reader for bulk item files in JSON (`{"items": [ … ]}`), the format to use at scale: it
/// reads bytes directly into `PlanItem`s, keeping each item's line and column for diagnostics, and
/// reports the same problems as the YAML reader (unknown keys with "did you mean", wrong types,
/// impossible dates). Anything else (other top-level keys) returns `nil`, and the general reader
/// takes the file.
struct JSONItemsReader {
    let file: String
    let diagnostics: DiagnosticCollector

    static let itemKeys = ["id", "kind", "title", "labels", "unit", "owner", "due", "completed", "description"]
    static let completionKeys = ["occurrence", "on", "rule", "note"]

    /// The items, or `nil` when the file is not a plain `{"items": [...]}` document (or not valid JSON).
    func read(_ data: Data) -> [PlanItem]? {
        data.withUnsafeBytes { raw in
            var cursor = Cursor(bytes: raw.bindMemory(to: UInt8.self))
            return try? parseDocument(&cursor)
        }
    }

    struct NotTheFastShape: Error {}

    /// A position in the bytes, with the line bookkeeping for locations.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0
        var line = 1
        var lineStart = 0

        var current: UInt8 { offset < bytes.count ? bytes[offset] : 0 }

        mutating func skipWhitespace() {
            while offset < bytes.count {
                switch bytes[offset] {
                case 0x20, 0x09, 0x0D: offset += 1
                case 0x0A: offset += 1; line += 1; lineStart = offset
                default: return
                }
            }
        }

        func location(_ file: String) -> SourceLocation {
            SourceLocation(file: file, line: line, column: offset - lineStart + 1)
        }

        /// Where the cursor is, cheaply; turned into a `SourceLocation` only when needed.
        var position: Position { Position(line: line, column: offset - lineStart + 1) }
    }

    /// A member's key as bytes of the file: compared without making a `String`.
    struct Key {
        let bytes: UnsafeBufferPointer<UInt8>

        func `is`(_ literal: StaticString) -> Bool {
            guard bytes.count == literal.utf8CodeUnitCount else { return false }
            let pointer = literal.utf8Start
            for index in 0..<bytes.count where bytes[index] != pointer[index] { return false }
            return true
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    struct Position {
        var line: Int
        var column: Int
        func location(_ file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
    }

    private func parseDocument(_ c: inout Cursor) throws -> [PlanItem] {
        c.skipWhitespace()
        guard c.current == UInt8(ascii: "{") else { throw NotTheFastShape() }
        c.offset += 1
        c.skipWhitespace()
        guard c.current == UInt8(ascii: "\"") else { throw NotTheFastShape() }
        guard try parseKey(&c).is("items") else { throw NotTheFastShape() }
        try colon(&c)
        guard c.current == UInt8(ascii: "[") else { throw NotTheFastShape() }
        c.offset += 1
        var items: [PlanItem] = []
        items.reserveCapacity(max(16, c.bytes.count / 200))
        c.skipWhitespace()
        if c.current == UInt8(ascii: "]") {
            c.offset += 1
        } else {
            while true {
                c.skipWhitespace()
                if let item = try parseItem(&c) { items.append(item) }
                c.skipWhitespace()
                if c.current == UInt8(ascii: ",") { c.offset += 1; continue }
                guard c.current == UInt8(ascii: "]") else { throw NotTheFastShape() }
                c.offset += 1
                break
            }
        }
        c.skipWhitespace()
        guard c.current == UInt8(ascii: "}") else { throw NotTheFastShape() }
        c.offset += 1
        c.skipWhitespace()
        guard c.offset == c.bytes.count else { throw NotTheFastShape() }
        return items
    }

    private func colon(_ c: inout Cursor) throws {
        c.skipWhitespace()
        guard c.current == UInt8(ascii: ":") else { throw NotTheFastShape() }
        c.offset += 1
        c.skipWhitespace()
    }

    /// Iterates the members of an object, calling `body` with each key and its location; the value
    /// follows the cursor.
    private func members(_ c: inout Cursor, _ body: (Key, Position, inout Cursor) throws -> Void) throws {
        guard c.current == UInt8(ascii: "{") else { throw NotTheFastShape() }
        c.offset += 1
        c.skipWhitespace()
        if c.current == UInt8(ascii: "}") { c.offset += 1; return }
        while true {
            c.skipWhitespace()
            let keyPosition = c.position
            guard c.current == UInt8(ascii: "\"") else { throw NotTheFastShape() }
            let key = try parseKey(&c)
            try colon(&c)
            try body(key, keyPosition, &c)
            c.skipWhitespace()
            if c.current == UInt8(ascii: ",") { c.offset += 1; continue }
            guard c.current == UInt8(ascii: "}") else { throw NotTheFastShape() }
            c.offset += 1
            return
        }
    }

    private func parseItem(_ c: inout Cursor) throws -> PlanItem? {
        let location = c.location(file)
        guard c.current == UInt8(ascii: "{") else {
            diagnostics.error(location, "an item must be a mapping (key: value), not \(describeValue(&c))")
            return nil
        }
        var id: String?, kind: String?, title: String?, unit: String?, owner: String?, due: LocalDate?
        var labels: [String: String] = [:]
        var completed: [Completion] = []
        var unitPosition = c.position, ownerPosition = c.position
        var present = Set<String>()
        try members(&c) { key, keyPosition, c in
            let valuePosition = c.position
            if key.is("id") || key.is("kind") || key.is("title") { present.insert(key.text) }
            if key.is("id") {
                id = try identifier(&c, "item id")
            } else if key.is("kind") {
                kind = try identifier(&c, "item kind")
            } else if key.is("title") {
                title = try string(&c, "title")
            } else if key.is("unit") {
                unitPosition = valuePosition
                unit = try identifier(&c, "unit")
            } else if key.is("owner") {
                ownerPosition = valuePosition
                owner = try identifier(&c, "owner")
            } else if key.is("due") {
                if let text = try string(&c, "due") {
                    due = date(text, "due", at: valuePosition.location(file))
                }
            } else if key.is("labels") {
                guard c.current == UInt8(ascii: "{") else {
                    diagnostics.error(valuePosition.location(file), "labels must be a mapping, not \(describeValue(&c))")
                    try skipValue(&c)
                    return
                }
                try members(&c) { name, _, c in
                    if let value = try scalarText(&c) { labels[name.text] = value } else {
                        diagnostics.error(valuePosition.location(file), "labels must map names to texts")
                        try skipValue(&c)
                    }
                }
            } else if key.is("completed") {
                guard c.current == UInt8(ascii: "[") else {
                    diagnostics.error(valuePosition.location(file), "completed must be a list, not \(describeValue(&c))")
                    try skipValue(&c)
                    return
                }
                try elements(&c) { c in if let completion = try parseCompletion(&c) { completed.append(completion) } }
            } else if key.is("description") {
                _ = try string(&c, "description")
            } else {
                let name = key.text
                diagnostics.error(keyPosition.location(file), "unknown key '\(name)' in an item",
                                  hint: closestMatch(to: name, in: Self.itemKeys).map { "did you mean '\($0)'?" }
                                    ?? "allowed keys: \(Self.itemKeys.joined(separator: ", "))")
                try skipValue(&c)
            }
        }
        for name in ["id", "kind", "title"] where !present.contains(name) {
            diagnostics.error(location, "an item is missing '\(name)'")
        }
        guard let id, let kind, let title else { return nil }
        _ = (unitPosition, ownerPosition)  // references are checked item by item (CrossReferenceChecker.checkBulkItems)
        return PlanItem(id: id, kind: kind, title: title, labels: labels, unit: unit, owner: owner, due: due,
                        completed: completed, location: location)
    }

    private func parseCompletion(_ c: inout Cursor) throws -> Completion? {
        let location = c.location(file)
        guard c.current == UInt8(ascii: "{") else {
            diagnostics.error(location, "a completion must be a mapping (key: value), not \(describeValue(&c))")
            return nil
        }
        var occurrence: LocalDate?, on: LocalDate?, rule: String?
        var ok = true
        try members(&c) { key, keyPosition, c in
            let valuePosition = c.position
            if key.is("occurrence") || key.is("on") {
                let isOn = key.is("on")
                guard let text = try string(&c, isOn ? "completion date" : "occurrence") else { ok = false; return }
                let value = date(text, isOn ? "completion date" : "occurrence", at: valuePosition.location(file))
                if value == nil { ok = false }
                if isOn { on = value } else { occurrence = value }
            } else if key.is("rule") {
                rule = try identifier(&c, "rule")
            } else if key.is("note") {
                _ = try string(&c, "note")
            } else {
                let name = key.text
                diagnostics.error(keyPosition.location(file), "unknown key '\(name)' in a completion",
                                  hint: closestMatch(to: name, in: Self.completionKeys).map { "did you mean '\($0)'?" })
                try skipValue(&c)
            }
        }
        guard ok else { return nil }
        guard let on else {
            diagnostics.error(location, "a completion is missing 'on'")
            return nil
        }
        return Completion(occurrence: occurrence, on: on, rule: rule, location: location)
    }

    private func elements(_ c: inout Cursor, _ body: (inout Cursor) throws -> Void) throws {
        guard c.current == UInt8(ascii: "[") else { throw NotTheFastShape() }
        c.offset += 1
        c.skipWhitespace()
        if c.current == UInt8(ascii: "]") { c.offset += 1; return }
        while true {
            c.skipWhitespace()
            try body(&c)
            c.skipWhitespace()
            if c.current == UInt8(ascii: ",") { c.offset += 1; continue }
            guard c.current == UInt8(ascii: "]") else { throw NotTheFastShape() }
            c.offset += 1
            return
        }
    }

    // MARK: Values

    private func date(_ text: String, _ what: String, at location: SourceLocation) -> LocalDate? {
        if let date = LocalDate(iso: text) { return date }
        let looksLikeDate = text.count == 10 && text.filter { $0 == "-" }.count == 2
        diagnostics.error(location, looksLikeDate ? "\(what) '\(text)' is not a date that exists" : "\(what) '\(text)' is not a date",
                          hint: looksLikeDate ? nil : "write dates as YYYY-MM-DD")
        return nil
    }

    /// A JSON string (numbers count as their text, like YAML scalars); reports other values.
    private func string(_ c: inout Cursor, _ what: String) throws -> String? {
        let location = c.location(file)
        if let text = try scalarText(&c) { return text }
        diagnostics.error(location, "\(what) must be a text, not \(describeValue(&c))")
        try skipValue(&c)
        return nil
    }

    private func identifier(_ c: inout Cursor, _ what: String) throws -> String? {
        let location = c.location(file)
        guard let text = try string(&c, what) else { return nil }
        let valid = !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        guard valid else {
            diagnostics.error(location, "\(what) '\(text)' is not a valid id", hint: "use letters, digits, '-', '_' and '.', without spaces")
            return nil
        }
        return text
    }

    /// A string, number, true or false as text; `nil` (cursor unmoved) for objects, arrays and null.
    private func scalarText(_ c: inout Cursor) throws -> String? {
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

    private func describeValue(_ c: inout Cursor) -> String {
        switch c.current {
        case UInt8(ascii: "{"): "a mapping"
        case UInt8(ascii: "["): "a list"
        case UInt8(ascii: "n"): "null"
        default: "a value"
        }
    }

    private func skipValue(_ c: inout Cursor) throws {
        switch c.current {
        case UInt8(ascii: "{"): try members(&c) { _, _, c in try skipValue(&c) }
        case UInt8(ascii: "["): try elements(&c) { c in try skipValue(&c) }
        case UInt8(ascii: "n"):
            guard c.offset + 4 <= c.bytes.count else { throw NotTheFastShape() }
            c.offset += 4
        default:
            guard try scalarText(&c) != nil else { throw NotTheFastShape() }
        }
    }

    /// A key without escapes, as bytes; a key with escapes is not of the fast shape.
    private func parseKey(_ c: inout Cursor) throws -> Key {
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
    private func parseString(_ c: inout Cursor) throws -> String {
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
                    if (0xD800...0xDBFF).contains(value), c.current == UInt8(ascii: "\\") {
                        c.offset += 2
                        let low = try hex4(&c)
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    scalars += Array(String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8)
                default: scalars.append(escape)
                }
            default:
                if byte < 0x20 { throw NotTheFastShape() }
                scalars.append(byte)
            }
        }
        throw NotTheFastShape()
    }

    private func hex4(_ c: inout Cursor) throws -> UInt32 {
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
