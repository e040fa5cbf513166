import CSystemd
#if canImport(Glibc)
import Glibc
#endif

/// `sd_notify` through libsystemd: a no-op when `NOTIFY_SOCKET` is not set.
public struct SystemdNotifier: ServiceNotifier {
    public init() {}

    public func notify(_ assignments: [String]) {
        _ = assignments.joined(separator: "\n").withCString { sd_notify(0, $0) }
    }

    /// From `sd_watchdog_enabled` (`WATCHDOG_USEC`, `WATCHDOG_PID`).
    public var watchdogInterval: Duration? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(usec))
    }

    /// `CLOCK_MONOTONIC` in microseconds, for `MONOTONIC_USEC=` with `RELOADING=1`.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
