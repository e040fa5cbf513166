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

    /// The completions recorded in the state (by reply or `planwatch complete`), for commands that
    /// show what the daemon would do: none when there is no state yet; when it cannot be read, none
    /// and a note saying so on standard error.
    func recordedCompletions() async -> [RecordedCompletion] {
        guard FileManager.default.fileExists(atPath: configuration.statePath) else { return [] }
        do {
            return try await Runtime.open(configuration, state: .existing, journal: journal, logger: logger).state.recordedCompletions()
        } catch {
            printError("planwatch: note: the recorded completions are left out: \(error.description)")
            return []
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

    /// Who runs the command: the user behind sudo, else the process's user.
    static var unixUser: String {
        let environment = ProcessInfo.processInfo.environment
        if let user = environment["SUDO_USER"], !user.isEmpty { return user }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "uid \(geteuid())"
    }

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
