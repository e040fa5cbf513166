import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Hands a message to `sendmail`: the program and its arguments as an argv, never a shell;
/// recipients after `--`, so none can pass for an option. A sendmail that does not finish within
/// `timeout` is stopped (SIGTERM, then SIGKILL) and the message is retried later.
public struct SendmailTransport: MailTransport {
    /// The sendmail program (`/usr/sbin/sendmail`).
    public var path: String
    /// How long sendmail may take before it counts as a temporary failure, in seconds.
    public var timeout: Double

    public init(path: String, timeout: Double = 120) {
        self.path = path
        self.timeout = timeout
    }

    /// The argv (without the program).
    public func arguments(sender: String, recipients: [String]) -> [String] {
        ["-i", "-f", sender, "--"] + recipients
    }

    public func deliver(_ message: [UInt8], from sender: String, to recipients: [String]) async -> DeliveryResult {
        guard !recipients.isEmpty else { return .permanent("the message names no recipient") }
        guard FileManager.default.isExecutableFile(atPath: path) else { return .temporary("\(path) is not an executable") }
        // Process waits block a thread: on one of its own, not the cooperative pool's.
        return await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: run(message, sender: sender, recipients: recipients)) }
            thread.name = "planwatch-sendmail"
            thread.start()
        }
    }

    private func run(_ message: [UInt8], sender: String, recipients: [String]) -> DeliveryResult {
        let (ending, errors) = ChildProcess(path: path, arguments: arguments(sender: sender, recipients: recipients))
            .run(input: message, timeout: timeout)
        let text = errors.trimmingCharacters(in: .whitespacesAndNewlines)
        switch ending {
        case .exited(let status): return Self.classify(status: status, message: text)
        case .signalled(let signal): return .temporary("\(path) was killed by signal \(signal)")
        case .timedOut: return .temporary("\(path) did not finish within \(Int(timeout)) s and was stopped")
        case .notStarted(let reason): return .temporary("cannot start \(path): \(reason)")
        }
    }

    /// sysexits: 0 delivered; 64 usage, 65 data error, 67 unknown user, 68 unknown host, 77 no
    /// permission are permanent; everything else (75 temporary failure, 69 unavailable, …) is temporary.
    public static func classify(status: Int32, message: String) -> DeliveryResult {
        let detail = "sendmail exited with \(status)" + (message.isEmpty ? "" : ": \(message)")
        switch status {
        case 0: return .delivered
        case 64, 65, 67, 68, 77: return .permanent(detail)
        default: return .temporary(detail)
        }
    }
}
