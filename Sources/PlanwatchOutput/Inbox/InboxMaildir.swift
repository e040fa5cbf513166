public import PlanwatchCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Maildir replies are delivered into (`inbox:`, by default `/var/spool/planwatch/inbox`):
/// Postfix writes each mail into `new/`; once processed it moves to `cur/`, or to `refused/` when it
/// was not a completion (kept aside for `planwatch inbox list` and `retry`). Nothing is deleted
/// before it is processed; processed and refused mail is removed after `inbox.keep`.
public struct InboxMaildir: Sendable {
    /// Where a mail is.
    public enum Folder: String, Sendable, CaseIterable {
        /// Delivered, not yet processed.
        case new
        /// Processed.
        case cur
        /// Not a completion: kept aside.
        case refused
    }

    public let root: String

    public init(root: String) {
        self.root = root
    }

    func path(_ folder: Folder, _ name: String? = nil) -> String {
        name.map { "\(root)/\(folder.rawValue)/\($0)" } ?? "\(root)/\(folder.rawValue)"
    }

    /// Creates the folders (`tmp/`, `new/`, `cur/`, `refused/`) when missing; as root they go to
    /// the inbox's owner.
    public func prepare() throws(SpoolError) {
        for folder in [root, root + "/tmp"] + Folder.allCases.map({ path($0) }) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw SpoolError("\(folder) is not a folder") }
                continue
            }
            guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
                throw SpoolError("cannot create \(folder): \(String(cString: strerror(errno)))")
            }
            if folder != root { FileOwnership.handToFolderOwner(path: folder) }
        }
    }

    /// The mails in a folder, oldest name first (hidden names are not mails).
    public func names(in folder: Folder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// A mail's bytes, at most `limit` of them (more is reported by the caller as too large), and its full size.
    public func read(_ name: String, in folder: Folder, limit: Int) -> (bytes: [UInt8], size: Int)? {
        let file = path(folder, name)
        var info = stat()
        guard stat(file, &info) == 0, let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit)) ?? Data()
        return (Array(data ?? Data()), Int(info.st_size))
    }

    /// When a mail arrived (its file's modification time, as the MTA wrote it).
    public func arrivedAt(_ name: String, in folder: Folder) -> Instant? {
        var info = stat()
        guard stat(path(folder, name), &info) == 0 else { return nil }
        return Instant(seconds: Int64(info.st_mtim.tv_sec))
    }

    /// Whether `name` can be a mail's file name: no path, not hidden.
    public static func isMailName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.utf8.contains(0)
    }

    /// Whether a mail of that name is in a folder.
    public func contains(_ name: String, in folder: Folder) -> Bool {
        Self.isMailName(name) && access(path(folder, name), F_OK) == 0
    }

    /// Moves a mail between folders, durably.
    public func move(_ name: String, from source: Folder, to target: Folder) throws(SpoolError) {
        guard Self.isMailName(name) else { throw SpoolError("'\(name)' is not a mail's file name") }
        guard rename(path(source, name), path(target, name)) == 0 else {
            throw SpoolError("cannot move \(name) from \(source.rawValue)/ to \(target.rawValue)/: \(String(cString: strerror(errno)))")
        }
        let descriptor = open(path(target), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    /// Removes processed and refused mail older than `instant`; how many went.
    @discardableResult
    public func prune(olderThan instant: Instant) -> Int {
        var removed = 0
        for folder in [Folder.cur, .refused] {
            for name in names(in: folder) {
                guard let arrived = arrivedAt(name, in: folder), arrived < instant else { continue }
                if unlink(path(folder, name)) == 0 { removed += 1 }
            }
        }
        return removed
    }
}
