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
    /// Where the items' completions name their rules (checked once everything is read).
    let sites: ReferenceSites


    /// The items, or `nil` when the file is not a plain `{"items": [...]}` document (or not valid JSON,
    /// or not UTF-8: the general reader then says where). A large file is read in two halves at once
    /// (see `readInHalves`).
    func read(_ data: Data) -> [PlanItem]? {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard UTF8Validation.isValid(bytes) else { return nil }
            if bytes.count >= Self.halvingSize, let result = readInHalves(bytes) { return result.items }
            var cursor = Cursor(bytes: bytes)
            return try? parseDocument(&cursor)
        }
    }

    struct NotTheFastShape: Error {}

    /// A position in the bytes, with the line bookkeeping for locations (columns count characters,
    /// as the YAML reader's do).
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0
        var line = 1
        var lineStart = 0
        /// How far along the current line characters have been counted, and the column there: a
        /// file of one long line (a minified export) is counted once, not from its start for each item.
        private var countedOffset = 0
        private var countedColumn = 1

        init(bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0, line: Int = 1, lineStart: Int = 0) {
            self.bytes = bytes
            self.offset = offset
            self.line = line
            self.lineStart = lineStart
        }

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

        /// Where the cursor is.
        mutating func location(_ file: String) -> SourceLocation {
            if countedOffset < lineStart || countedOffset > offset {
                countedOffset = lineStart
                countedColumn = 1
            }
            countedColumn += Self.characters(in: bytes, from: countedOffset, to: offset)
            countedOffset = offset
            return SourceLocation(file: file, line: line, column: countedColumn)
        }

        /// Where the cursor is, cheaply; turned into a `SourceLocation` only when needed.
        var position: Position { Position(line: line, lineStart: lineStart, offset: offset) }

        /// The location of an earlier position (for a diagnostic).
        func location(_ file: String, _ position: Position) -> SourceLocation {
            SourceLocation(file: file, line: position.line,
                           column: 1 + Self.characters(in: bytes, from: position.lineStart, to: position.offset))
        }

        /// The characters between two offsets: the bytes that do not continue a UTF-8 sequence.
        static func characters(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
            var count = 0
            var index = start
            while index < end {
                if bytes[index] & 0xC0 != 0x80 { count += 1 }
                index += 1
            }
            return count
        }
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
        var lineStart: Int
        var offset: Int
    }

    func parseDocument(_ c: inout Cursor) throws -> [PlanItem] {
        try parseHead(&c)
        var items: [PlanItem] = []
        items.reserveCapacity(max(16, c.bytes.count / 200))
        _ = try parseItems(&c, into: &items)
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

    /// Items separated by commas up to and including the closing bracket (none: just the bracket).
    /// With `stop`, returns `true` as soon as an item begins exactly at that offset, before reading it.
    func parseItems(_ c: inout Cursor, into items: inout some ItemSink, stoppingAt stop: Int = -1) throws -> Bool {
        c.skipWhitespace()
        if c.current == UInt8(ascii: "]") {
            c.offset += 1
            return false
        }
        var repeats = Repeats()
        while true {
            c.skipWhitespace()
            if c.offset == stop { return true }
            try parseItem(&c, repeats: &repeats, into: &items)
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
    ///
    /// A key given twice in an object, or an object of more than ``keysCompared`` keys, is not the
    /// fast shape: the general reader then reads the file, and reports the duplicate as it does for
    /// YAML (the whole file refused), so that both readers say the same.
    func members(_ c: inout Cursor, _ body: (Key, Position, inout Cursor) throws -> Void) throws {
        guard c.current == UInt8(ascii: "{") else { throw NotTheFastShape() }
        c.offset += 1
        c.skipWhitespace()
        if c.current == UInt8(ascii: "}") { c.offset += 1; return }
        try withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: Self.keysCompared) { seen in
            var count = 0
            while true {
                c.skipWhitespace()
                let keyPosition = c.position
                guard c.current == UInt8(ascii: "\"") else { throw NotTheFastShape() }
                let key = try parseKey(&c)
                guard count < Self.keysCompared, !seen[..<count].contains(where: { Self.same($0, key.bytes) }) else { throw NotTheFastShape() }
                seen.initializeElement(at: count, to: key.bytes)
                count += 1
                try colon(&c)
                try body(key, keyPosition, &c)
                c.skipWhitespace()
                if c.current == UInt8(ascii: ",") { c.offset += 1; continue }
                guard c.current == UInt8(ascii: "}") else { throw NotTheFastShape() }
                c.offset += 1
                return
            }
        }
    }

    /// The most keys an object may have on the fast path (each is compared with those before it).
    static let keysCompared = 16

    /// Whether two keys are the same bytes (most differ in length or first byte).
    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.isEmpty || (a[0] == b[0] && memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0))
    }

    /// The keys of an item, told apart by length and first byte before comparing.
    enum ItemKey {
        case id, kind, title, labels, unit, owner, due, completed, description, other

        init(_ key: Key) {
            switch (key.bytes.count, key.bytes.first) {
            case (2, UInt8(ascii: "i")?) where key.is("id"): self = .id
            case (3, UInt8(ascii: "d")?) where key.is("due"): self = .due
            case (4, UInt8(ascii: "k")?) where key.is("kind"): self = .kind
            case (4, UInt8(ascii: "u")?) where key.is("unit"): self = .unit
            case (5, UInt8(ascii: "t")?) where key.is("title"): self = .title
            case (5, UInt8(ascii: "o")?) where key.is("owner"): self = .owner
            case (6, UInt8(ascii: "l")?) where key.is("labels"): self = .labels
            case (9, UInt8(ascii: "c")?) where key.is("completed"): self = .completed
            case (11, UInt8(ascii: "d")?) where key.is("description"): self = .description
            default: self = .other
            }
        }
    }

    /// Reads an item and appends it to `items` (built in place: no copy of the item), or reports why not.
    func parseItem(_ c: inout Cursor, repeats: inout Repeats, into items: inout some ItemSink) throws {
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
            switch ItemKey(key) {
            case .id:
                present.id = true
                id = try identifier(&c, "item id")
            case .kind:
                present.kind = true
                kind = try repeats.kind(&c) { c in try identifier(&c, "item kind") }
            case .title:
                present.title = true
                title = try string(&c, "title")
            case .unit:
                unit = try identifier(&c, "unit")  // checked item by item: CrossReferenceChecker.checkBulkItems
            case .owner:
                owner = try identifier(&c, "owner")
            case .due:
                if let date = plainDate(&c) {
                    due = date
                } else if let text = try string(&c, "due") {
                    due = date(text, "due", at: c.location(file, valuePosition))
                }
            case .labels:
                guard c.current == UInt8(ascii: "{") else {
                    diagnostics.error(c.location(file, valuePosition), "labels must be a mapping, not \(describeValue(&c))")
                    try skipValue(&c)
                    break
                }
                if repeats.repeatsLabels(&c) { break }
                repeats.beginLabels()
                let start = c.offset, pairsBefore = repeats.pairs.count
                var readWithoutProblems = true
                try members(&c) { name, _, c in
                    let labelPosition = c.position  // reported at the value that is not a text, as the general reader does
                    if let value = try scalarText(&c) { repeats.pairs.append((name.text, value)) } else {
                        diagnostics.error(c.location(file, labelPosition), "labels must map names to texts")
                        readWithoutProblems = false
                        try skipValue(&c)
                    }
                }
                repeats.noteLabels(from: start, c, pairsBefore: pairsBefore, readWithoutProblems: readWithoutProblems)
            case .completed:
                guard c.current == UInt8(ascii: "[") else {
                    diagnostics.error(c.location(file, valuePosition), "completed must be a list, not \(describeValue(&c))")
                    try skipValue(&c)
                    break
                }
                try elements(&c) { c in if let completion = try parseCompletion(&c) { completed.append(completion) } }
            case .description:
                _ = try string(&c, "description")
            case .other:
                let problem = ItemSchema.unknownKey(key.text, in: "an item", allowed: ItemSchema.itemKeys)
                diagnostics.error(c.location(file, keyPosition), problem.message, hint: problem.hint)
                try skipValue(&c)
            }
        }
        if !(present.id && present.kind && present.title) {
            for (name, isPresent) in [("id", present.id), ("kind", present.kind), ("title", present.title)] where !isPresent {
                diagnostics.error(location, "an item is missing '\(name)'")
            }
        }
        let labels = repeats.finishLabels()
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
        var occurrence: LocalDate?, on: LocalDate?, rule: String?, by: String?, note: String?
        var ok = true
        try members(&c) { key, keyPosition, c in
            let valuePosition = c.position
            if key.is("occurrence") || key.is("on") {
                let isOn = key.is("on")
                guard let text = try string(&c, isOn ? "completion date" : "occurrence") else { ok = false; return }
                let value = date(text, isOn ? "completion date" : "occurrence", at: c.location(file, valuePosition))
                if value == nil { ok = false }
                if isOn { on = value } else { occurrence = value }
            } else if key.is("rule") {
                rule = try identifier(&c, "rule")
                if let rule { sites.add(.rule, rule, at: c.location(file, valuePosition), in: "a completion") }
            } else if key.is("by") {
                by = try string(&c, "by")
            } else if key.is("note") {
                note = try string(&c, "note")
            } else {
                let problem = ItemSchema.unknownKey(key.text, in: "a completion", allowed: ItemSchema.completionKeys)
                diagnostics.error(c.location(file, keyPosition), problem.message, hint: problem.hint)
                try skipValue(&c)
            }
        }
        guard let on else {
            if ok { diagnostics.error(location, "a completion is missing 'on'") }
            return nil
        }
        guard ok else { return nil }
        return Completion(occurrence: occurrence, on: on, rule: rule, by: by, note: note, location: location)
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
