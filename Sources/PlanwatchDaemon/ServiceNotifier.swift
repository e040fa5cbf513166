/// Tells the service manager how the daemon is doing (`sd_notify`).
public protocol ServiceNotifier: Sendable {
    /// Sends state assignments such as `READY=1`, `STATUS=…`.
    func notify(_ assignments: [String])
    /// The watchdog interval the manager expects pings within, if it watches at all.
    var watchdogInterval: Duration? { get }
}
