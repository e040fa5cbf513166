/// Where a PostgreSQL state database is: `postgresql://USER@HOST:PORT/DATABASE`, or over a Unix
/// socket `postgresql://USER@/DATABASE?host=/var/run/postgresql`. The one parser of `state:` URLs.
///
/// A password is never part of the address (it would end up in logs, `ps` and the journal): it
/// comes from a file (`postgresql.password_file`) or systemd's credentials (`$CREDENTIALS_DIRECTORY`).
public struct PostgresAddress: Hashable, Sendable, CustomStringConvertible {
    /// How the connection is encrypted (`?sslmode=`).
    public enum TLSMode: String, Hashable, Sendable, CaseIterable {
        /// Plain text (the default over a Unix socket).
        case disable
        /// TLS when the server offers it (the default over TCP).
        case prefer
        /// TLS or no connection.
        case require
    }

    public var user: String
    /// The host name or address; `nil` over a Unix socket.
    public var host: String?
    public var port: Int
    /// The folder of the server's Unix socket (`?host=/var/run/postgresql`).
    public var socketFolder: String?
    public var database: String
    public var tls: TLSMode

    public init(user: String, host: String?, port: Int = 5432, socketFolder: String? = nil, database: String, tls: TLSMode? = nil) {
        self.user = user
        self.host = host
        self.port = port
        self.socketFolder = socketFolder
        self.database = database
        self.tls = tls ?? (socketFolder == nil ? .prefer : .disable)
    }

    /// The socket file of a Unix-socket address (`/var/run/postgresql/.s.PGSQL.5432`).
    public var socketPath: String? { socketFolder.map { "\($0)/.s.PGSQL.\(port)" } }

    /// Whether `text` is meant as a PostgreSQL address (and not an SQLite file name).
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgresql:") || text.hasPrefix("postgres:")
    }

    /// Parses an address.
    /// - Throws: ``PostgresAddressError`` naming what is wrong (a password in it, no user, no database, a bad port…).
    public init(parsing text: String) throws(PostgresAddressError) {
        guard let schemeEnd = Self.schemeEnd(text), Self.isAddress(text) else {
            throw PostgresAddressError("'\(Self.redacted(text))' is not a PostgreSQL address", hint: "write postgresql://USER@HOST:PORT/DATABASE")
        }
        var rest = Substring(text[schemeEnd...])
        var query: [String: String] = [:]
        if let mark = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                query[String(parts[0])] = parts.count > 1 ? Self.percentDecoded(parts[1]) : ""
            }
            rest = rest[..<mark]
        }
        guard let at = rest.lastIndex(of: "@") else {
            throw PostgresAddressError("the PostgreSQL address '\(Self.redacted(text))' names no user", hint: "write postgresql://USER@HOST/DATABASE")
        }
        let userInfo = rest[..<at]
        if userInfo.contains(":") {
            throw PostgresAddressError("the PostgreSQL address holds a password; it would be shown in logs and process lists",
                                       hint: "remove it from the address and put it in the file named by postgresql.password_file, "
                                           + "or in the systemd credential postgresql-password (LoadCredential=)")
        }
        let user = Self.percentDecoded(userInfo)
        guard !user.isEmpty else { throw PostgresAddressError("the PostgreSQL address names no user", hint: "write postgresql://USER@HOST/DATABASE") }
        let afterAt = rest[rest.index(after: at)...]
        guard let slash = afterAt.firstIndex(of: "/") else {
            throw PostgresAddressError("the PostgreSQL address '\(Self.redacted(text))' names no database", hint: "write postgresql://USER@HOST/DATABASE")
        }
        let database = Self.percentDecoded(afterAt[afterAt.index(after: slash)...])
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresAddressError("the PostgreSQL address '\(Self.redacted(text))' names no database", hint: "write postgresql://USER@HOST/DATABASE")
        }
        var hostPart = afterAt[..<slash]
        var port = 5432
        if hostPart.hasPrefix("[") {
            // An IPv6 address: [::1]:5432
            guard let close = hostPart.firstIndex(of: "]") else { throw PostgresAddressError("the host '\(hostPart)' is not closed by ]") }
            let after = hostPart[hostPart.index(after: close)...]
            if after.hasPrefix(":") { port = try Self.port(after.dropFirst()) } else if !after.isEmpty { throw PostgresAddressError("cannot read the host '\(hostPart)'") }
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
        } else if let colon = hostPart.lastIndex(of: ":") {
            port = try Self.port(hostPart[hostPart.index(after: colon)...])
            hostPart = hostPart[..<colon]
        }
        if let value = query["port"] { port = try Self.port(Substring(value)) }
        var socketFolder: String?
        var host: String? = hostPart.isEmpty ? nil : String(hostPart)
        if let value = query["host"] {
            if value.hasPrefix("/") { socketFolder = value } else { host = value }
        }
        if host == nil, socketFolder == nil { socketFolder = "/var/run/postgresql" }
        if host != nil, socketFolder != nil {
            throw PostgresAddressError("the PostgreSQL address names both a host and a socket folder", hint: "leave out one of them")
        }
        var tls: TLSMode?
        if let value = query["sslmode"] {
            guard let mode = TLSMode(rawValue: value) else {
                throw PostgresAddressError("unknown sslmode '\(value)'", hint: "use disable, prefer or require")
            }
            tls = mode
        }
        for key in query.keys where !["host", "port", "sslmode"].contains(key) {
            if key == "password" {
                throw PostgresAddressError("the PostgreSQL address holds a password; it would be shown in logs and process lists",
                                           hint: "put it in the file named by postgresql.password_file instead")
            }
            throw PostgresAddressError("unknown parameter '\(key)' in the PostgreSQL address", hint: "host, port and sslmode are known")
        }
        self.init(user: user, host: host, port: port, socketFolder: socketFolder, database: database, tls: tls)
    }

    /// The address as written back, without any secret: `postgresql://planwatch@db:5432/planwatch`.
    public var description: String {
        if let socketFolder { return "postgresql://\(user)@/\(database)?host=\(socketFolder)" + (port == 5432 ? "" : "&port=\(port)") }
        let shownHost = host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""
        return "postgresql://\(user)@\(shownHost):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
    }

    private static func port(_ text: Substring) throws(PostgresAddressError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else { throw PostgresAddressError("'\(text)' is not a port (1 to 65535)") }
        return port
    }

    /// `%40` → `@`; anything that is not a valid escape stays as it is.
    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), let first = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), first < utf8.endIndex,
               let second = utf8.index(first, offsetBy: 1, limitedBy: utf8.endIndex), second < utf8.endIndex,
               let value = UInt8(String(decoding: [utf8[first], utf8[second]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(after: second)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An address as it may be shown in a message: a password in it replaced by `***`.
    public static func redacted(_ text: String) -> String {
        guard let schemeEnd = schemeEnd(text) else { return text }
        let rest = text[schemeEnd...]
        guard let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<schemeEnd]) + rest[..<colon] + ":***" + rest[at...]
    }

    /// Where the text after `scheme://` begins.
    private static func schemeEnd(_ text: String) -> String.Index? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let after = text[colon...]
        guard after.hasPrefix("://") else { return nil }
        return text.index(colon, offsetBy: 3)
    }
}

/// A `state:` address that cannot be used, with a hint.
public struct PostgresAddressError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public var hint: String?
    public init(_ description: String, hint: String? = nil) {
        self.description = description
        self.hint = hint
    }
}
