import Dispatch
import Foundation

// Loading a large plan, evaluating it and writing a long listing are CPU-bound work on independent
// parts (files, halves of a file, ranges of items or findings): these helpers run such parts on
// several cores and hand back the results in order, so that the result is the same as doing the
// parts one after another. With PLANWATCH_SEQUENTIAL=1 in the environment they do exactly that
// (the benchmark uses it to show the single-core figures). Pure computation: nothing here does I/O.

/// How work is spread over the cores.
public enum Parallelism {
    /// Whether PLANWATCH_SEQUENTIAL asks for one core.
    public static let isSequential = getenv("PLANWATCH_SEQUENTIAL").map { String(cString: $0) == "1" } ?? false
    /// The parts a large piece of work is cut into: one per core this process may use (its CPU
    /// affinity and quota, not the host's count), one with PLANWATCH_SEQUENTIAL=1.
    public static let parts = isSequential ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The fewest items a plan is evaluated in parts from (below, a thread costs more than the work).
    public static let smallestPlanInParts = 4096
    /// The fewest rows or elements a listing is written in parts from.
    public static let smallestListInParts = 512
}

/// `body` on consecutive ranges of `0..<count`, `parts` of them (one per core by default) at once,
/// and the results in the ranges' order — for work whose parts only read what they share, so that
/// joining the results gives what `body(0..<count)` would. Below `smallest` items, or with one part,
/// that is what it does: one call on the whole range.
public func inParts<T>(_ count: Int, smallest: Int, parts: Int = Parallelism.parts, _ body: (Range<Int>) -> T) -> [T] {
    guard count >= smallest, parts > 1 else { return [body(0..<count)] }
    return consecutiveRanges(of: count, parts: parts).concurrentMap(body)
}

extension Array {
    /// `map`, with the elements transformed concurrently, as many at a time as there are cores;
    /// the results come in the elements' order. `transform` may only read what it shares.
    public func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        guard count > 1, !Parallelism.isSequential else { return map(transform) }
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

/// `0..<count` in at most `parts` consecutive ranges of nearly equal length (none empty), in order.
func consecutiveRanges(of count: Int, parts: Int) -> [Range<Int>] {
    let parts = Swift.max(1, Swift.min(parts, count))
    guard count > 0 else { return [] }
    return (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
}

/// A value handed to concurrent work that only reads it, or writes parts no other work touches.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
