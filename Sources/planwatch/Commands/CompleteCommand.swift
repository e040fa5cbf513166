import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchLoader
import PlanwatchOutput
import PlanwatchState

/// `planwatch complete ITEM`: records in the state that a follow-up was done.
struct CompleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complete",
        abstract: "Record that a follow-up was done: reminders about it stop.",
        discussion: """
            Records a completion in the state, as a reply "klar" to a reminder does: the daemon's next \
            cycle sees it (with the plan's own completed: records — the earliest date counts), sends \
            no more stages of that occurrence and cancels its calendar entry. A completion after the \
            due date is late, as in the plan data. Nothing in the plan files changes; \
            'planwatch completions export' writes the recorded ones as a plan file.

            Without --occurrence the item's one open occurrence is meant (reminders begun, or \
            overdue); when there is none, or several, the command says which there are. \
            --occurrence takes the due date (the shifted or the written date), however long ago.

            Examples:
              planwatch complete ind-kompetensplan --at 2027-01-20
              planwatch complete akt-introduktionsutbildning --on 2027-03-20 --by p-anna \\
                --note "Genomfört enligt plan" --at 2027-03-25
              planwatch complete ind-it-stod --occurrence 2027-02-01 \\
                --rule indikatorer-arlig-uppfoljning
            """
    )

    @OptionGroup var configurationOptions: ConfigurationOptions
    @Argument(help: "The item's id.") var item: String
    @Option(help: ArgumentHelp("The due date of the occurrence (default: the item's one open occurrence).", valueName: "YYYY-MM-DD"))
    var occurrence: String?
    @Option(help: "The deadline rule, when the item has several.") var rule: String?
    @Option(help: ArgumentHelp("The day it was done (default: today).", valueName: "YYYY-MM-DD")) var on: String?
    @Option(help: ArgumentHelp("Who did it: a person id of the plan (default: you, as operator).", valueName: "person"))
    var by: String?
    @Option(help: "A note for the record.") var note: String?
    @Option(help: "Record as if it were this time (default: now).") var at: String?

    func run() async throws {
        try await reportingFailures {
            let configuration = try configurationOptions.load()
            let environment = Environment(configuration: configuration)
            let now = try environment.instant(at)
            let zone = configuration.timezone
            let today = zone.date(at: now)
            let dueDate = try occurrence.map { try Self.date($0, option: "--occurrence") }
            let doneOn = try on.map { try Self.date($0, option: "--on") } ?? today
            guard doneOn <= today else { throw CommandFailure(.dataError, "complete: --on \(doneOn) lies in the future (today is \(today))") }
            let project = try loadProject(paths: [], configuration: configuration, warnings: false)
            guard let planItem = project.plan.items.first(where: { $0.id == item }) else {
                throw CommandFailure(.dataError, "complete: there is no item '\(item)' in the plan"
                    + (closestMatch(to: item, in: project.plan.items.map(\.id)).map { " — did you mean '\($0)'?" } ?? ""))
            }
            let author: RecordedCompletion.Author
            if let by {
                guard project.plan.peopleByID[by] != nil else {
                    throw CommandFailure(.dataError, "complete: --by '\(by)' is not a person of the plan"
                        + (closestMatch(to: by, in: project.plan.people.map(\.id)).map { " — did you mean '\($0)'?" } ?? ""))
                }
                author = .person(by)
            } else {
                author = .operator(Environment.unixUser)
            }
            let runtime = try environment.runtime(.create)
            let recorded = try await runtime.state.recordedCompletions()
            // The item alone, with its completions so far: what is open is the item's affair only.
            let plan = PlanSnapshot(units: project.plan.units, people: project.plan.people, items: [planItem], measurements: [])
                .adding(recorded.filter { $0.item == item })
            let evaluator = Evaluator(rules: project.rules, plan: plan, settings: Evaluator.Settings(configuration))
            let atDueDate = dueDate.map { evaluator.evaluate(at: zone.instant(for: LocalDateTime(date: $0, hour: 12)).instant) }
            let chosen: DeadlineOccurrence
            switch CompletionTarget.choose(item: item, rule: rule, date: dueDate, now: evaluator.evaluate(at: now, horizonDays: 400),
                                           today: today, onDate: atDueDate) {
            case .success(let occurrence): chosen = occurrence
            case .failure(let problem): throw CommandFailure(.dataError, "complete: \(problem)")
            }
            switch chosen.status {
            case .completedOnTime(let day), .completedLate(let day):
                throw CommandFailure(.dataError, "complete: \(chosen.key) is already done (on \(day)); "
                    + "'planwatch completions list' shows the recorded completions")
            default: break
            }
            let completion = try await runtime.state.record(RecordedCompletion(
                item: item, rule: chosen.rule, occurrence: chosen.due, on: doneOn, recordedAt: now, by: author, how: .command, note: note))
            runtime.journal.send(JournalEntry(
                message: "\(chosen.key) recorded as done on \(doneOn) by \(author), by command",
                priority: .notice, messageID: .completionRecorded,
                fields: [("PLANWATCH_RULE", chosen.rule), ("PLANWATCH_SUBJECT", item), ("PLANWATCH_OCCURRENCE", chosen.due.description),
                         ("PLANWATCH_COMPLETION", String(completion.id)), ("PLANWATCH_AUTHOR", author.description)]))
            let late = doneOn > chosen.due ? ", \(chosen.due.days(until: doneOn)) days late" : ""
            print("planwatch: completion #\(completion.id) recorded: \(chosen.rule) for \(item), due \(chosen.due), done \(doneOn)\(late) "
                + "by \(author) (state: \(configuration.statePath))")
            print("planwatch: no more reminders about it from the next cycle; undo with 'planwatch completions undo \(completion.id)'")
        }
    }

    static func date(_ text: String, option: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw CommandFailure(.dataError, "complete: \(option) '\(text)' is not a date (YYYY-MM-DD)") }
        return date
    }
}
