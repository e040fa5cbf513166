import PlanwatchCore

/// Writes JSON as it goes, straight into bytes: pretty-printed with a two-space indent, object keys
/// in the order they are written (so output is stable and reads in a sensible order). Nothing is
/// built first — a listing of a million findings is written as it goes, the elements of a long
/// array in parts at once (``elements(count:bytesEach:_:)``).
struct JSONWriter {
    /// The latest of the output (see ``chunks`` and ``output`` for all of it).
    private var bytes: [UInt8] = []
    /// The output before `bytes`, as the parts of long arrays were written (not copied into one buffer).
    private var finished: [[UInt8]] = []
    /// Per open container: whether it has a member yet.
    private var hasMembers: [Bool] = []
    /// A key was just written; its value follows on the same line.
    private var afterKey = false

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// The output so far, in order, as it was written.
    var chunks: [[UInt8]] { finished.isEmpty ? [bytes] : finished + [bytes] }
    /// The output so far, in one buffer.
    var output: [UInt8] { finished.isEmpty ? bytes : Array(chunks.joined()) }
    /// The text written so far.
    var text: String { String(decoding: output, as: UTF8.self) }

    /// Ends the output with a line break.
    mutating func newline() { bytes.append(0x0A) }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A member's key; its value is what is written next.
    mutating func key(_ name: String) {
        separate()
        quote(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    mutating func string(_ value: String) {
        separate()
        quote(value)
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// A number: whole numbers without a fraction (`17`, not `17.0`), others in their shortest form.
    mutating func number(_ value: Double) {
        separate()
        if value == value.rounded(), abs(value) < 1e15 {
            bytes += String(Int64(value)).utf8
        } else {
            bytes += String(value).utf8
        }
    }

    mutating func number(_ value: Double?) {
        if let value { number(value) } else { null() }
    }

    mutating func integer(_ value: Int) {
        separate()
        bytes += String(value).utf8
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes += (value ? "true" : "false").utf8
    }

    mutating func null() {
        separate()
        bytes += "null".utf8
    }

    /// `"key": value` for a text member.
    mutating func member(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    /// The elements `0..<count` of the array just begun: `write` writes those of a range into the
    /// writer it is given, one value per index. A long array is written in parts at once, one per
    /// core, each into a writer of its own at this depth, and the parts follow in order — the same
    /// output as writing the elements one after another (kept as the parts, see ``chunks``: at a
    /// million findings a copy into one buffer would cost some 300 MB more). `write` runs on several
    /// threads at once: it may only read what the parts share.
    /// - Parameter bytesEach: about how long an element is written (to reserve the parts' memory).
    mutating func elements(count: Int, bytesEach: Int = 0, _ write: (inout JSONWriter, Range<Int>) -> Void) {
        guard count >= Parallelism.smallestListInParts, !hasMembers.isEmpty else {
            write(&self, 0..<count)
            return
        }
        let stack = hasMembers
        let parts = inParts(count, smallest: Parallelism.smallestListInParts) { range -> [[UInt8]] in
            var part = JSONWriter(capacity: bytesEach * range.count)
            part.hasMembers = stack
            part.hasMembers[stack.count - 1] = range.lowerBound > 0 || stack[stack.count - 1]
            write(&part, range)
            return part.chunks
        }
        finished.append(bytes)
        for part in parts { finished += part }
        bytes = []
        hasMembers[hasMembers.count - 1] = true
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        hasMembers.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadMembers = hasMembers.removeLast()
        if hadMembers {
            bytes.append(0x0A)
            indent(hasMembers.count)
        }
        bytes.append(bracket)
    }

    /// Before a value: after a key nothing; in a container a comma (after the first) and a new line.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasMembers.isEmpty else { return }
        if hasMembers[hasMembers.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasMembers[hasMembers.count - 1] = true
        bytes.append(0x0A)
        indent(hasMembers.count)
    }

    private mutating func indent(_ depth: Int) {
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    /// A string in quotes: runs of bytes that need no escape are copied at once (most strings are
    /// one such run), the others escaped one by one.
    private mutating func quote(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The escape of a quote, a backslash or a control character.
    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        default:
            let digits = Array("0123456789abcdef".utf8)
            bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
        }
    }
}
