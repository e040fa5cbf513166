/// What the lease keeper (``LeaseKeeper``) tells the daemon about this node's leadership.
public enum LeadershipChange: Sendable, Equatable {
    /// This node took the lease with this epoch: it runs the cycles now.
    case gained(epoch: Int64)
    /// This node no longer leads (it held `epoch`): another node took the lease, or it could not
    /// renew it in time. It writes nothing more under that epoch.
    case lost(epoch: Int64, reason: String)
    /// This node does not lead and another may; with a reason, the database could not be asked.
    case standby(problem: String?)
}
