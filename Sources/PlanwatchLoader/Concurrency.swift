import Dispatch
import Glibc

// Loading a large plan is CPU-bound work on independent parts (files, halves of a file): these
// helpers run such parts on several cores and hand back the results in order, so that the result
// is the same as doing the parts one after another. With PLANWATCH_SEQUENTIAL=1 in the environment
// they do exactly that (the benchmark uses it to show the single-core figures).

/// Whether PLANWATCH_SEQUENTIAL asks for one core.
let isSequential = getenv("PLANWATCH_SEQUENTIAL").map { String(cString: $0) == "1" } ?? false

extension Array {
    /// `map`, with the elements transformed concurrently, as many at a time as there are cores;
    /// the results come in the elements' order.
    func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        guard count > 1, !isSequential else { return map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let results = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
            defer { results.deallocate() }
            let shared = UncheckedSendable((elements: self, transform: transform, results: results))
            // Each iteration initialises its own slot only.
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (shared.value.results.baseAddress! + index).initialize(to: shared.value.transform(shared.value.elements[index]))
            }
            return Array<T>(unsafeUninitializedCapacity: count) { buffer, initialized in
                _ = buffer.moveInitialize(fromContentsOf: results)
                initialized = count
            }
        }
    }
}

/// Runs `second` on a thread of its own while `first` runs on this one, and returns both results.
/// A thread rather than the dispatch pool: this may run inside `concurrentMap`, whose threads may
/// all be busy (a nested task would then wait for the first to finish). The thread is joined, so
/// nothing of `second` outlives the call.
func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    guard !isSequential else { return (first(), second()) }
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

/// A value handed to concurrent work that only reads it, or writes parts no other work touches.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
