/// Which occurrence a completion recorded by hand (`planwatch complete ITEM`) is for: the item's one
/// open occurrence (reminders begun, or overdue) when nothing more is said, or the occurrence due on
/// a given date; with `rule`, among that rule's occurrences only. Pure: it reads evaluations.
public enum CompletionTarget {
    /// Why no single occurrence could be chosen.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// No deadline rule selects the item.
        case noDeadlineRule(item: String)
        /// The rule is not a deadline rule that selects the item.
        case ruleDoesNotSelect(item: String, rule: String, rules: [String])
        /// Nothing is open now; `next` are the coming occurrences.
        case nothingOpen(item: String, next: [DeadlineOccurrence])
        /// More than one occurrence is open.
        case severalOpen(item: String, open: [DeadlineOccurrence])
        /// No occurrence is due on the date.
        case noOccurrenceOn(item: String, date: LocalDate, near: [DeadlineOccurrence])

        public var description: String {
            func list(_ occurrences: [DeadlineOccurrence]) -> String {
                occurrences.map { "\($0.rule) due \($0.due) (\($0.status.name))" }.joined(separator: "; ")
            }
            switch self {
            case .noDeadlineRule(let item):
                return "no deadline rule selects '\(item)': it has no occurrences to complete"
            case .ruleDoesNotSelect(let item, let rule, let rules):
                return "'\(rule)' is not a deadline rule for '\(item)'"
                    + (rules.isEmpty ? "" : "; its deadline rules: \(rules.joined(separator: ", "))")
            case .nothingOpen(let item, let next):
                return "'\(item)' has no open occurrence now (none whose reminders have begun)"
                    + (next.isEmpty ? "" : "; the next: \(list(next)) — give --occurrence DATE to record one ahead")
            case .severalOpen(let item, let open):
                return "'\(item)' has \(open.count) open occurrences: \(list(open)) — say which with --occurrence DATE (and --rule)"
            case .noOccurrenceOn(let item, let date, let near):
                return "'\(item)' has no occurrence due \(date)" + (near.isEmpty ? "" : "; near it: \(list(near))")
            }
        }
    }

    /// The deadline rules that select `item`, by their occurrences in `evaluations` (any of them).
    static func rules(of item: String, in evaluations: [Evaluation]) -> [String] {
        var seen: Set<String> = []
        return evaluations.flatMap(\.occurrences).filter { $0.item == item }.map(\.rule).filter { seen.insert($0).inserted }.sorted()
    }

    /// The occurrence to record a completion for.
    /// - Parameters:
    ///   - now: an evaluation at the present moment, with a horizon of a year or more (to name the
    ///     coming occurrences when nothing is open).
    ///   - onDate: when a date was given: an evaluation at that date (to find an occurrence due
    ///     then, however long ago).
    public static func choose(item: String, rule: String?, date: LocalDate?, now: Evaluation, today: LocalDate,
                              onDate: Evaluation?) -> Result<DeadlineOccurrence, Problem> {
        let evaluations = [now] + (onDate.map { [$0] } ?? [])
        let itemRules = rules(of: item, in: evaluations)
        guard !itemRules.isEmpty else { return .failure(.noDeadlineRule(item: item)) }
        if let rule, !itemRules.contains(rule) {
            return .failure(.ruleDoesNotSelect(item: item, rule: rule, rules: itemRules))
        }
        func candidates(_ evaluation: Evaluation) -> [DeadlineOccurrence] {
            evaluation.occurrences.filter { $0.item == item && (rule == nil || $0.rule == rule) }.sorted { ($0.due, $0.rule) < ($1.due, $1.rule) }
        }
        if let date {
            let all = evaluations.flatMap(candidates)
            var seen: Set<OccurrenceKey> = []
            let matching = all.filter { ($0.due == date || $0.nominalDue == date) && seen.insert($0.key).inserted }
            switch matching.count {
            case 1: return .success(matching[0])
            case 0: return .failure(.noOccurrenceOn(item: item, date: date,
                                                     near: Array(all.filter { abs($0.due.days(until: date)) <= 400 }.prefix(6))))
            default: return .failure(.severalOpen(item: item, open: matching))
            }
        }
        let open = candidates(now).filter { $0.status == .open || $0.status == .overdue }
        switch open.count {
        case 1: return .success(open[0])
        case 0: return .failure(.nothingOpen(item: item, next: Array(candidates(now).filter { $0.due >= today && $0.status == .upcoming }.prefix(3))))
        default: return .failure(.severalOpen(item: item, open: open))
        }
    }
}
