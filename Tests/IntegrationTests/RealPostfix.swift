import Testing

/// The suites that send mail through the one real Postfix of the machine. They run one after the
/// other, never beside each other: one of them stops Postfix to prove that mail waits in the queue,
/// and a suite running meanwhile would wait for its own mail past its deadline (or see mail
/// delivered that was to wait). The concurrency and high-availability suites run beside them: in
/// this chain they doubled a full run's time; their waits for mail are long enough for Postfix's
/// queue to drain (they return as soon as the mail is in).
@Suite(.serialized) enum RealPostfix {}
