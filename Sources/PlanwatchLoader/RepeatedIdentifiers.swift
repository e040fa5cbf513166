/// Whether a list of identifiers holds one twice, found quickly for the hundreds of thousands of
/// ids of a large plan.
///
/// Swift's `Set<String>` hashes each string with a keyed SipHash through the generic hashing
/// machinery, and a hash table of 100 000 ids is larger than the cache: each insertion waits for
/// memory. Here each id's bytes are hashed with a cheap multiply-and-mix under a per-process random
/// seed, the hashes (with each id's position) are sorted by a radix sort, which reads and writes
/// memory in order, and only ids whose hashes are equal are compared. A run of equal hashes that
/// grows long (ids made to collide) gives up, and a `Set` answers instead: the answer is always
/// exact, and the quick path never becomes quadratic. So does a list with an id that is not ASCII:
/// Swift compares strings by canonical equivalence (`é` precomposed equals `e` with an accent; the
/// Kelvin sign equals `K`), which their bytes do not tell.
enum RepeatedIdentifiers {
    /// Whether some id occurs twice (by Swift's string equality).
    static func occur(in ids: [String]) -> Bool {
        quickly(in: ids) ?? {
            var seen = Set<String>(minimumCapacity: ids.count)
            return ids.contains { !seen.insert($0).inserted }
        }()
    }

    /// `true` when some id occurs twice, `false` when none does, `nil` when it gave up (a long run
    /// of equal hashes, or more than 16 million ids) or an id is not ASCII.
    /// - Parameters:
    ///   - longestRun: the most ids with one hash that are compared with each other.
    ///   - hashBits: how many bits of each hash are kept (fewer make more ids meet: for tests).
    static func quickly(in ids: [String], longestRun: Int = 8, hashBits: Int = 40) -> Bool? {
        guard ids.count > 1 else { return false }
        let positionBits = 24
        guard ids.count < 1 << positionBits, (1...(64 - positionBits)).contains(hashBits) else { return nil }
        // A key: the hash's upper `hashBits` above the id's position.
        var keys = [UInt64](repeating: 0, count: ids.count)
        for index in ids.indices {
            guard let hash = Self.hash(ids[index]) else { return nil }
            keys[index] = (hash >> UInt64(64 - hashBits)) << UInt64(positionBits) | UInt64(index)
        }
        sortByRadix(&keys, bits: positionBits..<(positionBits + hashBits))
        let positionMask: UInt64 = (1 << UInt64(positionBits)) - 1
        var start = 0
        for end in 1...keys.count where end == keys.count || keys[end] >> UInt64(positionBits) != keys[start] >> UInt64(positionBits) {
            defer { start = end }
            guard end - start > 1 else { continue }
            guard end - start <= longestRun else { return nil }
            for first in start..<end {
                for second in (first + 1)..<end where ids[Int(keys[first] & positionMask)] == ids[Int(keys[second] & positionMask)] {
                    return true
                }
            }
        }
        return false
    }

    /// Sorts `keys` by the bits in `bits`, eight at a time from the lowest (a stable radix sort).
    static func sortByRadix(_ keys: inout [UInt64], bits: Range<Int>) {
        var scratch = [UInt64](repeating: 0, count: keys.count)
        var shift = bits.lowerBound
        while shift < bits.upperBound {
            let width = min(8, bits.upperBound - shift)
            let digitMask = (UInt64(1) << UInt64(width)) - 1
            var counts = [Int](repeating: 0, count: 1 << width)
            keys.withUnsafeBufferPointer { keys in
                for key in keys { counts[Int((key >> UInt64(shift)) & digitMask)] += 1 }
            }
            var total = 0
            for digit in counts.indices {
                let count = counts[digit]
                counts[digit] = total
                total += count
            }
            keys.withUnsafeBufferPointer { keys in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    for key in keys {
                        let digit = Int((key >> UInt64(shift)) & digitMask)
                        scratch[counts[digit]] = key
                        counts[digit] += 1
                    }
                }
            }
            swap(&keys, &scratch)
            shift += width
        }
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
        var state = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var ascii: UInt64 = 0
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            // Whole words, then the last few bytes (little-endian, as the words are read).
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                ascii |= word
                state = mix(state ^ word)
                index += 8
            }
            if index < bytes.count {
                var word: UInt64 = 0
                for offset in index..<bytes.count { word |= UInt64(bytes[offset]) << (UInt64(offset - index) * 8) }
                ascii |= word
                state = mix(state ^ word)
            }
        }
        return ascii & 0x8080_8080_8080_8080 == 0 ? mix(state) : nil
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
