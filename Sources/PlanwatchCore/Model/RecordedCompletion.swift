/// A completion recorded in the state rather than written in the plan data: by a reply to a
/// reminder, or by `planwatch complete`. The evaluator sees the plan's completions and the recorded
/// ones together (the earliest date wins); undoing one adds a revocation, it never deletes.
public struct RecordedCompletion: Hashable, Sendable {
    /// The record's number (from the state).
    public var id: Int64
    /// The item.
    public var item: String
    /// The rule it is for; `nil`: every deadline rule of the item.
    public var rule: String?
    /// The due date of the occurrence (the shifted or the written date); `nil` for an item's own
    /// single deadline.
    public var occurrence: LocalDate?
    /// The day it was done.
    public var on: LocalDate
    /// When it was recorded.
    public var recordedAt: Instant
    /// Who recorded it.
    public var by: Author
    /// How it was recorded.
    public var how: Method
    /// A note for people.
    public var note: String?
    /// The `Message-ID` of the reply that recorded it.
    public var messageID: String?
    /// When and by whom it was undone, if it was.
    public var revoked: Revocation?

    /// Who recorded a completion.
    public enum Author: Hashable, Sendable, CustomStringConvertible {
        /// A person of the plan data (the one a reply token was issued to, or `--by`).
        case person(String)
        /// An operator on the server, by Unix user name.
        case `operator`(String)

        /// `p-anna`, or `operator:root`.
        public var description: String {
            switch self {
            case .person(let id): id
            case .operator(let user): "operator:\(user)"
            }
        }

        /// Parses ``description``.
        public init(_ text: String) {
            self = text.hasPrefix("operator:") ? .operator(String(text.dropFirst("operator:".count))) : .person(text)
        }
    }

    /// How a completion came to be recorded.
    public enum Method: String, Hashable, Sendable, CaseIterable {
        /// A reply to a reminder.
        case reply
        /// `planwatch complete`.
        case command
        /// Plan data (for completions exported and read back).
        case plan
    }

    /// An undo.
    public struct Revocation: Hashable, Sendable {
        public var at: Instant
        public var by: Author

        public init(at: Instant, by: Author) {
            self.at = at
            self.by = by
        }
    }

    public init(id: Int64 = 0, item: String, rule: String?, occurrence: LocalDate?, on: LocalDate, recordedAt: Instant, by: Author,
                how: Method, note: String? = nil, messageID: String? = nil, revoked: Revocation? = nil) {
        self.id = id
        self.item = item
        self.rule = rule
        self.occurrence = occurrence
        self.on = on
        self.recordedAt = recordedAt
        self.by = by
        self.how = how
        self.note = note
        self.messageID = messageID
        self.revoked = revoked
    }

    /// The completion as the plan data would hold it.
    public var completion: Completion {
        Completion(occurrence: occurrence, on: on, rule: rule, by: by.description, note: note,
                   location: SourceLocation(file: "recorded completion #\(id)"))
    }
}

extension PlanSnapshot {
    /// The plan with the recorded completions that are not revoked added to their items' own.
    public func adding(_ recorded: [RecordedCompletion]) -> PlanSnapshot {
        let active = recorded.filter { $0.revoked == nil }
        guard !active.isEmpty else { return self }
        var byItem: [String: [Completion]] = [:]
        for record in active { byItem[record.item, default: []].append(record.completion) }
        var items = self.items
        for index in items.indices {
            if let more = byItem[items[index].id] { items[index].completed += more }
        }
        // Everything else stays as it is: the vocabularies too (else labels would show as slugs).
        return PlanSnapshot(units: units, people: people, items: items, measurements: measurements, vocabularies: vocabularies)
    }
}
