/// One entry point of planwatch that the fuzzer feeds arbitrary bytes: the readers of rule and plan
/// files, the bulk JSON items reader, the CSV measurements reader, calendar expressions and message
/// templates.
///
/// A target takes any bytes and must come back with an outcome: diagnostics for what it rejects, and
/// no broken invariant for what it accepts. A crash, a trap or a hang is a finding; so is a broken
/// invariant (``FuzzOutcome/violations``), which the libFuzzer driver turns into a crash so that the
/// input is kept. The same function replays the crash corpus in the test suite.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A rule or plan file in YAML (`rules.yaml`), through the whole loader.
    case yaml
    /// A bulk items file in JSON (`items.json`): the fast reader, or the general one when the file
    /// is not of the fast shape.
    case json
    /// A measurements file in CSV (`measurements.csv`).
    case csv
    /// A calendar expression: parsed, normalised, parsed again from its normal form, and its next
    /// elapses computed.
    case calendar
    /// A message template: checked and, when accepted, rendered.
    case template

    /// Runs the target on one input.
    /// - Parameters:
    ///   - input: any bytes.
    ///   - workspace: the folder the loader targets write their file to (the loader reads files).
    public func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
        switch self {
        case .yaml: LoaderFuzzing.run(input, asFile: "rules.yaml", in: workspace)
        case .json: LoaderFuzzing.run(input, asFile: "items.json", in: workspace)
        case .csv: LoaderFuzzing.run(input, asFile: "measurements.csv", in: workspace)
        case .calendar: CalendarFuzzing.run(input)
        case .template: TemplateFuzzing.run(input)
        }
    }

    /// The longest input worth trying: the loader targets take whole files, the others one line.
    public var maximumLength: Int {
        switch self {
        case .yaml, .json, .csv: 16_384
        case .calendar: 256
        case .template: 1_024
        }
    }
}
