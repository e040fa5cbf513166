import CMalloc

/// How the commands that read a whole plan at once and then exit (`evaluate`, `check`, `report`,
/// `test`) ask the C allocator for memory.
///
/// Reading 100 000 items and listing their findings allocates some 80 MB in small pieces on two
/// threads. By default glibc grows each heap by little more than the request at hand, with an
/// `sbrk`/`mprotect` call each time, and the kernel then maps the new pages one fault at a time:
/// in a profile of `evaluate` that was a fifth of the time. Asking for 64 MiB of headroom at each
/// growth (`M_TOP_PAD`) makes those calls rare; the pages are still mapped only when touched, so the
/// memory used is the same. The daemon does not do this: it runs for months and should give memory
/// back after a large cycle (BENCHMARKS.md, "2026-12-02, night").
enum BulkMemory {
    /// The headroom each growth of a heap asks for.
    static let headroom: Int32 = 64 << 20

    /// Asks for memory in large steps from here on.
    static func growInLargeSteps() {
        _ = mallopt(CMalloc_M_TOP_PAD, headroom)
    }
}
