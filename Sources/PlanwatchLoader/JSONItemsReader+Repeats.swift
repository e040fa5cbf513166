import Foundation

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

        /// The previous item's labels object as written, when it was its only labels, on one line
        /// and read without a problem, and the labels it gave: an item whose labels are written the
        /// same takes them without reading them.
        private var previousLabelsWritten: (bytes: UnsafeBufferPointer<UInt8>, labels: [String: String])?
        /// This item's labels object as written, if it can be the next item's ``previousLabelsWritten``.
        private var labelsWritten: UnsafeBufferPointer<UInt8>?
        /// This item's labels were taken from the previous item's.
        private var labelsRepeated = false

        /// Whether the labels object at the cursor is written exactly as the previous item's (then
        /// the cursor is moved past it, and ``finishLabels()`` gives the previous item's labels).
        /// An object's bytes end with its closing brace, so the same bytes are the same object.
        mutating func repeatsLabels(_ c: inout Cursor) -> Bool {
            guard pairs.isEmpty, !labelsRepeated, let previous = previousLabelsWritten?.bytes,
                  c.bytes.count - c.offset >= previous.count,
                  memcmp(c.bytes.baseAddress! + c.offset, previous.baseAddress!, previous.count) == 0 else { return false }
            c.offset += previous.count
            labelsRepeated = true
            return true
        }

        /// Before a labels object is read: an item with a second one after a repeated first
        /// starts from the first's labels (the last value of a name counts).
        mutating func beginLabels() {
            guard labelsRepeated, let previous = previousLabelsWritten else { return }
            pairs = previous.labels.map { ($0.key, $0.value) }
            labelsRepeated = false
        }

        /// Notes the labels object read from `start` to the cursor, for the next item's ``repeatsLabels(_:)``.
        mutating func noteLabels(from start: Int, _ c: Cursor, pairsBefore: Int, readWithoutProblems: Bool) {
            let written = UnsafeBufferPointer(rebasing: c.bytes[start..<c.offset])
            labelsWritten = readWithoutProblems && pairsBefore == 0 && !written.contains(0x0A) ? written : nil
        }

        /// The labels read into `pairs` (a name given twice: the last value counts).
        mutating func finishLabels() -> [String: String] {
            defer {
                pairs.removeAll(keepingCapacity: true)
                labelsWritten = nil
            }
            if labelsRepeated {
                labelsRepeated = false
                return previousLabelsWritten!.labels
            }
            let labels = labels()
            previousLabelsWritten = labelsWritten.map { ($0, labels) }
            return labels
        }

        /// The labels of `pairs`: the previous item's dictionary when the same.
        private mutating func labels() -> [String: String] {
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
