public import PlanwatchCore
public import PlanwatchState

/// Keeps this node's leadership on a shared state: takes the lease when it is free, renews it every
/// third of its length while leading, and gives it up — stops trusting it — when a renewal has not
/// come through with less than one renewal interval of trust left (the lease less a sixth of it,
/// by this node's monotonic clock). A standby asks for the lease every tenth of its length, so it
/// takes over within a tenth of the lease after the former leader's lease ran out.
///
/// It reports changes, not every attempt (``LeadershipChange``); the daemon decides what follows.
public struct LeaseKeeper: Sendable {
    public var lease: any LeaderLease
    public var settings: HighAvailability
    let clock = ContinuousClock()

    public init(lease: any LeaderLease, settings: HighAvailability) {
        self.lease = lease
        self.settings = settings
    }

    /// How often the leader renews.
    public var renewInterval: Duration { .milliseconds(settings.renewMilliseconds) }
    /// How often a standby asks for the lease.
    public var standbyInterval: Duration { .milliseconds(max(200, settings.leaseSeconds * 100)) }

    /// Keeps the lease until the task is cancelled, reporting each change; returns the grant it
    /// still held then, for the caller to release (a cancelled task cannot talk to the database).
    public func run(report: @Sendable (LeadershipChange) -> Void) async -> LeaseGrant? {
        var grant: LeaseGrant?
        var last: LeadershipChange?
        func tell(_ change: LeadershipChange) {
            // A standby's problem is told when it starts and when it ends, not on every attempt.
            switch (last, change) {
            case (.standby(let before)?, .standby(let now)) where (before == nil) == (now == nil): return
            case (.lost?, .standby(nil)): return
            default: break
            }
            last = change
            report(change)
        }
        while !Task.isCancelled {
            do {
                if let held = grant {
                    if let renewed = try await lease.renewLease(held) {
                        grant = renewed
                    } else {
                        grant = nil
                        tell(.lost(epoch: held.epoch, reason: "another node holds the lease now (this one's had run out)"))
                    }
                }
                if grant == nil {
                    if let taken = try await lease.acquireLease() {
                        grant = taken
                        tell(.gained(epoch: taken.epoch))
                    } else {
                        tell(.standby(problem: nil))
                    }
                }
            } catch {
                if let held = grant {
                    if clock.now.advanced(by: renewInterval) >= held.trustedUntil {
                        await lease.dropFence()
                        grant = nil
                        tell(.lost(epoch: held.epoch, reason: "the lease could not be renewed before it ran out (\(error))"))
                    }
                } else {
                    tell(.standby(problem: "\(error)"))
                }
            }
            do {
                try await Task.sleep(for: grant == nil ? standbyInterval : renewInterval)
            } catch {
                break
            }
        }
        return grant
    }
}
