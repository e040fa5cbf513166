import Mustache
import PlanwatchCore

/// The template target: a template is checked; when accepted, planwatch's own rendering must give
/// what Mustache gives for the same variables (planwatch renders simple templates without Mustache).
enum TemplateFuzzing {
    // Only texts, numbers and flags: the same in every run and on every thread.
    nonisolated(unsafe) static let variables: [String: Any] = [
        "item": ["title": "Åtgärd & <uppföljning>", "id": "ind-1", "due": "2027-03-31"] as [String: Any],
        "rule": ["id": "r1", "group": "g"] as [String: Any],
        "subject": "Påminnelse", "stage": "due", "severity": "warning",
        "is_due": true, "is_missing": false, "value": "17,5", "count": 3,
    ]

    static func run(_ input: [UInt8]) -> FuzzOutcome {
        let source = String(decoding: input, as: UTF8.self)
        let template: MessageTemplate
        do {
            template = try MessageTemplate(source)
        } catch {
            var violations: [String] = []
            if error.line < 1 || error.column < 1 {
                violations.append("template error at \(error.line):\(error.column): \(error)")
            }
            return FuzzOutcome(accepted: false, diagnostics: ["\(error.line):\(error.column): \(error)"], violations: violations)
        }
        var violations: [String] = []
        let ours = template.render(variables)
        if let mustache = try? MustacheTemplate(string: "{{%CONTENT_TYPE:TEXT}}" + source) {
            let theirs = mustache.render(variables)
            if ours != theirs {
                violations.append("'\(source)' renders as '\(ours)', Mustache renders '\(theirs)'")
            }
        } else {
            violations.append("'\(source)' is accepted, but Mustache cannot parse it")
        }
        return FuzzOutcome(accepted: true, diagnostics: [], violations: violations)
    }
}
