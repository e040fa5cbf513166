import ArgumentParser

import Foundation

/// Exit statuses of sysexits(3), as the design's command-line contract uses them.
enum ExitStatus: Int32 {
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case cannotCreate = 73
    case temporaryFailure = 75
    case configuration = 78
}

/// An error for the user: printed as `planwatch: <message>` on standard error, then the process
/// exits with `status`.
struct CommandFailure: Error {
    var messages: [String]
    var status: ExitStatus

    init(_ status: ExitStatus, _ messages: [String]) {
        self.status = status
        self.messages = messages
    }

    init(_ status: ExitStatus, _ message: String) {
        self.init(status, [message])
    }
}

extension ParsableArguments {
    /// Runs `body`; a `CommandFailure` is reported on standard error and becomes the exit status.
    func reportingFailures<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as CommandFailure {
            for message in failure.messages { printError("planwatch: " + message) }
            throw ExitCode(failure.status.rawValue)
        }
    }

    /// Runs `body`; a `CommandFailure` is reported on standard error and becomes the exit status.
    func reportingFailures<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as CommandFailure {
            for message in failure.messages { printError("planwatch: " + message) }
            throw ExitCode(failure.status.rawValue)
        }
    }
}

/// Writes bytes to standard output, whole (for long listings: no string made of them first).
/// - Returns: false when standard output failed (a closed pipe): what follows is not written either.
@discardableResult
func writeStandardOutput(_ bytes: [UInt8]) -> Bool {
    fflush(nil)
    return bytes.withUnsafeBytes { raw in
        var written = 0
        while written < raw.count {
            let count = write(1, raw.baseAddress! + written, raw.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += count
        }
        return true
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Ends a one-shot command successfully without freeing what it loaded: the system takes the
/// memory back at once, while freeing a large plan item by item is a noticeable part of the run
/// (compilers do the same; clang frees nothing at exit by default). Output streams are flushed.
func exitSuccessfully(keeping loaded: some Any) -> Never {
    withExtendedLifetime(loaded) {
        fflush(nil)
        exit(0)
    }
}
