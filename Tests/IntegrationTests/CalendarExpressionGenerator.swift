import PlanwatchTestSupport

/// A seeded generator of calendar expressions (valid and invalid) for differential tests.
struct CalendarExpressionGenerator: RandomNumberGenerator {
    private var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(state: seed) }

    mutating func next() -> UInt64 { random.next() }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A field: `*`, a value, a list, a range, a repetition — with values that now and then leave `range`.
    private mutating func component(_ range: ClosedRange<Int>, width: Int, star: Bool = true) -> String {
        func value(_ generator: inout CalendarExpressionGenerator) -> Int {
            generator.chance(4) ? range.upperBound + generator.int(1...3) : generator.int(range)
        }
        func pad(_ n: Int) -> String {
            let s = String(n)
            return width > 1 && chance(60) && s.count < width ? String(repeating: "0", count: width - s.count) + s : s
        }
        if star && chance(30) { return "*" }
        if chance(8) { return repetitionFromTheStart(range, width: width) }
        let count = chance(70) ? 1 : int(2...3)
        var parts: [String] = []
        for _ in 0..<count {
            let start = value(&self)
            switch int(1...10) {
            case 1...5: parts.append(pad(start))
            case 6...7:
                let stop = min(start + int(0...8), range.upperBound + (chance(5) ? 2 : 0))
                parts.append(pad(start) + ".." + pad(stop))
            case 8...9: parts.append(pad(start) + "/" + String(int(1...max(1, (range.count) / 2))))
            default:
                let stop = start + int(1...10)
                parts.append(pad(start) + ".." + pad(stop) + "/" + String(int(1...4)))
            }
        }
        return parts.joined(separator: ",")
    }

    /// `0/1,3,5`: a repetition from the first value of the field — mostly of 1, which covers the whole
    /// field — with a list, ranges or fractions beside it, in any order (systemd writes `*` for such
    /// seconds, and nothing shorter for other fields).
    private mutating func repetitionFromTheStart(_ range: ClosedRange<Int>, width: Int) -> String {
        var parts = [String(range.lowerBound) + "/" + (chance(70) ? "1" : String(int(2...3)))]
        if width == 2 && range.lowerBound == 0 && chance(20) { parts[0] = "00/1" }
        for _ in 0..<int(0...3) {
            let value = int(range)
            switch int(1...6) {
            case 1...3: parts.append(String(value))
            case 4: parts.append(String(value) + ".." + String(min(value + int(0...5), range.upperBound)))
            case 5: parts.append(String(value) + "/" + String(int(1...5)))
            default: parts.append(range.upperBound == 59 ? String(value) + "." + String(int(1...9)) : String(value))
            }
        }
        if chance(30) { parts.shuffle(using: &self) }
        return parts.joined(separator: ",")
    }

    private mutating func weekdays() -> String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var parts: [String] = []
        for _ in 0..<int(1...2) {
            let first = int(0...6)
            if chance(40) {
                let last = chance(90) ? int(first...6) : int(0...6)
                parts.append(names[first] + ".." + names[last])
            } else {
                parts.append(chance(20) ? ["Monday", "tuesday", "WEDNESDAY", "Friday", "sunday"][int(0...4)] : names[first])
            }
        }
        return parts.joined(separator: ",")
    }

    /// One expression.
    mutating func expression() -> String {
        var text = ""
        if chance(25) { text += weekdays() + " " }
        switch int(1...10) {
        case 1...3:
            text += component(2026...2031, width: 4) + "-" + component(1...12, width: 2) + "-" + component(1...31, width: 2)
        case 4...6:
            text += "*-" + component(1...12, width: 2) + "-" + component(1...31, width: 2)
        case 7...8:
            text += "*-" + component(1...12, width: 2) + "~" + component(1...28, width: 2, star: false)
        default:
            break
        }
        if !text.isEmpty && chance(25) { return text.trimmingCharacters(in: " ") }
        if !text.isEmpty && !text.hasSuffix(" ") { text += " " }
        text += component(0...23, width: 2) + ":" + component(0...59, width: 2)
        if chance(40) {
            if chance(20) {
                text += ":" + String(int(0...59)) + "." + String(int(0...999_999))
            } else {
                text += ":" + component(0...59, width: 2)
            }
        }
        if chance(10) { text += pick([" UTC", " Europe/Stockholm", " America/New_York", " Australia/Lord_Howe"]) }
        return text
    }
}

private extension String {
    func trimmingCharacters(in character: Character) -> String {
        var s = self
        while s.last == character { s.removeLast() }
        return s
    }
}
