/// Whether a list of identifiers holds one twice, found quickly for the hundreds of thousands of
/// ids of a large plan.
///
/// Swift's `Set<String>` hashes each string with a keyed SipHash through the generic hashing
/// machinery, which at scale costs more than the rest of the checks together. Here each id's bytes
/// are hashed with a cheap multiply-and-mix under a per-process random seed into an open-addressing
/// table of positions; ids whose hashes meet are compared byte for byte. A table whose probes grow
/// long (ids made to collide) gives up, and a `Set` answers instead: the answer is
/// always exact, and the fast path never becomes quadratic. So does a list with an id that is not
/// ASCII: Swift compares strings by canonical equivalence (`é` precomposed equals `e` with an
/// accent), which their bytes do not tell.
enum RepeatedIdentifiers {
    /// Whether some id occurs twice (by Swift's string equality).
    static func occur(in ids: [String]) -> Bool {
        quickly(in: ids) ?? {
            var seen = Set<String>(minimumCapacity: ids.count)
            return ids.contains { !seen.insert($0).inserted }
        }()
    }

    /// `true` when some id occurs twice, `false` when none does, `nil` when the table gave up or an
    /// id is not ASCII.
    /// - Parameter longestProbe: how many taken slots a search passes before the table gives up.
    static func quickly(in ids: [String], longestProbe: Int = 64) -> Bool? {
        guard ids.count > 1 else { return false }
        var capacity = 16
        while capacity < ids.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        // Each slot holds 1 + the position of the id there (0: empty), and beside it the id's hash.
        var slots = [Int32](repeating: 0, count: capacity)
        var hashes = [UInt64](repeating: 0, count: capacity)
        for (position, id) in ids.enumerated() {
            guard let hash = Self.hash(id) else { return nil }
            var slot = Int(truncatingIfNeeded: hash) & mask
            var probes = 0
            while slots[slot] != 0 {
                if hashes[slot] == hash, ids[Int(slots[slot]) - 1] == id { return true }
                slot = (slot + 1) & mask
                probes += 1
                if probes > longestProbe { return nil }
            }
            slots[slot] = Int32(position + 1)
            hashes[slot] = hash
        }
        return false
    }

    /// Chosen once per process, so that which ids collide cannot be known from outside.
    private static let seed = UInt64.random(in: .min ... .max) | 1

    /// A 64-bit hash of the id's UTF-8 bytes, eight at a time; `nil` for an id that is not ASCII.
    static func hash(_ id: String) -> UInt64? {
        if let hash = id.utf8.withContiguousStorageIfAvailable({ hash($0) }) { return hash }
        var copy = id
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { hash($0) } ?? nil
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var ascii: UInt8 = 0
        var state = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var index = 0
        while index < bytes.count {
            var word: UInt64 = 0
            let end = min(index + 8, bytes.count)
            for offset in index..<end {
                ascii |= bytes[offset]
                word |= UInt64(bytes[offset]) << (UInt64(offset - index) * 8)
            }
            state = mix(state ^ word)
            index = end
        }
        return ascii < 0x80 ? mix(state) : nil
    }

    /// A 64-bit finaliser (multiply, shift, xor): every input bit reaches every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 32
        x = x &* 0xD6E8_FEB8_6659_FD93
        x ^= x >> 32
        x = x &* 0xD6E8_FEB8_6659_FD93
        x ^= x >> 32
        return x
    }
}
