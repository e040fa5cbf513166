import Foundation
import PlanwatchCore

/// Where a value of a bulk item is, found again when a diagnostic needs it: the bulk reader keeps
/// only each item's own place (a million items' every value position would cost more than it is
/// worth), and the checks that need a value's place — an unknown unit or owner, a label value
/// outside its vocabulary — read the item again.
extension JSONItemsReader {
    /// The location of the value of `key` in the item that begins at `item` in `bytes`; `nil` when
    /// the item has no such member. A key `labels.NAME` is the member `NAME` of the item's `labels`
    /// (the last, when a name is given twice: its value is the one that counts).
    static func location(ofMember key: String, inItemAt item: SourceLocation, bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation? {
        // The item's line and character column back to a byte offset.
        var line = 1, offset = 0
        while line < item.line, offset < bytes.count {
            if bytes[offset] == 0x0A { line += 1 }
            offset += 1
        }
        let lineStart = offset
        var column = 1
        while column < item.column, offset < bytes.count {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            column += 1
        }
        let reader = JSONItemsReader(file: item.file, diagnostics: DiagnosticCollector(), sites: ReferenceSites())
        var cursor = Cursor(bytes: bytes, offset: offset, line: item.line, lineStart: lineStart)
        let (member, nested): (String, String?) = key.hasPrefix("labels.") ? ("labels", String(key.dropFirst("labels.".count))) : (key, nil)
        var found: SourceLocation?
        try? reader.members(&cursor) { name, _, c in
            guard found == nil, name.text == member else { return try reader.skipValue(&c) }
            guard let nested else {
                found = c.location(item.file, c.position)
                return try reader.skipValue(&c)
            }
            guard c.current == UInt8(ascii: "{") else { return try reader.skipValue(&c) }
            var last: SourceLocation?
            try reader.members(&c) { name, _, c in
                if name.text == nested { last = c.location(item.file, c.position) }
                try reader.skipValue(&c)
            }
            found = last
        }
        return found
    }
}
