public import PlanwatchCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The mail spool, in Maildir layout: a message is written to `tmp/`, flushed to disk, renamed into
/// `new/`, and the directory is flushed too, so a crash leaves either no message or a whole one.
/// Files are 0600. Delivery renames a message into `inflight/` before handing it over, then into
/// `sent/` (or back into `new/`, or `failed/`); retry schedules live in `retry/`. Two lock files in
/// the spool's folder keep flushes (`.flush.lock`) and cycles (`.cycle.lock`) one at a time.
public struct MaildirSpool: MailSpool {
    /// The folders on disk: the states, and `tmp/` and `retry/`.
    enum Folder: String, CaseIterable {
        case tmp, new, inflight, sent, failed, retry

        init(_ state: SpoolState) { self.init(rawValue: state.rawValue)! }
    }

    public let root: String

    public init(root: String) {
        self.root = root
    }

    func path(_ folder: Folder, _ name: String? = nil) -> String {
        name.map { "\(root)/\(folder.rawValue)/\($0)" } ?? "\(root)/\(folder.rawValue)"
    }

    /// The lock every flush holds.
    public var deliveryLock: FileLock { FileLock(path: root + "/.flush.lock") }
    /// The lock every cycle holds (the daemon and `run --once` never write at the same time).
    public var cycleLock: FileLock { FileLock(path: root + "/.cycle.lock") }

    public func prepare() throws(SpoolError) {
        for folder in [root] + Folder.allCases.map({ path($0) }) {
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

    /// Whether a message of this name is in the spool (in any state).
    public func contains(_ name: String) -> Bool {
        SpoolState.allCases.contains { access(path(Folder($0), name), F_OK) == 0 }
    }

    @discardableResult
    public func add(name: String, data: [UInt8]) throws(SpoolError) -> Bool {
        if contains(name) { return false }
        let temporary = path(.tmp, name)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SpoolError("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        FileOwnership.handToFolderOwner(descriptor: descriptor, path: temporary)
        var written = 0
        let ok = data.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let count = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += count
            }
            return fsync(descriptor) == 0
        }
        let error = errno
        close(descriptor)
        guard ok else {
            unlink(temporary)
            throw SpoolError("cannot write \(temporary): \(String(cString: strerror(error)))")
        }
        guard rename(temporary, path(.new, name)) == 0 else {
            let error = errno
            unlink(temporary)
            throw SpoolError("cannot move \(name) into new/: \(String(cString: strerror(error)))")
        }
        try syncDirectory(.new)
        return true
    }

    /// Flushes a folder's entries to disk (after a rename into it).
    func syncDirectory(_ folder: Folder) throws(SpoolError) {
        let descriptor = open(path(folder), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SpoolError("cannot open \(path(folder)): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SpoolError("cannot sync \(path(folder)): \(String(cString: strerror(errno)))") }
    }

    public func names(in state: SpoolState) -> [String] { names(in: Folder(state)) }

    /// The names in a folder, sorted (files only; hidden names are not messages).
    func names(in folder: Folder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    public func message(_ name: String, in state: SpoolState) -> [UInt8]? {
        FileManager.default.contents(atPath: path(Folder(state), name)).map { Array($0) }
    }

    public func move(_ name: String, from source: SpoolState, to target: SpoolState, at instant: Instant) throws(SpoolError) {
        let destination = path(Folder(target), name)
        guard rename(path(Folder(source), name), destination) == 0 else {
            throw SpoolError("cannot move \(name) from \(source.rawValue)/ to \(target.rawValue)/: \(String(cString: strerror(errno)))")
        }
        // When it entered the state (for pruning sent/), by the same clock as the caller's.
        var times = [timespec(tv_sec: Int(instant.seconds), tv_nsec: 0), timespec(tv_sec: Int(instant.seconds), tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, destination, &times, 0)
        try syncDirectory(Folder(target))
    }

    public func enteredAt(_ name: String, in state: SpoolState) -> Instant? {
        var info = stat()
        guard stat(path(Folder(state), name), &info) == 0 else { return nil }
        return Instant(seconds: Int64(info.st_mtim.tv_sec))
    }

    public func remove(_ name: String, from state: SpoolState) {
        unlink(path(Folder(state), name))
    }

    public func retry(of name: String) -> RetrySchedule? {
        FileManager.default.contents(atPath: path(.retry, name)).flatMap { RetrySchedule(String(decoding: $0, as: UTF8.self)) }
    }

    public func setRetry(_ schedule: RetrySchedule?, of name: String) {
        guard let schedule else {
            unlink(path(.retry, name))
            return
        }
        let temporary = path(.retry, ".\(name).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        FileOwnership.handToFolderOwner(descriptor: descriptor, path: temporary)
        let bytes = Array(schedule.text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        _ = rename(temporary, path(.retry, name))
    }

    public func cleanUp() {
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: path(.tmp))) ?? []) { unlink(path(.tmp, name)) }
    }

    public func withDeliveryLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await deliveryLock.withLock(body)
    }

    /// The `X-Planwatch-Key` and `X-Planwatch-Rcpt` headers of a message.
    public static func headers(of data: [UInt8]) -> (keys: [NotificationKey], recipients: [String]) {
        var keys: [NotificationKey] = [], recipients: [String] = []
        let text = String(decoding: data.prefix(256 * 1024), as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") {
            if line.isEmpty { break }
            if line.hasPrefix("X-Planwatch-Key: "), let key = NotificationKey(HeaderEncoding.decodedKey(line.dropFirst("X-Planwatch-Key: ".count))) {
                keys.append(key)
            }
            if line.hasPrefix("X-Planwatch-Rcpt: <"), line.hasSuffix(">") {
                recipients.append(String(line.dropFirst("X-Planwatch-Rcpt: <".count).dropLast()))
            }
        }
        return (keys, recipients)
    }
}
