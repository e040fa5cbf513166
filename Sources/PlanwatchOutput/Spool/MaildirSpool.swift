public import PlanwatchCore
public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The mail spool, in Maildir layout: a message is written to `tmp/`, flushed to disk, renamed into
/// `new/`, and the directory is flushed too, so a crash leaves either no message or a whole one.
/// Files are 0600. A message's file name follows from its notification key, so spooling it twice
/// does nothing. Delivered mail moves to `sent/`, permanent failures to `failed/`; retry schedules
/// live in `retry/`.
public struct MaildirSpool: Sendable {
    /// The spool's folders.
    public enum Folder: String, Sendable, CaseIterable {
        case tmp, new, sent, failed, retry
    }

    public let root: String

    public init(root: String) {
        self.root = root
    }

    func path(_ folder: Folder, _ name: String? = nil) -> String {
        name.map { "\(root)/\(folder.rawValue)/\($0)" } ?? "\(root)/\(folder.rawValue)"
    }

    /// Creates the folders (0700) when they are missing.
    public func prepare() throws(SpoolError) {
        for folder in Folder.allCases {
            do {
                try FileManager.default.createDirectory(atPath: path(folder), withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw SpoolError("cannot create \(path(folder)): \(error.localizedDescription)")
            }
        }
    }

    /// Whether a message of this name is in the spool (waiting, sent or set aside).
    public func contains(_ name: String) -> Bool {
        [Folder.new, .sent, .failed].contains { FileManager.default.fileExists(atPath: path($0, name)) }
    }

    /// Writes a message durably; returns false (and writes nothing) when it is already there.
    @discardableResult
    public func write(name: String, data: [UInt8]) throws(SpoolError) -> Bool {
        if contains(name) { return false }
        let temporary = path(.tmp, name)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SpoolError("cannot create \(temporary): \(String(cString: strerror(errno)))") }
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

    /// The names in a folder, sorted (files only; `tmp/` leftovers are not messages).
    public func names(in folder: Folder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// A message's bytes.
    public func read(_ name: String, in folder: Folder = .new) -> Data? {
        FileManager.default.contents(atPath: path(folder, name))
    }

    /// Moves a message between folders, durably.
    public func move(_ name: String, from source: Folder, to target: Folder) throws(SpoolError) {
        guard rename(path(source, name), path(target, name)) == 0 else {
            throw SpoolError("cannot move \(name) from \(source.rawValue)/ to \(target.rawValue)/: \(String(cString: strerror(errno)))")
        }
        try syncDirectory(target)
    }

    /// Removes leftovers in `tmp/` (a crash between create and rename).
    public func cleanTemporary() {
        for name in names(in: .tmp) { unlink(path(.tmp, name)) }
    }

    /// The `X-Planwatch-Key` and `X-Planwatch-Rcpt` headers of a message.
    public static func headers(of data: Data) -> (keys: [NotificationKey], recipients: [String]) {
        var keys: [NotificationKey] = [], recipients: [String] = []
        let text = String(decoding: data.prefix(256 * 1024), as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") {
            if line.isEmpty { break }
            if line.hasPrefix("X-Planwatch-Key: "), let key = NotificationKey(line.dropFirst("X-Planwatch-Key: ".count)) { keys.append(key) }
            if line.hasPrefix("X-Planwatch-Rcpt: <"), line.hasSuffix(">") {
                recipients.append(String(line.dropFirst("X-Planwatch-Rcpt: <".count).dropLast()))
            }
        }
        return (keys, recipients)
    }
}

/// A spool that cannot be written or read.
public struct SpoolError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
