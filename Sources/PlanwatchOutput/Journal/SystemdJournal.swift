import CSystemd
import Foundation

/// Writes entries to journald with `sd_journal_sendv` (the variadic `sd_journal_send` cannot be
/// called from Swift). Every field points into one buffer kept alive for the call.
public struct SystemdJournal: JournalSink {
    /// The socket journald listens on.
    public static let socketPath = "/run/systemd/journal/socket"

    /// Whether journald's socket exists.
    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: socketPath) }

    public init() {}

    public func send(_ entry: JournalEntry) {
        var buffer: [UInt8] = []
        var ranges: [(Int, Int)] = []
        for field in entry.fields {
            let start = buffer.count
            buffer += Array("\(field.name)=".utf8)
            buffer += Array(field.value.utf8)
            ranges.append((start, buffer.count - start))
        }
        let result = buffer.withUnsafeMutableBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return -1 }
            var vectors = ranges.map { iovec(iov_base: base + $0.0, iov_len: $0.1) }
            return vectors.withUnsafeMutableBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
        if result < 0 {
            StderrJournal().send(entry)
        }
    }
}

/// Writes entries to standard error as `<priority>planwatch: message key=value …`, when there is
/// no journal (a terminal, a container).
public struct StderrJournal: JournalSink {
    public init() {}

    public func send(_ entry: JournalEntry) {
        let priority = entry["PRIORITY"] ?? "6"
        let extra = entry.fields.filter { $0.name.hasPrefix("PLANWATCH_") }.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        let line = "<\(priority)>planwatch: \(entry["MESSAGE"] ?? "")" + (extra.isEmpty ? "" : " [\(extra)]") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
