/// How a node takes part in high availability on PostgreSQL (`postgresql:` in the configuration).
public struct HighAvailability: Hashable, Sendable {
    /// This node's name in the lease and the run log (default: the host name). Each node needs its own.
    public var node: String
    /// How long a lease lasts without renewal, in seconds (default 30). The leader renews it every
    /// third of it and stops trusting itself a sixth of it before it ends.
    public var leaseSeconds: Int
    /// The file holding the database password; `nil`: `$CREDENTIALS_DIRECTORY/postgresql-password`
    /// when systemd passes credentials, else no password.
    public var passwordFile: String?

    public init(node: String, leaseSeconds: Int = 30, passwordFile: String? = nil) {
        self.node = node
        self.leaseSeconds = leaseSeconds
        self.passwordFile = passwordFile
    }

    /// How often the leader renews: a third of the lease.
    public var renewMilliseconds: Int { leaseSeconds * 1000 / 3 }
    /// How long after a renewal began the leader still trusts itself: the lease less a sixth of it
    /// (the margin covers a slow round trip and clock rates).
    public var trustMilliseconds: Int { leaseSeconds * 1000 - leaseSeconds * 1000 / 6 }
    /// PostgreSQL's `idle_in_transaction_session_timeout`: a third of the lease, so that a paused
    /// leader's open transaction (and its `FOR SHARE` lock on the lease) ends long before the lease does.
    public var idleTransactionMilliseconds: Int { max(1000, leaseSeconds * 1000 / 3) }
}
