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
        case label(key: String, value: String)
        case templateVariable(deadline: Bool)
        case metric
    }

    /// What names a thing, for messages; item references stay compact until a message needs them.
    enum Context {
        case text(String)
        case item(String, owner: Bool)

        var description: String {
            switch self {
            case .text(let text): text
            case .item(let id, let owner): "item '\(id)'" + (owner ? " (owner)" : "")
            }
        }
    }

    struct Site {
        var target: Target
        var name: String
        var location: SourceLocation
        /// What names it, for the message (`item 'ind-1'`).
        var origin: Context
        var context: String { origin.description }
        /// Other names that would do as well (a template variable inside a section).
        var alternatives: [String]
    }

    private(set) var all: [Site] = []

    func merge(_ other: ReferenceSites) { all += other.all }

    func add(_ target: Target, _ name: String, at location: SourceLocation, in context: String, alternatives: [String] = []) {
        all.append(Site(target: target, name: name, location: location, origin: .text(context), alternatives: alternatives))
    }

    /// An item's reference to its unit or owner (many of these in bulk files: kept compact).
    func addItemReference(_ target: Target, _ name: String, at location: SourceLocation, item: String, owner: Bool) {
        all.append(Site(target: target, name: name, location: location, origin: .item(item, owner: owner), alternatives: []))
    }
}
