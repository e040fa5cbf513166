import Testing

/// The suites that send mail through the one real Postfix of the machine. They run one after the
/// other, never beside each other: one of them stops Postfix to prove that mail waits in the queue,
/// and a suite running meanwhile would wait for its own mail past its deadline (or see mail
/// delivered that was to wait), and the high-availability suite's thousands of mails would keep
/// another suite's few waiting in the queue behind them.
@Suite(.serialized) enum RealPostfix {}
