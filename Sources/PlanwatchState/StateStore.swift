public import PlanwatchCore

/// planwatch's state: the notification ledger, threshold alert states, silences, the log of runs,
/// recorded completions, reply tokens and the inbox log.
///
/// The contract every backend keeps (SQLite by default, in memory for tests); each part is its own
/// protocol. Every call is `async`, so a backend that talks to a server does not block the
/// cooperative thread pool.
public typealias StateStore = NotificationLedger & AlertStateStore & SilenceStore & RunLog & CompletionStore & ReplyTokenStore & InboxLog

/// A failure of the state store: it cannot be opened, is missing, is damaged, or a query failed.
public struct StateError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case missing, corrupt, failed
    }

    private let kind: Kind
    public let description: String

    private init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// The store does not exist (and the caller asked not to create it).
    public static func missing(_ description: String) -> StateError { StateError(.missing, description) }
    /// The store exists and is damaged.
    public static func corrupt(_ description: String) -> StateError { StateError(.corrupt, description) }
    /// Anything else: it cannot be opened, a query failed.
    public static func failed(_ description: String) -> StateError { StateError(.failed, description) }

    /// Whether the store was not there.
    public var isMissing: Bool { kind == .missing }
    /// Whether the store is damaged.
    public var isCorrupt: Bool { kind == .corrupt }
}
