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
    /// A large file is read in two halves at once (see `readInHalves`).
    func read(_ data: Data) -> [PlanItem]? {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if bytes.count >= Self.halvingSize, let result = readInHalves(bytes) { return result.items }
            var cursor = Cursor(bytes: bytes)
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
        var position: Position { Position(line: line, column: offset - lineStart + 1, offset: offset) }
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
        var offset: Int
        func location(_ file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
    }

    func parseDocument(_ c: inout Cursor) throws -> [PlanItem] {
        try parseHead(&c)
        var items: [PlanItem] = []
        items.reserveCapacity(max(16, c.bytes.count / 200))
        c.skipWhitespace()
        if c.current == UInt8(ascii: "]") {
            c.offset += 1
        } else {
            _ = try parseItems(&c, into: &items)
        }
        try parseTail(&c)
        return items
    }

    /// `{"items": [`, leaving the cursor after the bracket.
    func parseHead(_ c: inout Cursor) throws {
        c.skipWhitespace()
        guard c.current == UInt8(ascii: "{") else { throw NotTheFastShape() }
        c.offset += 1
        c.skipWhitespace()
        guard c.current == UInt8(ascii: "\"") else { throw NotTheFastShape() }
        guard try parseKey(&c).is("items") else { throw NotTheFastShape() }
        try colon(&c)
        guard c.current == UInt8(ascii: "[") else { throw NotTheFastShape() }
        c.offset += 1
    }

    /// Items separated by commas up to and including the closing bracket. With `stop`, returns
    /// `true` as soon as an item begins exactly at that offset, before reading it.
    func parseItems(_ c: inout Cursor, into items: inout [PlanItem], stoppingAt stop: Int = -1) throws -> Bool {
        var labels = SharedLabels()
        while true {
            c.skipWhitespace()
            if c.offset == stop { return true }
            try parseItem(&c, labels: &labels, into: &items)
            c.skipWhitespace()
            if c.current == UInt8(ascii: ",") { c.offset += 1; continue }
            guard c.current == UInt8(ascii: "]") else { throw NotTheFastShape() }
            c.offset += 1
            return false
        }
    }

    /// The `}` that closes the document, and nothing but white space after it.
    func parseTail(_ c: inout Cursor) throws {
        c.skipWhitespace()
        guard c.current == UInt8(ascii: "}") else { throw NotTheFastShape() }
        c.offset += 1
        c.skipWhitespace()
        guard c.offset == c.bytes.count else { throw NotTheFastShape() }
    }

    func colon(_ c: inout Cursor) throws {
        c.skipWhitespace()
        guard c.current == UInt8(ascii: ":") else { throw NotTheFastShape() }
        c.offset += 1
        c.skipWhitespace()
    }

    /// Iterates the members of an object, calling `body` with each key and its location; the value
    /// follows the cursor.
    func members(_ c: inout Cursor, _ body: (Key, Position, inout Cursor) throws -> Void) throws {
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

    /// Items of a bulk file mostly carry the same labels: an item whose labels equal the previous
    /// item's shares its dictionary (no allocation, no hashing, and less memory at scale).
    struct SharedLabels {
        /// The labels being read, in file order.
        var pairs: [(name: String, value: String)] = []
        private var previousPairs: [(name: String, value: String)] = []
        private var previous: [String: String] = [:]

        /// The labels read into `pairs` (a name given twice: the last value counts).
        mutating func finish() -> [String: String] {
            defer { pairs.removeAll(keepingCapacity: true) }
            if pairs.count == previousPairs.count,
               pairs.indices.allSatisfy({ pairs[$0].name == previousPairs[$0].name && pairs[$0].value == previousPairs[$0].value }) {
                return previous
            }
            swap(&pairs, &previousPairs)
            previous = Dictionary(previousPairs, uniquingKeysWith: { _, last in last })
            return previous
        }
    }

    /// Reads an item and appends it to `items` (built in place: no copy of the item), or reports why not.
    func parseItem(_ c: inout Cursor, labels shared: inout SharedLabels, into items: inout [PlanItem]) throws {
        let location = c.location(file)
        guard c.current == UInt8(ascii: "{") else {
            diagnostics.error(location, "an item must be a mapping (key: value), not \(describeValue(&c))")
            return
        }
        var id: String?, kind: String?, title: String?, unit: String?, owner: String?, due: LocalDate?
        var completed: [Completion] = []
        var present: (id: Bool, kind: Bool, title: Bool) = (false, false, false)
        try members(&c) { key, keyPosition, c in
            let valuePosition = c.position
            if key.is("id") {
                present.id = true
                id = try identifier(&c, "item id")
            } else if key.is("kind") {
                present.kind = true
                kind = try identifier(&c, "item kind")
            } else if key.is("title") {
                present.title = true
                title = try string(&c, "title")
            } else if key.is("unit") {
                unit = try identifier(&c, "unit")  // checked item by item: CrossReferenceChecker.checkBulkItems
            } else if key.is("owner") {
                owner = try identifier(&c, "owner")
            } else if key.is("due") {
                if let date = plainDate(&c) {
                    due = date
                } else if let text = try string(&c, "due") {
                    due = date(text, "due", at: valuePosition.location(file))
                }
            } else if key.is("labels") {
                guard c.current == UInt8(ascii: "{") else {
                    diagnostics.error(valuePosition.location(file), "labels must be a mapping, not \(describeValue(&c))")
                    try skipValue(&c)
                    return
                }
                try members(&c) { name, _, c in
                    if let value = try scalarText(&c) { shared.pairs.append((name.text, value)) } else {
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
        if !(present.id && present.kind && present.title) {
            for (name, isPresent) in [("id", present.id), ("kind", present.kind), ("title", present.title)] where !isPresent {
                diagnostics.error(location, "an item is missing '\(name)'")
            }
        }
        let labels = shared.finish()
        guard let id, let kind, let title else { return }
        items.append(PlanItem(id: id, kind: kind, title: title, labels: labels, unit: unit, owner: owner, due: due,
                        completed: completed, location: location))
    }

    func parseCompletion(_ c: inout Cursor) throws -> Completion? {
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

    func elements(_ c: inout Cursor, _ body: (inout Cursor) throws -> Void) throws {
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
}
