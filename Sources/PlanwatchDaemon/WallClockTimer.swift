import CSystemd
import Foundation
public import PlanwatchCore
#if canImport(Glibc)
import Glibc
#endif

/// A one-shot timer on the wall clock (`timerfd`, `CLOCK_REALTIME`, absolute, cancel-on-set): it
/// fires at the instant it is armed for, and reports a wall-clock jump at once, so the daemon
/// re-plans instead of sleeping towards a time that has moved. A thread waits on the timer; the
/// daemon only sleeps.
public final class WallClockTimer: @unchecked Sendable {
    private let descriptor: Int32
    private let hub: EventHub
    private var thread: Thread?

    public init(hub: EventHub) throws {
        self.hub = hub
        descriptor = timerfd_create(CLOCK_REALTIME, CSystemd_TFD_CLOEXEC)
        guard descriptor >= 0 else { throw DaemonError("timerfd_create: \(String(cString: strerror(errno)))") }
        let thread = Thread { [descriptor, hub] in
            var expirations: UInt64 = 0
            while true {
                let count = read(descriptor, &expirations, 8)
                if count == 8 {
                    hub.send(.timer)
                } else if count < 0 && errno == ECANCELED {
                    hub.send(.clockChanged)
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return  // closed
                }
            }
        }
        thread.name = "planwatch-timer"
        self.thread = thread
        thread.start()
    }

    /// Fires once at `instant` (or at once, if it has passed).
    public func arm(at instant: Instant) {
        var spec = itimerspec()
        let micro = max(instant.microseconds, 1)
        spec.it_value.tv_sec = Int(micro / 1_000_000)
        spec.it_value.tv_nsec = Int(micro % 1_000_000) * 1_000
        timerfd_settime(descriptor, CSystemd_TFD_TIMER_ABSTIME | CSystemd_TFD_TIMER_CANCEL_ON_SET, &spec, nil)
    }

    deinit {
        close(descriptor)
    }
}

/// A failure of the daemon's machinery (timers, watches).
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
