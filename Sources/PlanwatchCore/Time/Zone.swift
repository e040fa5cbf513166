import Foundation

/// A time zone with its real rules (from the system's tz database), or UTC.
///
/// `Zone` turns instants into wall-clock times and back. Going back is where zones are subtle:
/// a wall-clock time can be *skipped* (02:30 on a spring-forward night) or *repeated* (02:30 on a
/// fall-back night); ``resolve(_:)`` says which, and ``instant(for:preferring:)`` decides the way
/// C's `mktime` does, which is what systemd's calendar events follow.
public struct Zone: Hashable, Sendable, CustomStringConvertible {
    /// The IANA name (`Europe/Stockholm`) or `UTC`.
    public let identifier: String
    private let timeZone: TimeZone?

    /// Coordinated Universal Time.
    public static let utc = Zone(utcNamed: "UTC")

    private init(utcNamed name: String) {
        self.identifier = name
        self.timeZone = nil
    }

    /// The zone with this IANA name (`Europe/Stockholm`, `Etc/UTC`), or `UTC`; `nil` when the
    /// system's tz database does not know the name. Names are case-sensitive, as in the database.
    public init?(identifier: String) {
        if identifier == "UTC" {
            self = .utc
            return
        }
        guard !identifier.isEmpty, !identifier.contains(" "),
              let timeZone = TimeZone(identifier: identifier), timeZone.identifier == identifier
        else { return nil }
        self.identifier = identifier
        self.timeZone = timeZone
    }

    /// Seconds east of UTC in force at an instant.
    public func offset(at instant: Instant) -> Int {
        offset(atSecond: instant.seconds)
    }

    func offset(atSecond second: Int64) -> Int {
        guard let timeZone else { return 0 }
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second)))
    }

    /// The wall-clock time at an instant.
    public func localDateTime(at instant: Instant) -> LocalDateTime {
        let seconds = instant.seconds
        return LocalDateTime(
            naiveSeconds: seconds + Int64(offset(atSecond: seconds)),
            microsecond: Int(instant.subsecondMicroseconds)
        )
    }

    /// The local date at an instant.
    public func date(at instant: Instant) -> LocalDate {
        localDateTime(at: instant).date
    }

    /// How a wall-clock time maps to instants in this zone.
    public enum Resolution: Hashable, Sendable {
        /// The time exists once.
        case unique(Instant)
        /// The time exists twice (a fall-back night): the earlier and the later instant.
        case repeated(Instant, Instant)
        /// The time does not exist (a spring-forward night); the associated instant is where the
        /// clock would have been, read with the offset before the change (`02:30` → `03:30`).
        case skipped(Instant)
    }

    /// Which instants show a given wall-clock time in this zone.
    public func resolve(_ local: LocalDateTime) -> Resolution {
        let naive = local.naiveSeconds
        let micro = Int64(local.microsecond)
        let valid = validOffsets(naive: naive)
        func instant(_ offset: Int) -> Instant { Instant(microseconds: (naive - Int64(offset)) * 1_000_000 + micro) }
        switch valid.count {
        case 0: return .skipped(instant(offset(atSecond: naive - 86_400)))
        case 1: return .unique(instant(valid[0]))
        default:
            let instants = valid.map(instant).sorted()
            return .repeated(instants[0], instants[instants.count - 1])
        }
    }

    /// The instant of a wall-clock time, deciding like C's `mktime` with `tm_isdst = -1`: a repeated
    /// time takes the interpretation with `preferredOffset` when that is one of them (glibc keeps the
    /// offset of its previous call as its guess), else the earlier; a skipped time moves forward by
    /// the size of the gap. Returns the instant and the offset that applies to it.
    public func instant(for local: LocalDateTime, preferring preferredOffset: Int? = nil) -> (instant: Instant, offset: Int) {
        let naive = local.naiveSeconds
        let micro = Int64(local.microsecond)
        let valid = validOffsets(naive: naive)
        let chosen: Int
        if valid.isEmpty {
            let before = offset(atSecond: naive - 86_400)
            let second = naive - Int64(before)
            return (Instant(microseconds: second * 1_000_000 + micro), offset(atSecond: second))
        } else if let preferredOffset, valid.contains(preferredOffset) {
            chosen = preferredOffset
        } else {
            chosen = valid.max()!  // the largest offset gives the earliest instant
        }
        return (Instant(microseconds: (naive - Int64(chosen)) * 1_000_000 + micro), chosen)
    }

    /// The offsets `o` with `offset(naive - o) == o`: zero (skipped), one, or two (repeated).
    private func validOffsets(naive: Int64) -> [Int] {
        guard timeZone != nil else { return [0] }
        var candidates = [offset(atSecond: naive - 86_400), offset(atSecond: naive + 86_400), offset(atSecond: naive)]
        candidates = Array(Set(candidates))
        return candidates.filter { offset(atSecond: naive - Int64($0)) == $0 }.sorted()
    }

    public var description: String { identifier }
}
