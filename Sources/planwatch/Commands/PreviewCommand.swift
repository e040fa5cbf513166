import ArgumentParser
import PlanwatchCore
import PlanwatchLoader
import PlanwatchOutput

/// `planwatch preview RULE SUBJECT`: the exact mail a notification would be.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print the exact mail a rule would send about a subject.",
        discussion: """
            Evaluates at --at (default now) with a one-year horizon, takes the finding of RULE about \
            SUBJECT (the active one, or with --stage that stage), and prints the message as it would \
            be spooled (RFC 5322, with its MIME parts). Nothing is written.

            Example:
              planwatch preview indikatorer-arlig-uppfoljning ind-delaktighet \\
                --stage remind-28d --at '2027-01-04 09:00' \\
                --config examples/stockholm/planwatch.yaml
            """
    )

    @OptionGroup var configurationOptions: ConfigurationOptions
    @Argument(help: "The rule id.") var rule: String
    @Argument(help: "The item or unit id.") var subject: String
    @Option(help: "The stage (remind-28d, due, overdue-1, escalated, warning, critical, resolved, missing).") var stage: String?
    @Option(help: "The recipient (person id; default: the first).") var recipient: String?
    @Option(help: "Evaluate at this time (default: now).") var at: String?

    func run() throws {
        try reportingFailures {
            let configuration = try configurationOptions.load()
            let environment = Environment(configuration: configuration)
            let now = try environment.instant(at)
            let project = try loadProject(paths: [], configuration: configuration, warnings: false)
            guard project.rules.rules.contains(where: { $0.id == rule }) else {
                throw CommandFailure(.dataError, "preview: no rule '\(rule)'")
            }
            let evaluation = Evaluator(rules: project.rules, plan: project.plan, settings: Evaluator.Settings(configuration))
                .evaluate(at: now, horizonDays: 366)
            let candidates = (evaluation.findings + evaluation.upcoming).filter { finding in
                finding.rule == rule && finding.subject == subject && (stage.map { finding.stage.description == $0 } ?? true)
            }
            guard let finding = candidates.first else {
                throw CommandFailure(.dataError, "preview: \(rule) says nothing about '\(subject)'"
                    + (stage.map { " at stage \($0)" } ?? "") + " within a year of that time")
            }
            guard let person = recipient.map({ id in finding.recipients.first { $0.id == id } }) ?? finding.recipients.first else {
                throw CommandFailure(.dataError, "preview: the finding has no such recipient")
            }
            let planner = NotificationPlanner(configuration: configuration, people: project.plan.people)
            let key = NotificationKey(finding, recipient: person.id)
            let notification = PlannedNotification(key: key, finding: finding, recipient: person, slot: planner.slot(for: finding), silencedBy: nil)
            let mail = try MailComposer(configuration: configuration)
                .compose(MailBatch(recipient: person, slot: notification.slot, notifications: [notification], isDigest: false),
                         date: max(now, notification.slot))
            print(String(decoding: mail.data, as: UTF8.self), terminator: "")
        }
    }
}
