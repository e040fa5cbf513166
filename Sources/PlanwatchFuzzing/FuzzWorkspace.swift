public import Foundation

/// A private folder in which the loader targets write each input as a file (the loader reads
/// files, as `planwatch check` does). In `/dev/shm` where there is one: the fuzzer writes a file
/// per input, thousands a second.
public final class FuzzWorkspace: Sendable {
    /// The folder.
    public let folder: URL

    /// Creates an empty folder of its own.
    /// - Throws: when the folder cannot be created.
    public init() throws {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm")
            : FileManager.default.temporaryDirectory
        folder = base.appendingPathComponent("planwatch-fuzz-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `bytes` as the only file of the folder, named `name`, and returns its path.
    func write(_ bytes: [UInt8], as name: String) -> String {
        for old in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where old != name {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(old))
        }
        let path = folder.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}
