import Foundation
import Logging
import PlanwatchCore
import PlanwatchOutput
import PlanwatchState

/// The things commands open from the configuration: state, spool, journal, logger.
struct Environment {
    let configuration: Configuration

    func openStore() throws -> StateStore {
        let folder = URL(fileURLWithPath: configuration.statePath).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        do {
            return try StateStore(path: configuration.statePath)
        } catch {
            throw CommandFailure(.unavailable, error.description)
        }
    }

    var spool: MaildirSpool { MaildirSpool(root: configuration.spoolPath) }

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
