import PlanwatchCore
import Yams

/// Reads plan data files (YAML or JSON): `units`, `people` and `items`, in any combination.
struct PlanFileReader {
    let reader: YAMLReader
    private var diagnostics: DiagnosticCollector { reader.diagnostics }

    static let fileKeys = ["units", "people", "items", "completions", "labels"]

    struct Contents {
        var units: [OrganisationUnit] = []
        var people: [Person] = []
        var items: [PlanItem] = []
        /// Completions written apart from their items (`completions:`), attached after loading.
        var completions: [(item: String, completion: Completion, location: SourceLocation)] = []
        /// The label vocabularies of plan files and rule files, in file order.
        var vocabularies: [LabelVocabulary] = []
    }

    func read(_ root: Node, into contents: inout Contents) {
        guard let fields = reader.mapping(root, "a plan file", allowed: Self.fileKeys) else { return }
        if let node = fields["labels"] { contents.vocabularies += LabelVocabularyReader(reader: reader).read(node) }
        if let list = fields["units"].flatMap({ reader.list($0, "units") }) { contents.units += list.compactMap(unit) }
        if let list = fields["people"].flatMap({ reader.list($0, "people") }) { contents.people += list.compactMap(person) }
        if let list = fields["items"].flatMap({ reader.list($0, "items") }) { contents.items += list.compactMap(item) }
        if let node = fields["completions"], let list = reader.list(node, "completions") {
            // Completions kept apart from the items: { item, occurrence, on, rule }.
            for entry in list {
                guard let fields = reader.mapping(entry, "a completion", allowed: ItemSchema.separateCompletionKeys,
                                                  required: ["item", "on"]),
                      let itemID = fields["item"].flatMap({ reader.identifier($0, "item") }),
                      let completion = completion(entry, fields)
                else { continue }
                contents.completions.append((itemID, completion, reader.location(fields["item"]!)))
            }
        }
    }

    private func unit(_ node: Node) -> OrganisationUnit? {
        guard let fields = reader.mapping(node, "a unit", allowed: ["id", "name", "kind", "parent", "employees", "roles", "description"],
                                          required: ["id", "name", "kind"]),
              let id = fields["id"].flatMap({ reader.identifier($0, "unit id") }),
              let name = fields["name"].flatMap({ reader.string($0, "unit name") }),
              let kind = fields["kind"].flatMap({ reader.identifier($0, "unit kind") })
        else { return nil }
        var unit = OrganisationUnit(id: id, name: name, kind: kind, location: reader.location(node))
        unit.parent = fields["parent"].flatMap { reader.identifier($0, "parent") }
        if let node = fields["parent"], let parent = unit.parent {
            reader.sites.add(.unit, parent, at: reader.location(node), in: "unit '\(id)' (parent)")
        }
        unit.employees = fields["employees"].flatMap { reader.integer($0, "employees", range: 0...1_000_000) }
        unit.roles = fields["roles"].flatMap { reader.stringMap($0, "roles") } ?? [:]
        if let node = fields["roles"]?.mapping {
            for (key, value) in node {
                if let role = key.scalar?.string, let person = value.scalar?.string {
                    reader.sites.add(.person, person, at: reader.location(value), in: "unit '\(id)' (role \(role))")
                }
            }
        }
        return unit
    }

    private func person(_ node: Node) -> Person? {
        guard let fields = reader.mapping(node, "a person", allowed: ["id", "name", "email", "roles", "language", "digest"],
                                          required: ["id", "name", "email"]),
              let id = fields["id"].flatMap({ reader.identifier($0, "person id") }),
              let name = fields["name"].flatMap({ reader.string($0, "name") }),
              let emailNode = fields["email"], let email = reader.string(emailNode, "email")
        else { return nil }
        if !Mailbox.isValidAddress(email) {
            // The same rule as the mail composer's: what is accepted here can be mailed.
            let problem = Mailbox.problem(with: email).flatMap { $0.hasPrefix("an address needs") ? nil : $0 }
            diagnostics.error(reader.location(emailNode), "'\(email)' is not an email address" + (problem.map { ": \($0)" } ?? ""),
                              hint: "write it as name@example.se")
        }
        var person = Person(id: id, name: name, email: email, location: reader.location(node))
        if let node = fields["roles"], let list = reader.list(node, "roles", single: true) {
            person.roles = list.compactMap { reader.identifier($0, "role") }
        }
        if let node = fields["digest"], let digest = reader.string(node, "digest") {
            if DigestPolicy(digest) != nil {
                person.digest = digest
            } else {
                diagnostics.error(reader.location(node), "digest must be immediate, daily or a weekly time such as 'Mon 08:00', not '\(digest)'")
            }
        }
        if let node = fields["language"], let language = reader.string(node, "language") {
            if ["sv", "en"].contains(language) {
                person.language = language
            } else {
                diagnostics.error(reader.location(node), "unknown language '\(language)'", hint: "use sv or en")
            }
        }
        return person
    }

    /// An item; every field is checked even when another is wrong (as the bulk JSON reader does),
    /// and the item is kept only when its id, kind and title are good.
    private func item(_ node: Node) -> PlanItem? {
        guard let fields = reader.mapping(node, "an item", allowed: ItemSchema.itemKeys, required: ItemSchema.requiredItemKeys) else {
            return nil
        }
        let id = fields["id"].flatMap { reader.identifier($0, "item id") }
        let kind = fields["kind"].flatMap { reader.identifier($0, "item kind") }
        let title = fields["title"].flatMap { reader.string($0, "title") }
        let labels = fields["labels"].flatMap { reader.stringMap($0, "labels") } ?? [:]
        let unit = fields["unit"].flatMap { reader.identifier($0, "unit") }
        let owner = fields["owner"].flatMap { reader.identifier($0, "owner") }
        let due = fields["due"].flatMap { reader.date($0, "due") }
        var completed: [Completion] = []
        if let node = fields["completed"], let list = reader.list(node, "completed") {
            completed = list.compactMap { entry in
                reader.mapping(entry, "a completion", allowed: ItemSchema.completionKeys, required: ["on"])
                    .flatMap { completion(entry, $0) }
            }
        }
        _ = fields["description"].flatMap { reader.string($0, "description") }
        guard let id, let kind, let title else { return nil }
        if let node = fields["unit"], let unit { reader.sites.add(.unit, unit, at: reader.location(node), in: "item '\(id)'") }
        if let node = fields["owner"], let owner { reader.sites.add(.person, owner, at: reader.location(node), in: "item '\(id)' (owner)") }
        if let mapping = fields["labels"]?.mapping {
            // Checked against the labels' vocabularies once every file is read.
            for (key, value) in mapping {
                if let name = key.scalar?.string, let text = value.scalar?.string {
                    reader.sites.add(.labelValue(key: name, selected: false), text, at: reader.location(value), in: "item '\(id)'")
                }
            }
        }
        return PlanItem(id: id, kind: kind, title: title, labels: labels, unit: unit, owner: owner, due: due, completed: completed,
                        location: reader.location(node))
    }

    private func completion(_ node: Node, _ fields: Fields) -> Completion? {
        guard let on = fields["on"].flatMap({ reader.date($0, "completion date") }) else { return nil }
        let occurrence = fields["occurrence"].flatMap { reader.date($0, "occurrence") }
        if fields["occurrence"] != nil, occurrence == nil { return nil }
        let rule = fields["rule"].flatMap { reader.identifier($0, "rule") }
        if let node = fields["rule"], let rule { reader.sites.add(.rule, rule, at: reader.location(node), in: "a completion") }
        let by = fields["by"].flatMap { reader.string($0, "by") }
        let note = fields["note"].flatMap { reader.string($0, "note") }
        return Completion(occurrence: occurrence, on: on, rule: rule, by: by, note: note, location: reader.location(node))
    }
}

