import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchLoader

/// `planwatch evaluate`: a dry run — what is active now and what comes within the horizon.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Show what the rules say at a moment, without sending anything.",
        discussion: """
            Loads rules and plan as 'planwatch run' would, evaluates them at --at (default: now), \
            and prints the active reminders and alerts and the stages that begin within --horizon. \
            Nothing is written: no state, no journal, no mail. Completions recorded in the state (by \
            reply or 'planwatch complete') count as the daemon counts them, unless --plan-only.

            The JSON output is described in docs/evaluate-json.md.

            Examples:
              planwatch evaluate --config examples/stockholm/planwatch.yaml \\
                --at '2027-01-04 09:00'
              planwatch evaluate --horizon 30d --format json
            """
    )

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Option(help: "Evaluate at this time: 'YYYY-MM-DD [HH:MM[:SS]] [ZONE]' or '@EPOCH' (default: now).")
    var at: String?

    @Option(help: "Also list the stages that begin within this long after --at (e.g. 14d, 10 workdays).")
    var horizon: String = "14d"

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Only the plan data's completions, not those recorded in the state.")
    var planOnly = false

    @Argument(help: "Rule and plan paths instead of those the configuration names.")
    var paths: [String] = []

    func run() async throws {
        BulkMemory.growInLargeSteps()
        let configuration = try reportingFailures { try configurationOptions.load() }
        let recorded = planOnly ? [] : await Environment(configuration: configuration).recordedCompletions()
        try reportingFailures {
            let horizonDuration: RuleDuration
            do {
                horizonDuration = try RuleDuration(parsing: horizon)
            } catch {
                throw CommandFailure(.dataError, "evaluate: --horizon: \(error)")
            }
            let now: Instant
            do {
                now = try at.map { try Timestamp.parse($0, in: configuration.timezone) } ?? Instant(Date())
            } catch {
                throw CommandFailure(.dataError, "evaluate: --at: \(error)")
            }
            let today = configuration.timezone.date(at: now)
            let horizonDays = today.days(until: horizonDuration.date(after: today, workdays: configuration.workdays))
            // Evaluates, and writes the report, while the cross-checks run; shown only if they pass.
            let (project, output) = try loadProject(paths: paths, configuration: configuration, warnings: false) { read in
                let evaluation = Evaluator(rules: read.rules, plan: read.plan.adding(recorded), settings: Evaluator.Settings(configuration))
                    .evaluate(at: now, horizonDays: horizonDays)
                let report = EvaluationReport(evaluation: evaluation, rules: read.rules, plan: read.plan, configuration: configuration,
                                              at: now, horizon: horizonDuration, horizonDays: horizonDays)
                let output = switch format {
                case .text: [report.text()]
                case .json: report.json()
                }
                return (output, evaluation)
            }
            for chunk in output.0 {
                guard writeStandardOutput(chunk) else { break }  // a closed pipe: nothing more goes out
            }
            // The findings are not freed one by one at the end: the process ends.
            exitSuccessfully(keeping: (project, output.1))
        }
    }
}
