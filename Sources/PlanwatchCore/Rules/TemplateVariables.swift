/// The variables message templates may use, per kind of rule.
public enum TemplateVariables {
    /// Variables of every rule.
    public static let common: Set<String> = ["rule.id", "rule.group", "stage", "severity", "subject", "occurrence"]

    /// Variables of deadline rules (`item.labels.<key>` is allowed for any label key).
    public static let deadline: Set<String> = common.union([
        "item.id", "item.title", "item.kind", "item.labels", "unit.id", "unit.name", "unit.kind", "unit.employees",
        "owner.id", "owner.name", "owner.email", "due", "due_nominal", "days_left", "days_overdue", "lead",
        "is_reminder", "is_due", "is_overdue", "is_escalated",
    ])

    /// Variables of threshold rules.
    public static let threshold: Set<String> = common.union([
        "unit.id", "unit.name", "unit.kind", "unit.employees", "metric", "value", "threshold", "period", "for",
        "is_firing", "is_warning", "is_critical", "is_resolved", "is_missing",
    ])

    /// Whether `name` exists for a rule of the given kind; `labelKeys` are the label keys the plan uses.
    /// Object prefixes (`item`, `unit`) count, for sections.
    public static func isKnown(_ name: String, deadline isDeadline: Bool, labelKeys: Set<String>) -> Bool {
        let names = isDeadline ? deadline : threshold
        if name == "." || names.contains(name) { return true }
        if isDeadline, name.hasPrefix("item.labels.") {
            return labelKeys.contains(String(name.dropFirst("item.labels.".count)))
        }
        return names.contains { $0.hasPrefix(name + ".") }
    }

    /// The known names closest to `name`, for "did you mean".
    public static func suggestion(for name: String, deadline isDeadline: Bool, labelKeys: Set<String>) -> String? {
        var candidates = isDeadline ? deadline : threshold
        if isDeadline { candidates.formUnion(labelKeys.map { "item.labels.\($0)" }) }
        return closestMatch(to: name, in: candidates)
    }
}

/// The candidate nearest to `word` by edit distance, when near enough to be a likely typo.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    let best = candidates.map { ($0, editDistance(word, $0)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
    guard let best, best.1 <= max(2, word.count / 3) else { return nil }
    return best.0
}

/// Levenshtein distance.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
