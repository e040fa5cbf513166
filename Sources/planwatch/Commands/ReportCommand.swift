import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchLoader
import PlanwatchReport

/// `planwatch report`: the yearly follow-up — deadlines met on time, late or missed, and the
/// workload series — as text, CSV, JSON or one HTML file.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report a year's (or any period's) follow-up: on-time rates, late and missed deadlines, workload.",
        discussion: """
            Every deadline occurrence due in the period, with its outcome as of the period's last day \
            (or today, for a period not over): on time, late (days), missed, open; on-time rates per \
            rule, unit and --by label; and for threshold rules, per unit, the periods at warning and \
            critical, the missing ones and every value. Completions recorded in the state (by reply or \
            'planwatch complete') count, revoked ones not, unless --plan-only; silences are marked. \
            Nothing is written but the report.

            The figures are defined, and the JSON and CSV described, in docs/report.md.

            Examples:
              planwatch report --config examples/stockholm/planwatch.yaml --year 2026
              planwatch report --year 2026 --format html --output uppfoljning-2026.html
              planwatch report --from 2026-01-01 --to 2026-08-31 --by unit --format csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json, html
    }

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Option(help: "The calendar year to report (default: the current year).")
    var year: Int?

    @Option(help: ArgumentHelp("The first day of the period (with --to).", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("The last day of the period (with --from).", valueName: "YYYY-MM-DD"))
    var to: String?

    @Option(help: ArgumentHelp("Group the on-time rates by a label of the items, by unit or by rule.", valueName: "label|unit|rule"))
    var by: String = "focus_area"

    @Option(help: "Output format: text, csv, json or html.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The report's language (default: the configured language).", valueName: "sv|en"))
    var language: String?

    @Option(help: "Make the report as of this time: 'YYYY-MM-DD [HH:MM]' or '@EPOCH' (default: now).")
    var at: String?

    @Flag(help: "Only the plan data's completions, not those recorded in the state (by reply or 'planwatch complete').")
    var planOnly = false

    @Argument(help: "Rule and plan paths instead of those the configuration names.")
    var paths: [String] = []

    func run() async throws {
        BulkMemory.growInLargeSteps()
        try await reportingFailures {
            let configuration = try configurationOptions.load()
            let environment = Environment(configuration: configuration)
            let today = configuration.timezone.date(at: try environment.instant(at))
            let period = try reportPeriod(today: today)
            let language = try reportLanguage(configuration)
            let grouping = ReportGrouping(by)
            let inputs = ReportInputs.forConfiguration(configuration, planOnly: planOnly)
            let recorded: [RecordedCompletion], silences: [Silence]
            do {
                (recorded, silences) = (try await inputs.recordedCompletions(), try await inputs.silences())
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw CommandFailure(.unavailable, "report: reading the state \(configuration.statePath): \(error)")
            }
            let project = try loadProject(paths: paths, configuration: configuration, warnings: false)
            if case .label(let label) = grouping, !project.plan.items.contains(where: { $0.labels[label] != nil }) {
                printError("planwatch: warning: no item has the label '\(label)': every occurrence is in one group (--by label|unit|rule)")
            }
            let report = ComplianceReport(rules: project.rules, plan: project.plan, settings: Evaluator.Settings(configuration),
                                          recorded: recorded, silences: silences, period: period, grouping: grouping, today: today)
            let labels = ReportLabels(vocabularies: project.plan.vocabularies)
            let bytes: [UInt8] = switch format {
            case .text: renderTextSummary(report, language: language, labels: labels)
            case .csv: renderCSV(report, language: language, labels: labels)
            case .json: ReportJSON(report: report, language: language, labels: labels).render()
            case .html: renderHTML(report, language: language, labels: labels)
            }
            if let output {
                try write(bytes, to: output)
            } else {
                writeStandardOutput(bytes)
            }
        }
    }

    /// `--year`, or `--from` and `--to`, or the current year.
    private func reportPeriod(today: LocalDate) throws -> ReportPeriod {
        if year != nil && (from != nil || to != nil) {
            throw CommandFailure(.usage, "report: give --year or --from and --to, not both")
        }
        if let year {
            guard (1900...9999).contains(year) else { throw CommandFailure(.usage, "report: --year must be a year such as 2026, not \(year)") }
            return .year(year)
        }
        switch (from, to) {
        case (nil, nil):
            return .year(today.year)
        case (let from?, let to?):
            guard let first = LocalDate(iso: from) else { throw CommandFailure(.dataError, "report: --from: not a date YYYY-MM-DD: '\(from)'") }
            guard let last = LocalDate(iso: to) else { throw CommandFailure(.dataError, "report: --to: not a date YYYY-MM-DD: '\(to)'") }
            guard let period = ReportPeriod(from: first, to: last) else {
                throw CommandFailure(.usage, "report: --to (\(last)) is before --from (\(first))")
            }
            return period
        default:
            throw CommandFailure(.usage, "report: --from and --to go together")
        }
    }

    private func reportLanguage(_ configuration: Configuration) throws -> MessageLanguage {
        let code = language ?? configuration.language
        guard let chosen = MessageLanguage(code: code) else {
            throw CommandFailure(.usage, "report: --language must be sv or en, not '\(code)'")
        }
        return chosen
    }

    /// Writes the file whole: into a temporary file beside it, then renamed over it.
    private func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure(.cannotCreate, "report: cannot write \(path): \(error.localizedDescription)")
        }
    }
}
