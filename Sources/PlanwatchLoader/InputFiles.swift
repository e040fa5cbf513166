import Foundation
import PlanwatchCore
#if canImport(Glibc)
import Glibc
#endif

/// The files a rule or plan path stands for: the file itself, or the data files (`*.yaml`, `*.yml`,
/// `*.json`, `*.csv`) below a folder, sorted, hidden entries skipped. Symbolic links are followed —
/// a folder reached twice (a link loop, or two links to one folder) is read once — and every folder
/// or file that cannot be read is a problem to report, never a silent gap in the plan.
struct InputFiles {
    static let extensions: Set<String> = ["yaml", "yml", "json", "csv"]

    /// The files found, and whether each was named itself (not found in a folder).
    var files: [(path: String, explicit: Bool)] = []
    /// What could not be read, where.
    var problems: [(location: SourceLocation, message: String)] = []
    /// Folders that exist and hold no data file (an empty plan folder is a fresh install).
    var emptyFolders: [String] = []

    /// Collects the files of `paths`.
    /// - Throws: ``MissingInputError`` for a path that does not exist.
    init(paths: [String]) throws(MissingInputError) {
        var visited = Set<FolderIdentity>()
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { throw MissingInputError(path: path) }
                problems.append((SourceLocation(file: path), "cannot read: \(String(cString: strerror(errno)))"))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                let before = files.count
                walk(path, info, visited: &visited)
                if files.count == before { emptyFolders.append(path) }
            } else {
                files.append((path, true))
            }
        }
    }

    /// A folder's identity: its device and inode (the same folder by any path).
    struct FolderIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    private mutating func walk(_ folder: String, _ info: stat, visited: inout Set<FolderIdentity>) {
        guard visited.insert(FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { return }
        guard let directory = opendir(folder) else {
            problems.append((SourceLocation(file: folder), "cannot read the folder: \(String(cString: strerror(errno)))"))
            return
        }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(directory)
        for name in names.sorted() {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var child = stat()
            guard stat(path, &child) == 0 else {
                var link = stat()
                if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                    problems.append((SourceLocation(file: path), "a symbolic link to something that does not exist"))
                } else {
                    problems.append((SourceLocation(file: path), "cannot read: \(String(cString: strerror(errno)))"))
                }
                continue
            }
            if child.st_mode & S_IFMT == S_IFDIR {
                walk(path, child, visited: &visited)
            } else if Self.extensions.contains((name as NSString).pathExtension.lowercased()) {
                files.append((path, false))
            }
        }
    }
}
