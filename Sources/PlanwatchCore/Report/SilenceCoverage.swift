/// Which silences covered a deadline occurrence: muted some of its mail while it was in its life.
///
/// The rule, precisely:
/// - A silence counts only if it names no recipient: one that mutes one person's mail leaves the
///   occurrence told to the others, so it does not mark the occurrence.
/// - Its rule and subject, where set, must be the occurrence's rule and item.
/// - Each stage of the occurrence is active from the start of its day (in the configured zone) until
///   the start of the next stage's day; the last stage until the end of its last day (the day
///   `max_overdue` ends it, or the due day without `overdue`). The occurrence's life ends earlier: at
///   the start of its completion day, when it was completed (nothing is sent from that day), and
///   else at the end of the report's date.
/// - A silence covers the occurrence when it was in force (from its creation until it expired or
///   was ended) at some moment while a stage it matches was active in that life: a silence with a
///   stage matches only that stage; one without matches every stage.
///
/// A silence never changes an occurrence's status: it mutes mail, it does not excuse.
struct SilenceCoverage {
    /// The silences that can mark an occurrence (no recipient), with the instants they are in force.
    private let silences: [(silence: Silence, from: Instant, until: Instant)]
    private let zone: Zone

    init(_ silences: [Silence], zone: Zone) {
        self.silences = silences.compactMap { silence in
            guard silence.recipient == nil else { return nil }
            let until = silence.expiredAt.map { min($0, silence.expiresAt) } ?? silence.expiresAt
            return until > silence.createdAt ? (silence, silence.createdAt, until) : nil
        }.sorted { $0.silence.id < $1.silence.id }
        self.zone = zone
    }

    /// Whether no silence can cover anything (the common case: then nothing is computed).
    var isEmpty: Bool { silences.isEmpty }

    /// The ids of the silences that covered an occurrence of `rule` for `item`.
    /// - Parameters:
    ///   - stages: the occurrence's stages with the day each begins, in order.
    ///   - lastDay: the last day anything is said about the occurrence.
    ///   - endsBefore: the first day outside its life (its completion day, or the day after the
    ///     report's date).
    func covering(rule: String, item: String, stages: [(stage: Stage, start: LocalDate)], lastDay: LocalDate,
                  endsBefore: LocalDate) -> [Int64] {
        guard !silences.isEmpty else { return [] }
        var ids: [Int64] = []
        for entry in silences {
            if let silenced = entry.silence.rule, silenced != rule { continue }
            if let silenced = entry.silence.subject, silenced != item { continue }
            for (index, stage) in stages.enumerated() {
                if let silenced = entry.silence.stage, silenced != stage.stage { continue }
                let next = index + 1 < stages.count ? stages[index + 1].start : lastDay.adding(days: 1)
                let end = min(next, endsBefore)
                guard stage.start < end else { continue }
                let (activeFrom, activeUntil) = (start(of: stage.start), start(of: end))
                if entry.from < activeUntil && activeFrom < entry.until {
                    ids.append(entry.silence.id)
                    break
                }
            }
        }
        return ids
    }

    /// The first instant of a local day.
    private func start(of day: LocalDate) -> Instant {
        zone.instant(for: LocalDateTime(date: day)).instant
    }
}
