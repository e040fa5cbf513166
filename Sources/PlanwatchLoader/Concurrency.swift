import Glibc
import PlanwatchCore

// The parts of loading that run at once (PlanwatchCore's Parallelism has the rest: concurrentMap,
// inParts, PLANWATCH_SEQUENTIAL).

/// Runs `second` on a thread of its own while `first` runs on this one, and returns both results.
/// A thread rather than the dispatch pool: this may run inside `concurrentMap`, whose threads may
/// all be busy (a nested task would then wait for the first to finish). The thread is joined, so
/// nothing of `second` outlives the call.
func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    guard !Parallelism.isSequential else { return (first(), second()) }
    return withoutActuallyEscaping(second) { second in
        var secondResult: B?
        let work = Unmanaged.passRetained(ThreadWork { secondResult = second() }).toOpaque()
        var thread = pthread_t()
        guard pthread_create(&thread, nil, { context in
            Unmanaged<ThreadWork>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, work) == 0 else {
            Unmanaged<ThreadWork>.fromOpaque(work).release()
            return (first(), second())
        }
        let firstResult = first()
        pthread_join(thread, nil)
        return (firstResult, secondResult!)
    }
}

/// The work of a thread started by `concurrently`.
private final class ThreadWork {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
