/// Where journal entries go: journald, standard error, or (in tests) memory.
public protocol JournalSink: Sendable {
    /// Writes an entry; failures are reported to standard error, never thrown (logging must not
    /// stop a cycle).
    func send(_ entry: JournalEntry)
}

/// The journal of this system when its socket exists, else standard error.
public func defaultJournalSink() -> any JournalSink {
    SystemdJournal.isAvailable ? SystemdJournal() : StderrJournal()
}
