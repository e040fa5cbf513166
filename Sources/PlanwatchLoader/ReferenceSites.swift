import PlanwatchCore

/// The places where one thing names another (an item its unit, a rule a role, a template a
/// variable), gathered while reading and checked once everything is read.
final class ReferenceSites {
    enum Target {
        case unit
        case person
        case rule
        case recipient(Recipient, inThresholdRule: Bool)
        case itemKind
        case unitKind
        /// A selector's label: checked against the labels items have.
        case label(key: String, value: String)
        /// A value of label `key`, an item's or (`selected`) a selector's: checked against the label's vocabulary.
        case labelValue(key: String, selected: Bool)
        case templateVariable(RuleKind)
        case metric
        /// An input of a derived metric (`role`: the key that names it, `change`, `ratio`, `per`, `sum`):
        /// checked against the metrics the measurements report, and for matching periods.
        case derivedInput(role: String)
    }

    struct Site {
        var target: Target
        var name: String
        var location: SourceLocation
        /// What names it, for the message (`item 'ind-1'`).
        var context: String
        /// Other names that would do as well (a template variable inside a section).
        var alternatives: [String]
    }

    private(set) var all: [Site] = []

    func merge(_ other: ReferenceSites) { all += other.all }

    /// Adds another collection's sites, `lines` lines further down (a part read on its own).
    func merge(_ other: ReferenceSites, movingLinesBy lines: Int) {
        all += other.all.map { site in
            var moved = site
            moved.location.line += lines
            return moved
        }
    }

    func add(_ target: Target, _ name: String, at location: SourceLocation, in context: String, alternatives: [String] = []) {
        all.append(Site(target: target, name: name, location: location, context: context, alternatives: alternatives))
    }
}
