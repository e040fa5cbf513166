import PlanwatchCore

/// Reading a large bulk file on two cores at once.
///
/// JSON cannot be cut blindly: where an item begins is known only by reading from the start. So
/// the second half is read speculatively from a likely item start (a line whose first character
/// is `{`, past the middle), while the first half is read from the start. The first half stops
/// when it arrives exactly at that offset between two items; then the second half's reading is
/// the one a single reader would have done from there, and the halves are joined (the second
/// half's line numbers moved by the lines before it). If the guess was inside an item, the first
/// half never stops there and simply reads to the end: the result is always that of one reader.
extension JSONItemsReader {
    /// Files from this size on are read in halves (smaller ones gain less than starting a thread costs).
    static let halvingSize = 1 << 20

    /// The items of both halves, or `nil` when there is no place to guess or the file is not of
    /// the fast shape (then the caller reads it as usual).
    func readInHalves(_ bytes: UnsafeBufferPointer<UInt8>) -> (items: [PlanItem], halved: Bool)? {
        guard let (lineStart, split) = Self.likelyItemStart(in: bytes, after: bytes.count / 2) else { return nil }
        // The second half has its own diagnostics, and its own copy of the file name: items of the
        // two halves then share no reference count across cores.
        let second = JSONItemsReader(file: String(decoding: Array(file.utf8), as: UTF8.self), diagnostics: DiagnosticCollector(),
                                     sites: ReferenceSites())
        let (first, rest) = concurrently({ () -> (items: [PlanItem], stoppedOnLine: Int?)? in
            var c = Cursor(bytes: bytes)
            // Room for the whole file's items: the second half's are moved in after these.
            var items: [PlanItem] = []
            items.reserveCapacity(bytes.count / 140)
            do {
                try parseHead(&c)
                if try parseItems(&c, into: &items, stoppingAt: split) {
                    return (items, c.line)
                }
                try parseTail(&c)
                return (items, nil)
            } catch {
                return nil
            }
        }, { () -> ItemStorage? in
            var c = Cursor(bytes: bytes, offset: split, line: 1, lineStart: lineStart)
            var items = ItemStorage(capacity: bytes.count / 280)
            do {
                _ = try second.parseItems(&c, into: &items)
                try second.parseTail(&c)
                return items
            } catch {
                return nil
            }
        })
        guard case (var items, let stoppedOnLine)? = first else { return nil }
        guard let stoppedOnLine else { return (items, false) }
        guard let rest else { return nil }
        let lines = stoppedOnLine - 1
        rest.updateEach { item in
            item.location.line += lines
            for completion in item.completed.indices { item.completed[completion].location.line += lines }
        }
        diagnostics.merge(second.diagnostics, movingLinesBy: lines)
        sites.merge(second.sites, movingLinesBy: lines)
        rest.move(appendingTo: &items)
        return (items, true)
    }

    /// The first line from `middle` on whose first non-blank character is `{`: the start of that
    /// line and the offset of the brace.
    static func likelyItemStart(in bytes: UnsafeBufferPointer<UInt8>, after middle: Int) -> (lineStart: Int, brace: Int)? {
        var offset = middle
        while offset < bytes.count {
            guard bytes[offset] == UInt8(ascii: "\n") else { offset += 1; continue }
            let lineStart = offset + 1
            var brace = lineStart
            while brace < bytes.count, bytes[brace] == UInt8(ascii: " ") || bytes[brace] == UInt8(ascii: "\t") { brace += 1 }
            if brace < bytes.count, bytes[brace] == UInt8(ascii: "{") { return (lineStart, brace) }
            offset = lineStart
        }
        return nil
    }
}
