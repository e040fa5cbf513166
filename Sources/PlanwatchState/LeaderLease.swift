public import PlanwatchCore

/// Leadership among nodes that share one state: a lease row (holder, epoch, expiry) taken and
/// renewed with conditional updates. The epoch rises with every new leader and is the fencing token:
/// the store writes the ledger and alert states only under the epoch it holds, checked in the
/// writing transaction itself, so a paused or cut-off former leader cannot write once another leads.
///
/// Only the PostgreSQL state has one (``PostgresStateStore``); with SQLite one node is all there is.
public protocol LeaderLease: Sendable {
    /// This node's name.
    var node: String { get }
    /// Takes the lease when it is free, expired or held by this process, with a new epoch; `nil` when
    /// another node — or another process of this node — holds it. The store then writes under the grant.
    func acquireLease() async throws(StateError) -> LeaseGrant?
    /// Renews a held lease; `nil` when it was lost (expired and taken, or ended). The store then
    /// writes nothing more under it.
    func renewLease(_ grant: LeaseGrant) async throws(StateError) -> LeaseGrant?
    /// Ends a held lease now (at shutdown), so another node need not wait for it to expire.
    func releaseLease(_ grant: LeaseGrant) async throws(StateError)
    /// Stops writing under any grant at once (the leader stopped trusting its lease).
    func dropFence() async
    /// The lease as the database has it.
    func currentLease() async throws(StateError) -> LeaseRecord?
    /// The nodes that took part, with their last attempt and last cycle.
    func nodes() async throws(StateError) -> [NodeRecord]
}

/// A lease this node holds.
public struct LeaseGrant: Hashable, Sendable {
    public var epoch: Int64
    /// When the lease ends by the database's clock.
    public var expiresAt: Instant
    /// Until when this node trusts it, by its own monotonic clock: the lease less a margin,
    /// counted from when the request that took or renewed it was sent.
    public var trustedUntil: ContinuousClock.Instant

    public init(epoch: Int64, expiresAt: Instant, trustedUntil: ContinuousClock.Instant) {
        self.epoch = epoch
        self.expiresAt = expiresAt
        self.trustedUntil = trustedUntil
    }
}

/// The lease row.
public struct LeaseRecord: Hashable, Sendable {
    public var holder: String
    public var epoch: Int64
    public var acquiredAt: Instant
    public var renewedAt: Instant
    public var expiresAt: Instant
    /// The database's clock when it was read.
    public var readAt: Instant

    public init(holder: String, epoch: Int64, acquiredAt: Instant, renewedAt: Instant, expiresAt: Instant, readAt: Instant) {
        self.holder = holder
        self.epoch = epoch
        self.acquiredAt = acquiredAt
        self.renewedAt = renewedAt
        self.expiresAt = expiresAt
        self.readAt = readAt
    }

    /// Whether it is in force at the time it was read.
    public var isValid: Bool { expiresAt > readAt }
}

/// A node that shares the state.
public struct NodeRecord: Hashable, Sendable {
    public var name: String
    /// When it last tried to take or renew the lease (by the database's clock).
    public var seenAt: Instant
    /// Whether it led then.
    public var leading: Bool
    /// Its latest cycle.
    public var lastRun: RunRecord?

    public init(name: String, seenAt: Instant, leading: Bool, lastRun: RunRecord?) {
        self.name = name
        self.seenAt = seenAt
        self.leading = leading
        self.lastRun = lastRun
    }
}
