import CSystemd
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders (recursively) and files with inotify and sends an event (`.filesChanged` by
/// default) once changes have been quiet for `quiet` (an editor's save, a `git pull`, a bulk export
/// all become one reload).
/// Its thread blocks in `read` while nothing changes: no wake-ups when idle.
public final class FileWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private let hub: EventHub
    private let quiet: Double
    private let event: DaemonEvent
    private let lock = NSLock()
    private var watched: [Int32: String] = [:]

    public init(paths: [String], hub: EventHub, quiet: Double = 1.0, event: DaemonEvent = .filesChanged) throws {
        self.hub = hub
        self.quiet = quiet
        self.event = event
        descriptor = inotify_init1(CSystemd_IN_CLOEXEC)
        guard descriptor >= 0 else { throw DaemonError("inotify_init1: \(String(cString: strerror(errno)))") }
        for path in paths { addRecursively(path) }
        let reader = Thread { [weak self] in self?.readLoop() }
        reader.name = "planwatch-inotify"
        reader.start()
    }

    private func addRecursively(_ path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        let watch = inotify_add_watch(descriptor, path, CSystemd_IN_WATCHED)
        if watch >= 0 { lock.withLock { watched[watch] = path } }
        guard isDirectory.boolValue, let children = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for child in children where !child.hasPrefix(".") {
            let full = path + "/" + child
            var childIsDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &childIsDirectory), childIsDirectory.boolValue {
                addRecursively(full)
            }
        }
    }

    /// Blocks until a change, then collects further changes until `quiet` passes without one.
    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            guard readEvents(&buffer) else { return }
            while true {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(quiet * 1000))
                if ready < 0 && errno == EINTR { continue }
                if ready <= 0 { break }
                guard readEvents(&buffer) else { return }
            }
            hub.send(event)
        }
    }

    /// Reads one batch of events (blocking); watches new folders. False when the descriptor is gone.
    private func readEvents(_ buffer: inout [UInt8]) -> Bool {
        var count = 0
        repeat {
            count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        } while count < 0 && errno == EINTR
        guard count > 0 else { return false }
        var offset = 0
        while offset < count {
            let (watch, mask, length, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = raw[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
            }
            offset += MemoryLayout<inotify_event>.size + length
            if mask & CSystemd_IN_ISDIR != 0, !name.hasPrefix("."), let parent = lock.withLock({ watched[watch] }) {
                addRecursively(parent + "/" + name)
            }
        }
        return true
    }
}
