import ArgumentParser

/// The `planwatch` command: a rules-driven compliance and reminder daemon and its tools.
@main
struct Planwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planwatch",
        abstract: "Rules-driven follow-up deadlines and workload alerts, to the journal and by mail.",
        discussion: """
            planwatch evaluates declarative rules (yearly follow-up deadlines, workload thresholds) \
            against an organisation's plan data and sends reminders and alerts.

            Exit status follows sysexits(3): 0 success, 64 usage, 65 invalid data, 66 missing input, \
            69 service unavailable, 73 cannot write an output file, 75 temporary failure, 78 bad configuration.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, CheckCommand.self, EvaluateCommand.self, ReportCommand.self, TestCommand.self, StatusCommand.self,
                      SilenceCommand.self, CompleteCommand.self, CompletionsCommand.self, InboxCommand.self, SpoolCommand.self, StateCommand.self,
                      PreviewCommand.self, CalendarCommand.self, HolidaysCommand.self]
    )
}
