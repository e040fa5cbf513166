/// What repeats from item to item in a bulk file — the kind, the labels — kept from the previous
/// item and reused when the next has the same: no new text or dictionary is made for it, and
/// equal labels share one dictionary (less memory at scale).
extension JSONItemsReader {
    struct Repeats {
        /// The labels being read for the current item, in file order.
        var pairs: [(name: String, value: String)] = []
        private var previousPairs: [(name: String, value: String)] = []
        private var previousLabels: [String: String] = [:]
        /// The previous item's kind as written (plain, without escapes) and as read.
        private var previousKind: (bytes: UnsafeBufferPointer<UInt8>, text: String)?

        /// The labels read into `pairs` (a name given twice: the last value counts).
        mutating func finishLabels() -> [String: String] {
            defer { pairs.removeAll(keepingCapacity: true) }
            if pairs.count == previousPairs.count,
               pairs.indices.allSatisfy({ pairs[$0].name == previousPairs[$0].name && pairs[$0].value == previousPairs[$0].value }) {
                return previousLabels
            }
            swap(&pairs, &previousPairs)
            previousLabels = Dictionary(previousPairs, uniquingKeysWith: { _, last in last })
            return previousLabels
        }

        /// The kind at the cursor: the previous item's when written the same, else what `read` reads.
        mutating func kind(_ c: inout Cursor, read: (inout Cursor) throws -> String?) rethrows -> String? {
            if let previousKind, let plain = JSONItemsReader.plainString(at: c.offset, in: c.bytes),
               plain.bytes.elementsEqual(previousKind.bytes) {
                c.offset = plain.end
                return previousKind.text
            }
            let start = c.offset
            let text = try read(&c)
            if let text, let plain = JSONItemsReader.plainString(at: start, in: c.bytes) { previousKind = (plain.bytes, text) }
            return text
        }
    }
}
