import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real unix datagram socket to stand in for systemd's `NOTIFY_SOCKET`.
final class NotifySocket {
    let path: String
    private let descriptor: Int32
    /// Every assignment received, in order (`READY=1`, `STATUS=…`).
    private(set) var received: [String] = []

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8)).sock").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw IntegrationError("bind \(path): \(String(cString: strerror(errno)))") }
    }

    /// Reads datagrams until one carries an assignment starting with `prefix`, or `seconds` pass.
    @discardableResult
    func wait(for prefix: String, seconds: Double = 20) -> String? {
        wait(seconds: seconds) { $0.hasPrefix(prefix) }
    }

    /// Reads datagrams until an assignment satisfies `matches`, or `seconds` pass. Of what arrived
    /// before, it looks only at assignments that were neither returned before nor skipped.
    @discardableResult
    func wait(seconds: Double = 20, matching matches: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        if let found = received[skipped...].first(where: { matches($0) && !consumed.contains($0) }) { return take(found) }
        while Date() < deadline {
            let before = received.count
            guard receive(waitingUpTo: deadline.timeIntervalSinceNow) else { continue }
            if let found = received[before...].first(where: matches) { return take(found) }
        }
        return nil
    }

    /// Takes in what has arrived and sets it aside: later waits see only what comes after.
    func skipReceived() {
        while receive(waitingUpTo: 0) {}
        skipped = received.count
    }

    /// Reads one datagram into `received`; false when none came within `seconds`.
    private func receive(waitingUpTo seconds: Double) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(max(0, seconds * 1000))) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        received += String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n").map(String.init)
        return true
    }

    private var consumed = Set<String>()
    private var skipped = 0
    private func take(_ assignment: String) -> String {
        consumed.insert(assignment)
        return assignment
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
