extension NotificationPlanner {
    /// The planner of a configuration, with each person's own digest policy (`digest:` in the plan data).
    public init(configuration: Configuration, people: [Person]) {
        var digests: [String: DigestPolicy] = [:]
        for person in people {
            if let text = person.digest, let policy = DigestPolicy(text) { digests[person.id] = policy }
        }
        self.init(zone: configuration.timezone, workdays: configuration.workdays, sendAt: configuration.sendAt,
                  defaultDigest: DigestPolicy(configuration.digest) ?? .daily, digests: digests)
    }
}
