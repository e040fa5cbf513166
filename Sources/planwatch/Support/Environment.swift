import Foundation
import Logging
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchOutput
import PlanwatchState

/// What commands open from the configuration, through the one composition root (``Runtime``).
struct Environment {
    let configuration: Configuration

    /// The state, spool, transport, journal and logger of the configuration.
    /// - Parameter access: `.existing` for commands that only read: a missing database is a clear
    ///   message (exit 66), never a new empty one.
    func runtime(_ access: Runtime.StateAccess) throws -> Runtime {
        do {
            return try Runtime.open(configuration, state: access, journal: journal, logger: logger)
        } catch {
            if error.isMissing {
                throw CommandFailure(.noInput, "\(error.description) — the daemon has not run a cycle yet, or this is not the "
                    + "configuration it uses (the state is found by `state:` in \(configuration.source ?? "the built-in defaults"))")
            }
            throw CommandFailure(error.isCorrupt ? .dataError : .unavailable, error.description)
        }
    }

    /// journald when its socket exists, else standard error.
    var journal: any JournalSink { defaultJournalSink() }

    /// The operational logger (bootstrapped once per process to the journal handler).
    var logger: Logger {
        Self.bootstrap
        return Logger(label: "planwatch")
    }

    private static let bootstrap: Void = {
        LoggingSystem.bootstrap { JournalLogHandler(label: $0) }
    }()

    /// The current time, read here at the command line's edge and passed down.
    static func now() -> Instant { Instant(Date()) }

    /// `--at` parsed in the configured zone, or now.
    func instant(_ text: String?, option: String = "--at") throws -> Instant {
        guard let text else { return Self.now() }
        do {
            return try Timestamp.parse(text, in: configuration.timezone)
        } catch {
            throw CommandFailure(.dataError, "\(option): \(error)")
        }
    }
}
