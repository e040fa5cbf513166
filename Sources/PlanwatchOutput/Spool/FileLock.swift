import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock between processes: `flock` on a file. A second holder waits (it polls, so a
/// waiting task never blocks a thread). The lock file is created when missing — as root in a folder
/// owned by another user (the service user), it is handed to that user, so the service can still take it.
public struct FileLock: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Runs `body` holding the lock; waits up to `timeout` seconds for it.
    /// - Throws: ``LockError`` when the file cannot be opened or the lock is not had in time; what `body` throws.
    public func withLock<T: Sendable>(timeout: Double = 600, _ body: @Sendable () async throws -> T) async throws -> T {
        let descriptor = try open()
        defer { close(descriptor) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw LockError("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
            guard Date() < deadline else { throw LockError("\(path) is held by another process for more than \(Int(timeout)) s") }
            try? await Task.sleep(for: .milliseconds(50))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }

    /// Whether another process holds the lock now.
    public var isHeld: Bool {
        guard let descriptor = try? open() else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return true
    }

    private func open() throws -> Int32 {
        let existed = FileManager.default.fileExists(atPath: path)
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw LockError("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        if !existed { FileOwnership.handToFolderOwner(descriptor: descriptor, path: path) }
        return descriptor
    }
}

/// A lock that could not be had.
public struct LockError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Files created by root in a folder of the service user stay usable by that user.
public enum FileOwnership {
    /// When run as root, gives the open file to the owner of the folder it is in (when that is not root).
    public static func handToFolderOwner(descriptor: Int32, path: String) {
        guard geteuid() == 0 else { return }
        var folder = stat()
        let parent = (path as NSString).deletingLastPathComponent
        guard stat(parent.isEmpty ? "." : parent, &folder) == 0, folder.st_uid != 0 else { return }
        _ = fchown(descriptor, folder.st_uid, folder.st_gid)
    }

    /// The same for a path (opened without following a symbolic link).
    public static func handToFolderOwner(path: String) {
        guard geteuid() == 0 else { return }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        handToFolderOwner(descriptor: descriptor, path: path)
    }
}
