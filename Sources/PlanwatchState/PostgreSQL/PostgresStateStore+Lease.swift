public import PlanwatchCore
import PostgresNIO

extension PostgresStateStore: LeaderLease {
    /// Takes the lease with a conditional upsert: only when there is none, it has expired by the
    /// database's clock, or this very process holds it (``instance``); the epoch rises by one.
    /// The row lock of the update waits for a writer's `FOR SHARE`, so a takeover never overlaps a
    /// former leader's open write transaction.
    public func acquireLease() async throws(StateError) -> LeaseGrant? {
        let node = self.node, instance = self.instance, seconds = Double(settings.leaseSeconds), trust = settings.trustMilliseconds
        let started = clock.now
        let granted: (Int64, Int64)? = try await leaseSession.run("taking the leader lease") { [logger] connection in
            try await connection.query("BEGIN", logger: logger)
            var result: (Int64, Int64)?
            for try await row in try await connection.query("""
                INSERT INTO planwatch_lease AS l (name, holder, instance, epoch, acquired_at, renewed_at, expires_at)
                VALUES ('leader', \(node), \(instance), 1, clock_timestamp(), clock_timestamp(), clock_timestamp() + make_interval(secs => \(seconds)))
                ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, instance = EXCLUDED.instance, epoch = l.epoch + 1,
                    acquired_at = clock_timestamp(), renewed_at = clock_timestamp(),
                    expires_at = clock_timestamp() + make_interval(secs => \(seconds))
                WHERE l.expires_at <= clock_timestamp() OR (l.holder = EXCLUDED.holder AND l.instance = EXCLUDED.instance)
                RETURNING epoch, (extract(epoch FROM expires_at) * 1000000)::bigint
                """, logger: logger).decode((Int64, Int64).self) {
                result = row
            }
            try await Self.noteNode(node, leading: result != nil, on: connection, logger: logger)
            try await connection.query("COMMIT", logger: logger)
            return result
        }
        guard let granted else {
            fence.drop()
            return nil
        }
        let grant = LeaseGrant(epoch: granted.0, expiresAt: Instant(microseconds: granted.1),
                               trustedUntil: started.advanced(by: .milliseconds(trust)))
        fence.set(grant)
        return grant
    }

    /// Renews only the lease this node holds under the same epoch, and only while it has not expired:
    /// an expired lease is not revived (another node may be taking it); the node takes a new one instead.
    public func renewLease(_ grant: LeaseGrant) async throws(StateError) -> LeaseGrant? {
        let node = self.node, seconds = Double(settings.leaseSeconds), trust = settings.trustMilliseconds
        let started = clock.now
        let renewed: Int64?
        do {
            renewed = try await leaseSession.run("renewing the leader lease") { [logger] connection in
                try await connection.query("BEGIN", logger: logger)
                var result: Int64?
                for try await expires in try await connection.query("""
                    UPDATE planwatch_lease SET renewed_at = clock_timestamp(), expires_at = clock_timestamp() + make_interval(secs => \(seconds))
                    WHERE name = 'leader' AND holder = \(node) AND epoch = \(grant.epoch) AND expires_at > clock_timestamp()
                    RETURNING (extract(epoch FROM expires_at) * 1000000)::bigint
                    """, logger: logger).decode(Int64.self) {
                    result = expires
                }
                try await Self.noteNode(node, leading: result != nil, on: connection, logger: logger)
                try await connection.query("COMMIT", logger: logger)
                return result
            }
        } catch {
            // Not renewed: the grant stands until it is no longer trusted (the writers check that).
            throw error
        }
        guard let renewed else {
            fence.drop()
            return nil
        }
        let next = LeaseGrant(epoch: grant.epoch, expiresAt: Instant(microseconds: renewed), trustedUntil: started.advanced(by: .milliseconds(trust)))
        if fence.grant?.epoch == grant.epoch { fence.set(next) }
        return next
    }

    public func releaseLease(_ grant: LeaseGrant) async throws(StateError) {
        fence.drop()
        let node = self.node
        try await leaseSession.run("ending the leader lease") { [logger] connection in
            try await connection.query("""
                UPDATE planwatch_lease SET expires_at = clock_timestamp() WHERE name = 'leader' AND holder = \(node) AND epoch = \(grant.epoch)
                """, logger: logger)
            try await Self.noteNode(node, leading: false, on: connection, logger: logger)
        }
    }

    public func dropFence() async { fence.drop() }

    public func currentLease() async throws(StateError) -> LeaseRecord? {
        try await session.run("reading the leader lease") { [logger] connection in
            for try await row in try await connection.query("""
                SELECT holder, epoch, (extract(epoch FROM acquired_at) * 1000000)::bigint, (extract(epoch FROM renewed_at) * 1000000)::bigint,
                       (extract(epoch FROM expires_at) * 1000000)::bigint, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
                FROM planwatch_lease WHERE name = 'leader'
                """, logger: logger).decode((String, Int64, Int64, Int64, Int64, Int64).self) {
                return LeaseRecord(holder: row.0, epoch: row.1, acquiredAt: Instant(microseconds: row.2), renewedAt: Instant(microseconds: row.3),
                                   expiresAt: Instant(microseconds: row.4), readAt: Instant(microseconds: row.5))
            }
            return nil
        }
    }

    public func nodes() async throws(StateError) -> [NodeRecord] {
        try await session.run("reading the nodes") { [logger] connection in
            var nodes: [NodeRecord] = []
            for try await row in try await connection.query("""
                SELECT name, (extract(epoch FROM seen_at) * 1000000)::bigint, leads FROM planwatch_node ORDER BY name
                """, logger: logger).decode((String, Int64, Bool).self) {
                nodes.append(NodeRecord(name: row.0, seenAt: Instant(microseconds: row.1), leading: row.2, lastRun: nil))
            }
            for index in nodes.indices {
                for try await tuple in try await connection.query("""
                    SELECT \(unescaped: Self.runColumns) FROM run WHERE node = \(nodes[index].name) ORDER BY id DESC LIMIT 1
                    """, logger: logger).decode(RunTuple.self) {
                    nodes[index].lastRun = Self.runRecord(tuple)
                }
            }
            return nodes
        }
    }

    static func noteNode(_ node: String, leading: Bool, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO planwatch_node (name, seen_at, leads) VALUES (\(node), clock_timestamp(), \(leading))
            ON CONFLICT (name) DO UPDATE SET seen_at = EXCLUDED.seen_at, leads = EXCLUDED.leads
            """, logger: logger)
    }
}
