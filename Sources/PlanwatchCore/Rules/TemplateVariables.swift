/// The variables message templates may use, per kind of rule: each kind's table of variables
/// (``DeadlineTemplateContext/variables``, ``ThresholdTemplateContext/variables``), without values.
public enum TemplateVariables {
    /// The variables of a kind of rule.
    public static func catalog(for kind: RuleKind) -> TemplateVariableCatalog {
        switch kind {
        case .deadline: deadline
        case .threshold: threshold
        case .report: report
        }
    }

    static let deadline = DeadlineTemplateContext.variables.catalog
    static let threshold = ThresholdTemplateContext.variables.catalog
    static let report = TemplateVariableCatalog(names: [], families: [])
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
