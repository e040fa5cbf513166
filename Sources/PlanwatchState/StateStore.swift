public import PlanwatchCore

/// planwatch's state: the notification ledger, threshold alert states, silences, the log of runs,
/// recorded completions, reply tokens and the inbox log.
///
/// The contract every backend keeps (SQLite by default, PostgreSQL for high availability, in memory
/// for tests); each part is its own
/// protocol. Every call is `async`, so a backend that talks to a server does not block the
/// cooperative thread pool.
public typealias StateStore = NotificationLedger & AlertStateStore & SilenceStore & RunLog & CompletionStore & ReplyTokenStore & InboxLog

/// A failure of the state store: it cannot be opened, is missing, is damaged, or a query failed.
public struct StateError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case missing, corrupt, failed, fenced, newer
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

    /// A write refused because this node does not hold the lease with the epoch it wrote under
    /// (another node leads now): nothing of it was written.
    public static func fenced(_ description: String) -> StateError { StateError(.fenced, description) }
    /// The database was brought to a newer schema by a newer planwatch: this one does not touch it.
    public static func newer(_ description: String) -> StateError { StateError(.newer, description) }

    /// Whether a write was refused by the fence (another node leads).
    public var isFenced: Bool { kind == .fenced }
    /// Whether the database's schema is newer than this planwatch knows.
    public var isNewer: Bool { kind == .newer }
    /// Whether the store was not there.
    public var isMissing: Bool { kind == .missing }
    /// Whether the store is damaged.
    public var isCorrupt: Bool { kind == .corrupt }
}
