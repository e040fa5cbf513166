public import PlanwatchCore
public import PlanwatchOutput
public import PlanwatchState
public import Logging
import Foundation

/// The composition root: the state, the spool, the transport, the journal and the logger that a
/// configuration calls for, built in this one place for every command and for the daemon.
public struct Runtime: Sendable {
    public let configuration: Configuration
    public let state: any StateStore
    public let spool: any MailSpool
    /// How mail leaves the spool; `nil` with `transport: none`.
    public let transport: (any MailTransport)?
    public let journal: any JournalSink
    public let logger: Logger
    /// Held by every cycle.
    public let cycleLock: FileLock?

    public init(configuration: Configuration, state: any StateStore, spool: any MailSpool, transport: (any MailTransport)?,
                journal: any JournalSink, logger: Logger, cycleLock: FileLock?) {
        self.configuration = configuration
        self.state = state
        self.spool = spool
        self.transport = transport
        self.journal = journal
        self.logger = logger
        self.cycleLock = cycleLock
    }

    /// How a command uses the state.
    public enum StateAccess: Sendable {
        /// Create the state database when it is missing (cycles, and commands that write).
        case create
        /// Only a database that exists: a command that only reads never creates one.
        case existing
    }

    /// The runtime of a configuration: SQLite state at `state:`, the Maildir spool at `spool:`,
    /// sendmail unless `transport: none`.
    /// - Throws: ``StateError`` when the state cannot be opened (or, with `.existing`, is missing).
    public static func open(_ configuration: Configuration, state access: StateAccess, journal: any JournalSink,
                            logger: Logger) throws(StateError) -> Runtime {
        if access == .create { try Self.makeFolder(of: configuration.statePath) }
        let state = try SQLiteStateStore(path: configuration.statePath, mode: access == .create ? .create : .existing)
        return Runtime(configuration: configuration, state: state, journal: journal, logger: logger)
    }

    /// Creates the folder a state database goes in (0700), when it is missing.
    private static func makeFolder(of path: String) throws(StateError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .failed("cannot create the folder \(folder) for the state database: \(String(cString: strerror(errno)))")
        }
    }

    /// The parts of a configuration around an open state.
    private init(configuration: Configuration, state: any StateStore, journal: any JournalSink, logger: Logger) {
        let spool = MaildirSpool(root: configuration.spoolPath)
        let transport: (any MailTransport)? = switch configuration.mailTransport {
        case .sendmail: SendmailTransport(configuration: configuration)
        case .none: nil
        }
        self.init(configuration: configuration, state: state, spool: spool, transport: transport, journal: journal, logger: logger,
                  cycleLock: spool.cycleLock)
    }

    /// The spool's delivery, when the configuration has a transport.
    public var flusher: SpoolFlusher? {
        transport.map { SpoolFlusher(configuration: configuration, spool: spool, transport: $0, journal: journal) }
    }

    /// The mail composer of the configuration.
    public var composer: MailComposer { MailComposer(configuration: configuration) }

    /// A cycle on this runtime.
    public var cycle: Cycle {
        Cycle(configuration: configuration, state: state, spool: spool, journal: journal, logger: logger, lock: cycleLock,
              delivery: flusher)
    }

    /// The same parts with another configuration (after a reload), keeping the open state (a changed
    /// `state:` takes effect when the daemon restarts).
    public func with(configuration: Configuration) -> Runtime {
        Runtime(configuration: configuration, state: state, journal: journal, logger: logger)
    }
}
