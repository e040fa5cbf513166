import PlanwatchCore

/// Where a reader puts the items it reads: an array, or an ``ItemStorage``.
protocol ItemSink {
    mutating func append(_ item: consuming PlanItem)
}

extension Array: ItemSink where Element == PlanItem {}

/// Items as a reader appends them, in memory of their own, so that they can be moved to the end
/// of an array rather than copied: the second half of a large file is joined to the first this
/// way (copying took a fifth of the reading time at a million items).
final class ItemStorage: ItemSink {
    private var base: UnsafeMutablePointer<PlanItem>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func append(_ item: consuming PlanItem) {
        if count == capacity {
            let larger = UnsafeMutablePointer<PlanItem>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        (base + count).initialize(to: item)
        count += 1
    }

    /// Changes every item in place.
    func updateEach(_ body: (inout PlanItem) -> Void) {
        for index in 0..<count { body(&base[index]) }
    }

    /// Moves the items to the end of `array`, leaving this storage empty. The array is first
    /// extended with placeholders that hold nothing to release, which the items then replace.
    func move(appendingTo array: inout [PlanItem]) {
        let start = array.count
        let placeholder = PlanItem(id: "", kind: "", title: "", location: SourceLocation(file: ""))
        array.append(contentsOf: repeatElement(placeholder, count: count))
        array.withUnsafeMutableBufferPointer { buffer in
            (buffer.baseAddress! + start).deinitialize(count: count)
            (buffer.baseAddress! + start).moveInitialize(from: base, count: count)
        }
        count = 0
    }
}
