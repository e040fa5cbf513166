import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP relay in front of the test PostgreSQL (a small Python program): stopped with SIGSTOP, it
/// keeps every connection open and passes nothing on, as a network that drops packets or a server
/// that hangs would. The server itself is never stopped: a stopped server process would hold up
/// others (CREATE DATABASE waits for every backend to answer a barrier).
final class StallingRelay: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    /// The port it listens on (127.0.0.1).
    let port: Int

    private static let program = """
        import socket, sys, threading
        target = (sys.argv[1], int(sys.argv[2]))
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        print(server.getsockname()[1], flush=True)
        def pump(source, sink):
            try:
                while data := source.recv(65536):
                    sink.sendall(data)
            except OSError:
                pass
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        accepted = 0
        while True:
            client, _ = server.accept()
            accepted += 1
            print(f"accepted {accepted}", flush=True)
            upstream = socket.create_connection(target)
            threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
        """

    init(to host: String, port target: Int) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.program, host, String(target)]
        process.standardOutput = output
        try process.run()
        guard let line = Self.readLine(output.fileHandleForReading), let port = Int(line) else {
            process.terminate()
            throw RelayFailure(description: "the relay did not say its port")
        }
        self.port = port
    }

    /// Stops passing anything on (SIGSTOP), or goes on (SIGCONT).
    func stall(_ stalled: Bool) {
        kill(process.processIdentifier, stalled ? SIGSTOP : SIGCONT)
    }

    /// How many connections it has taken so far (it says so as it takes each).
    func connectionsTaken() -> Int {
        var count = 0
        let handle = output.fileHandleForReading
        while Self.hasInput(handle), let line = Self.readLine(handle), line.hasPrefix("accepted ") {
            count = Int(line.dropFirst("accepted ".count)) ?? count
        }
        taken = max(taken, count)
        return taken
    }

    private var taken = 0

    private static func hasInput(_ handle: FileHandle) -> Bool {
        var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 200) > 0
    }

    private static func readLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(handle.fileDescriptor, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    deinit {
        kill(process.processIdentifier, SIGCONT)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

struct RelayFailure: Error, CustomStringConvertible {
    var description: String
}
