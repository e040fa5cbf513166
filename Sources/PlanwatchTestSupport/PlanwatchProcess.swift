public import Foundation

/// Runs the built `planwatch` binary, as a user would (for the CLI and integration tests).
public struct PlanwatchProcess {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// The process id, to find its journal entries (`_PID=`).
        public var pid: Int32
        /// When the process was started: its journal entries are those of `pid` since then (a
        /// journal kept across runs holds older processes that had the same id).
        public var started: Date
    }

    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `planwatch` executable next to the test bundle (both live in the build folder).
    public static var executable: URL {
        if let override = ProcessInfo.processInfo.environment["PLANWATCH_BIN"] {
            return URL(fileURLWithPath: override)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("planwatch").path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("planwatch")
    }

    /// Runs the binary with `arguments`, the environment with `environment` added.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        try runProgram(executable.path, arguments, environment: environment)
    }
}

/// Runs any program and returns its status and output.
public func runProgram(_ path: String, _ arguments: [String], input: String? = nil,
                       environment: [String: String] = [:]) throws -> PlanwatchProcess.Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe(), err = Pipe(), inputPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    if input != nil { process.standardInput = inputPipe }
    let started = Date()
    try process.run()
    if let input {
        inputPipe.fileHandleForWriting.write(Data(input.utf8))
        try? inputPipe.fileHandleForWriting.close()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return PlanwatchProcess.Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                   stderr: String(decoding: stderr, as: UTF8.self), pid: process.processIdentifier, started: started)
}

/// Writes an executable script (mode 0755) to a new temporary file and returns its path. The file
/// is written through a descriptor that no child process inherits: a child of another test that
/// still held it open for writing would make running the script fail with "Text file busy".
public func temporaryScript(_ contents: String, name: String = "script") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    let bytes = Array(contents.utf8)
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    return path
}
