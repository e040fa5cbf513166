import PlanwatchCore

/// Writes JSON as it goes, straight into bytes: pretty-printed with a two-space indent, object keys
/// in the order they are written (so output is stable and reads in a sensible order). Nothing is
/// built first — a listing of a million findings is written as it goes, the elements of a long
/// array in parts at once (``elements(count:bytesEach:_:)``).
struct JSONWriter {
    /// The latest of the output: its first `used` bytes (see ``chunks`` and ``output`` for all of it).
    /// Kept longer than what is written, zeroed a little ahead, so that a write is a copy into memory
    /// that is there already and a new count: with `Array`'s own appends the small writes a listing is made
    /// of (a comma, an indent, a key) cost more than what they copy (a million keys at 100 000 items).
    private var bytes: [UInt8]
    /// How many bytes of `bytes` are written.
    private var used = 0
    /// The output before `bytes`, as the parts of long arrays were written (not copied into one buffer).
    private var finished: [[UInt8]] = []
    /// Per open container: whether it has a member yet.
    private var hasMembers: [Bool] = []
    /// A key was just written; its value follows on the same line.
    private var afterKey = false

    init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The output so far, in order, as it was written.
    var chunks: [[UInt8]] {
        mutating get {
            trim()
            return finished.isEmpty ? [bytes] : finished + [bytes]
        }
    }
    /// The output so far, in one buffer.
    var output: [UInt8] {
        mutating get {
            trim()
            return finished.isEmpty ? bytes : Array((finished + [bytes]).joined())
        }
    }
    /// The text written so far.
    var text: String {
        mutating get { String(decoding: output, as: UTF8.self) }
    }

    /// Ends the output with a line break.
    mutating func newline() { append(0x0A) }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A member's key written in the source, which needs no escapes (the usual case: a listing writes
    /// a million of them, copied as they are); its value is what is written next.
    mutating func key(_ name: StaticString) {
        let separator = takeSeparator()
        name.withUTF8Buffer { name in
            assert(!name.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }, "a key that needs escapes")
            write(separator.count + name.count + 4) { start in
                var end = separator.write(at: start)
                start[end] = UInt8(ascii: "\"")
                (start + end + 1).update(from: name.baseAddress!, count: name.count)
                end += name.count + 1
                start[end] = UInt8(ascii: "\"")
                start[end + 1] = UInt8(ascii: ":")
                start[end + 2] = UInt8(ascii: " ")
                return end + 3
            }
        }
        afterKey = true
    }

    /// A member's key made at run time (a language code, a name from the data), escaped as needed.
    mutating func key(text name: String) {
        quote(name)
        append(UInt8(ascii: ":"), UInt8(ascii: " "))
        afterKey = true
    }

    mutating func string(_ value: String) {
        quote(value)
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// A number: whole numbers without a fraction (`17`, not `17.0`), others in their shortest form.
    mutating func number(_ value: Double) {
        separate()
        if value == value.rounded(), abs(value) < 1e15 {
            append(String(Int64(value)))
        } else {
            append(String(value))
        }
    }

    /// A date, `"YYYY-MM-DD"`, its digits written straight into the output.
    mutating func date(_ value: LocalDate) {
        let separator = takeSeparator()
        var written = true
        write(separator.count + LocalDate.digitCount + 2) { start in
            let end = separator.write(at: start)
            guard value.writeDigits(to: start + end + 1) else {
                written = false
                return end
            }
            start[end] = UInt8(ascii: "\"")
            start[end + LocalDate.digitCount + 1] = UInt8(ascii: "\"")
            return end + LocalDate.digitCount + 2
        }
        if !written {
            // The separator is written: the date follows as an escaped string.
            append(UInt8(ascii: "\""))
            escaped(value.description)
            append(UInt8(ascii: "\""))
        }
    }

    mutating func date(_ value: LocalDate?) {
        if let value { date(value) } else { null() }
    }

    /// `"key": "YYYY-MM-DD"` (or `null`).
    mutating func member(_ name: StaticString, date value: LocalDate?) {
        key(name)
        date(value)
    }

    mutating func number(_ value: Double?) {
        if let value { number(value) } else { null() }
    }

    mutating func integer(_ value: Int) {
        separate()
        append(String(value))
    }

    mutating func bool(_ value: Bool) {
        literal(value ? "true" : "false")
    }

    mutating func null() {
        literal("null")
    }

    /// A value written as it is in the source (`null`, `true`), after its separator.
    private mutating func literal(_ text: StaticString) {
        let separator = takeSeparator()
        text.withUTF8Buffer { text in
            write(separator.count + text.count) { start in
                let end = separator.write(at: start)
                (start + end).update(from: text.baseAddress!, count: text.count)
                return end + text.count
            }
        }
    }

    /// `"key": value` for a text member.
    mutating func member(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    /// `"key": value` for a text member whose key is made at run time.
    mutating func member(text name: String, _ value: String?) {
        key(text: name)
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
        trim()
        finished.append(bytes)
        for part in parts { finished += part }
        bytes = []
        bytes.reserveCapacity(4096)
        used = 0
        hasMembers[hasMembers.count - 1] = true
    }

    /// A string whose text `body` writes in pieces (a message rendered straight into the output):
    /// ``StringContent`` escapes what it is given.
    mutating func withStringContent(_ body: (inout StringContent) -> Void) {
        var content = StringContent(json: JSONWriter(empty: ()))
        swap(&self, &content.json)
        body(&content)
        swap(&self, &content.json)
    }

    /// Text written into the JSON as the content of strings; see ``withStringContent(_:)``.
    struct StringContent: TextOutputStream {
        fileprivate var json: JSONWriter

        /// A member `"key": "` whose text follows, in an object.
        mutating func open(key: String) {
            json.key(text: key)
            json.openQuote()
        }

        /// The text, escaped.
        mutating func write(_ text: String) {
            json.escaped(text)
        }

        /// Ends the string ``open(key:)`` began.
        mutating func close() {
            json.append(UInt8(ascii: "\""))
        }
    }

    /// A writer of nothing, holding no memory (to swap with).
    private init(empty: ()) {
        bytes = []
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        let separator = takeSeparator()
        write(separator.count + 1) { start in
            let end = separator.write(at: start)
            start[end] = bracket
            return end + 1
        }
        hasMembers.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        // After the last member, the bracket on a line of its own at the container's indent.
        let separator = hasMembers.removeLast() ? Separator(comma: false, depth: hasMembers.count) : .none
        write(separator.count + 1) { start in
            let end = separator.write(at: start)
            start[end] = bracket
            return end + 1
        }
    }

    /// What comes before a value: after a key nothing; in a container a comma (after the first
    /// member), a line break and the indent. Written together with what follows it, in one write.
    private struct Separator {
        var comma: Bool
        /// The indent, in levels; `-1` for no separator at all.
        var depth: Int

        static let none = Separator(comma: false, depth: -1)

        /// How many bytes it takes.
        var count: Int { depth < 0 ? 0 : (comma ? 1 : 0) + 1 + 2 * depth }

        /// Writes it at `start` and returns how many bytes it took.
        func write(at start: UnsafeMutablePointer<UInt8>) -> Int {
            guard depth >= 0 else { return 0 }
            var end = 0
            if comma {
                start[0] = UInt8(ascii: ",")
                end = 1
            }
            start[end] = 0x0A
            (start + end + 1).initialize(repeating: 0x20, count: 2 * depth)
            return end + 1 + 2 * depth
        }
    }

    /// The separator the next value needs; notes that its container now has a member.
    private mutating func takeSeparator() -> Separator {
        if afterKey {
            afterKey = false
            return .none
        }
        let depth = hasMembers.count
        guard depth > 0 else { return .none }
        let comma = hasMembers[depth - 1]
        if !comma { hasMembers[depth - 1] = true }
        return Separator(comma: comma, depth: depth)
    }

    /// Before a value: its separator.
    private mutating func separate() {
        let separator = takeSeparator()
        if separator.depth >= 0 { write(separator.count) { separator.write(at: $0) } }
    }

    /// A string in quotes (after its separator): runs of bytes that need no escape are copied at
    /// once (most strings are one such run), the others escaped one by one.
    private mutating func quote(_ text: String) {
        openQuote()
        escaped(text)
        append(UInt8(ascii: "\""))
    }

    /// The separator and an opening quote, in one write.
    fileprivate mutating func openQuote() {
        let separator = takeSeparator()
        write(separator.count + 1) { start in
            let end = separator.write(at: start)
            start[end] = UInt8(ascii: "\"")
            return end + 1
        }
    }

    /// The bytes of `text`, quotes, backslashes and control characters escaped.
    private mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            // Eight bytes at a time past those that need no escape (nearly all of them).
            while index + 8 <= utf8.count, !Self.needsEscape(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
            }
            while index < utf8.count {
                let byte = utf8[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[start..<index])))
                    escape(byte)
                    start = index + 1
                }
                index += 1
            }
            append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[start...])))
        }
    }

    /// Whether any of eight bytes is a control character, a quote or a backslash: a byte below
    /// 0x20, or one equal to 0x22 or 0x5C, found in all eight at once (the classic "has a zero
    /// byte" test: a byte of `x - 0x01…` borrows and has its high bit set only where `x` was zero).
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        // Below 0x20: for bytes under 0x80, x - 0x20 borrows into the high bit.
        let below = (word &- 0x20 &* ones) & ~word & highs != 0
        return below || hasZeroByte(word ^ (0x22 &* ones)) || hasZeroByte(word ^ (0x5C &* ones))
    }

    /// The escape of a quote, a backslash or a control character.
    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append(UInt8(ascii: "\\"), UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): append(UInt8(ascii: "\\"), UInt8(ascii: "\\"))
        case 0x0A: append(UInt8(ascii: "\\"), UInt8(ascii: "n"))
        case 0x0D: append(UInt8(ascii: "\\"), UInt8(ascii: "r"))
        case 0x09: append(UInt8(ascii: "\\"), UInt8(ascii: "t"))
        default:
            let digits = Array("0123456789abcdef".utf8)
            append(UInt8(ascii: "\\"), UInt8(ascii: "u"))
            append(UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(byte >> 4)])
            append(digits[Int(byte & 0x0F)])
        }
    }

    // MARK: Bytes

    /// Room for `count` more bytes after the written ones: zeroes are added a little at a time
    /// (within the capacity reserved, which grows as an array's does), so that no more memory is
    /// touched than is written.
    private mutating func reserve(_ count: Int) {
        guard used + count > bytes.count else { return }
        bytes.append(contentsOf: repeatElement(0, count: max(Self.zeroedAhead, used + count - bytes.count)))
    }

    /// How many bytes are zeroed ahead of the written ones at a time.
    private static let zeroedAhead = 64 << 10

    /// Writes at most `count` bytes in one go: `body` writes them at the pointer it is given and
    /// returns how many it wrote.
    private mutating func write(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(count)
        let written = bytes.withUnsafeMutableBufferPointer { body($0.baseAddress! + used) }
        used += written
    }

    fileprivate mutating func append(_ byte: UInt8) {
        reserve(1)
        bytes.withUnsafeMutableBufferPointer { $0[used] = byte }
        used += 1
    }

    private mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        bytes.withUnsafeMutableBufferPointer { bytes in
            bytes[used] = first
            bytes[used + 1] = second
        }
        used += 2
    }

    private mutating func append(_ first: UInt8, _ second: UInt8, _ third: UInt8) {
        reserve(3)
        bytes.withUnsafeMutableBufferPointer { bytes in
            bytes[used] = first
            bytes[used + 1] = second
            bytes[used + 2] = third
        }
        used += 3
    }

    private mutating func append(_ raw: UnsafeRawBufferPointer) {
        guard !raw.isEmpty else { return }
        reserve(raw.count)
        bytes.withUnsafeMutableBytes { bytes in
            (bytes.baseAddress! + used).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
        }
        used += raw.count
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Drops the bytes kept ahead of the written ones, before the buffer is handed out.
    private mutating func trim() {
        if bytes.count > used { bytes.removeLast(bytes.count - used) }
    }
}
