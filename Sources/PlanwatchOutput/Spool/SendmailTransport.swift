public import Foundation

/// What became of one hand-over to the MTA.
public enum DeliveryResult: Hashable, Sendable {
    case delivered
    /// Try again later (the MTA is down, the queue is full, …).
    case temporary(String)
    /// Do not try again (the address is refused, the message is malformed).
    case permanent(String)
}

/// Hands a message to `sendmail`: the program and its arguments as an argv, never a shell;
/// recipients after `--`, so none can pass for an option.
public struct SendmailTransport: Sendable {
    /// The sendmail program (`/usr/sbin/sendmail`).
    public var path: String
    /// The envelope sender.
    public var sender: String
    /// How long sendmail may take before it counts as a temporary failure.
    public var timeout: Double

    public init(path: String, sender: String, timeout: Double = 120) {
        self.path = path
        self.sender = sender
        self.timeout = timeout
    }

    /// The argv (without the program).
    public func arguments(recipients: [String]) -> [String] {
        ["-i", "-f", sender, "--"] + recipients
    }

    public func deliver(_ data: Data, to recipients: [String]) -> DeliveryResult {
        guard !recipients.isEmpty else { return .permanent("the message names no recipient") }
        guard FileManager.default.isExecutableFile(atPath: path) else { return .temporary("\(path) is not an executable") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments(recipients: recipients)
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .temporary("cannot start \(path): \(error.localizedDescription)")
        }
        let writer = input.fileHandleForWriting
        do {
            try writer.write(contentsOf: data)
            try writer.close()
        } catch {
            // sendmail stopped reading; its exit status says why.
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return .temporary("\(path) did not finish within \(Int(timeout)) s")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if process.terminationReason == .uncaughtSignal {
            return .temporary("\(path) was killed by signal \(process.terminationStatus)")
        }
        return Self.classify(status: process.terminationStatus, message: message)
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
