import Foundation
public import PlanwatchCore
public import PlanwatchState

/// Where the PostgreSQL password comes from: never the address (it would end up in logs, `status`
/// and the process list), but a file — `postgresql.password_file` in the configuration, else the
/// systemd credential `postgresql-password` (`LoadCredential=`, read from `$CREDENTIALS_DIRECTORY`).
public enum PostgresPassword {
    /// The systemd credential's name.
    public static let credentialName = "postgresql-password"

    /// Reads the password for `settings`; `nil` when neither a file nor a credential is set up (the
    /// server may then let the user in by peer or trust authentication).
    /// - Throws: ``StateError/failed(_:)`` naming the file when it is set up but cannot be read.
    public static func read(_ settings: HighAvailability,
                            environment: [String: String]? = nil) throws(StateError) -> String? {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let path: String
        if let file = settings.passwordFile {
            path = file
        } else if let folder = environment["CREDENTIALS_DIRECTORY"],
                  FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(credentialName)) {
            path = (folder as NSString).appendingPathComponent(credentialName)
        } else {
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .failed("cannot read the PostgreSQL password file \(path) (postgresql.password_file, or the credential "
                + "\(credentialName)): it is missing or not readable by this user")
        }
        // The first line, without its line break: `echo secret > file` works as expected.
        let text = String(decoding: data, as: UTF8.self)
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}
