import ArgumentParser
import PlanwatchCore
import PlanwatchLoader

/// `planwatch check`: validate rules and plan data, like a compiler.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate rules and plan data; report every problem at once.",
        discussion: """
            Reads the rule files, plan files (YAML or JSON) and measurement CSVs given as PATHs — \
            files or folders, in any mix — or, without PATHs, those the configuration names. Every \
            problem is reported as 'file:line:col: error: message' with a hint where one helps.

            Exit status: 0 when everything is valid (warnings allowed), 65 when rules or plan data \
            are not, 78 for a bad configuration, 66 for a missing file.

            Examples:
              planwatch check rules/ examples/stockholm/
              planwatch check --config /etc/planwatch/planwatch.yaml
            """
    )

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Argument(help: "Rule files, plan files, measurement CSVs or folders of them.")
    var paths: [String] = []

    func run() throws {
        BulkMemory.growInLargeSteps()
        try reportingFailures {
            let configuration = try configurationOptions.load()
            let project = try loadProject(paths: paths, configuration: configuration)
            let rules = project.rules.rules.count, groups = project.rules.groups.count
            let warnings = project.diagnostics.filter { $0.severity == .warning }.count
            print("planwatch: check: \(project.files.count) files, \(groups) rule groups, \(rules) rules, "
                + "\(project.plan.units.count) units, \(project.plan.people.count) people, \(project.plan.items.count) items, "
                + "\(project.plan.measurements.count) measurements: valid"
                + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : ""))
            exitSuccessfully(keeping: project)
        }
    }
}
