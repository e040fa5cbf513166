import Foundation
import PlanwatchCore

/// The checks that need everything read: duplicate ids, references between files, template
/// variables, and suspicious settings.
struct CrossReferenceChecker {
    let diagnostics: DiagnosticCollector
    let sites: ReferenceSites
    let rules: RuleSet
    let plan: PlanSnapshot
    let configuration: Configuration
    /// Files read by the bulk JSON reader, whose items carry no reference sites.
    var bulkFiles: Set<String> = []
    /// Whether to warn about items no rule selects (see ``checkSelection()``).
    var warnsOfUnselectedItems = true

    func check() {
        checkDuplicates()
        checkReferences()
        checkBulkItems()
        checkUnitHierarchy()
        checkMeasurements()
        checkRuleSettings()
        checkDerivedPeriods()
        if warnsOfUnselectedItems { checkSelection() }
    }

    /// Reports each id seen before, at the later place. Takes the ids alone: at scale, copying
    /// whole items to read their ids costs more than the check.
    private func duplicates(_ ids: [String], _ what: String, location: (Int) -> SourceLocation) {
        guard RepeatedIdentifiers.occur(in: ids) else { return }
        var first: [String: SourceLocation] = [:]
        for (index, id) in ids.enumerated() {
            if let earlier = first[id] {
                diagnostics.error(location(index), "duplicate \(what) id '\(id)'", hint: "first defined at \(earlier)")
            } else {
                first[id] = location(index)
            }
        }
    }

    /// The unit, owner and labels of each item from a bulk file, reported at the value as the YAML
    /// reader reports them (the file is read again for the places, only when something is wrong).
    private func checkBulkItems() {
        guard !bulkFiles.isEmpty else { return }
        let items = plan.items
        let vocabularies = plan.vocabularies
        var checkedLabels: [String: String]?  // neighbouring items mostly share their labels: checked once
        var file = "", isBulk = false  // items come file by file: look the file up when it changes
        var contents: [String: Data] = [:]
        func place(_ key: String, of item: PlanItem) -> SourceLocation {
            if contents[item.location.file] == nil { contents[item.location.file] = FileManager.default.contents(atPath: item.location.file) ?? Data() }
            return contents[item.location.file]!.withUnsafeBytes { raw in
                JSONItemsReader.location(ofMember: key, inItemAt: item.location, bytes: raw.bindMemory(to: UInt8.self))
            } ?? item.location
        }
        for index in items.indices {
            if items[index].location.file != file {
                file = items[index].location.file
                isBulk = bulkFiles.contains(file)
            }
            guard isBulk else { continue }
            if let unit = items[index].unit, plan.unitsByID.index(forKey: unit) == nil {  // index: no copy of the unit
                diagnostics.error(place("unit", of: items[index]), "item '\(items[index].id)' refers to unknown unit '\(unit)'",
                                  hint: closestMatch(to: unit, in: plan.unitsByID.keys).map { "did you mean '\($0)'?" })
            }
            if let owner = items[index].owner, plan.peopleByID.index(forKey: owner) == nil {
                diagnostics.error(place("owner", of: items[index]), "item '\(items[index].id)' (owner) refers to unknown person '\(owner)'",
                                  hint: closestMatch(to: owner, in: plan.peopleByID.keys).map { "did you mean '\($0)'?" })
            }
            if !vocabularies.isEmpty, !items[index].labels.isEmpty, items[index].labels != checkedLabels {
                var valid = true
                for (key, value) in items[index].labels {
                    guard let vocabulary = vocabularies[label: key], !vocabulary.contains(value) else { continue }
                    valid = false
                    labelValueOutsideVocabulary(value, of: vocabulary, in: "item '\(items[index].id)'", selected: false,
                                                at: place("labels.\(key)", of: items[index]))
                }
                checkedLabels = valid ? items[index].labels : nil
            }
        }
    }

    /// A label value that the label's vocabulary does not have, with the value probably meant.
    func labelValueOutsideVocabulary(_ value: String, of vocabulary: LabelVocabulary, in context: String, selected: Bool,
                                     at location: SourceLocation) {
        let key = vocabulary.key
        let hint = Self.meantValue(value, in: vocabulary).map { "did you mean '\($0)'?" }
            ?? "'\(key)' takes " + vocabulary.valueIDs.prefix(8).joined(separator: ", ")
            + (vocabulary.values.count > 8 ? ", …" : "") + " (declared at \(vocabulary.location))"
        diagnostics.error(location, "\(context) \(selected ? "selects" : "has") \(key): '\(value)', which is not in the vocabulary of '\(key)'",
                          hint: hint)
    }

    /// The value of a vocabulary probably meant by `value`: the nearest by edit distance, else the
    /// only one that contains it (`ledarskap` → `gott-ledarskap`).
    static func meantValue(_ value: String, in vocabulary: LabelVocabulary) -> String? {
        if let near = closestMatch(to: value, in: vocabulary.valueIDs) { return near }
        guard value.count >= 3 else { return nil }
        let containing = vocabulary.valueIDs.filter { $0.lowercased().contains(value.lowercased()) }
        return containing.count == 1 ? containing[0] : nil
    }

    private func checkDuplicates() {
        duplicates(rules.rules.map(\.id), "rule") { rules.rules[$0].location }
        duplicates(plan.units.map(\.id), "unit") { plan.units[$0].location }
        duplicates(plan.people.map(\.id), "person") { plan.people[$0].location }
        duplicates(plan.items.map(\.id), "item") { plan.items[$0].location }
        var seen: [String: SourceLocation] = [:]
        for measurement in plan.measurements {
            let key = "\(measurement.unit),\(measurement.metric),\(measurement.period)"
            if let earlier = seen[key] {
                diagnostics.error(measurement.location, "duplicate measurement \(key)", hint: "first reported at \(earlier)")
            } else {
                seen[key] = measurement.location
            }
        }
    }

    private func checkReferences() {
        let unitIDs = Set(plan.units.map(\.id)), personIDs = Set(plan.people.map(\.id)), ruleIDs = Set(rules.rules.map(\.id))
        let unitRoles = Set(plan.units.flatMap(\.roles.keys))
        var namedRoles = Set(plan.people.flatMap(\.roles))
        namedRoles.formUnion(configuration.roles.keys)
        var itemKinds = Set<String>(), labelKeys = Set<String>()
        let items = plan.items
        var previousKind = "", previousLabelKeys: [String: String].Keys = [:].keys
        for index in items.indices {
            // Neighbouring items mostly share kind and label names: only hash what changes.
            if items[index].kind != previousKind {
                previousKind = items[index].kind
                itemKinds.insert(previousKind)
            }
            let keys = items[index].labels.keys
            if !keys.elementsEqual(previousLabelKeys) {
                for key in keys { labelKeys.insert(key) }
                previousLabelKeys = keys
            }
        }
        let vocabularies = plan.vocabularies
        // A label with a vocabulary is known even before any item has it.
        let templateLabelKeys = labelKeys.union(vocabularies.keys)
        let unitKinds = Set(plan.units.map(\.kind))
        let metrics = Set(plan.measurements.map(\.metric))
        let hasPlan = !plan.units.isEmpty || !plan.items.isEmpty || !plan.people.isEmpty

        func unknown(_ site: ReferenceSites.Site, _ what: String, among names: Set<String>) {
            diagnostics.error(site.location, "\(site.context) refers to unknown \(what) '\(site.name)'",
                              hint: closestMatch(to: site.name, in: names).map { "did you mean '\($0)'?" })
        }
        for site in sites.all {
            switch site.target {
            case .unit where !unitIDs.contains(site.name): unknown(site, "unit", among: unitIDs)
            case .person where !personIDs.contains(site.name): unknown(site, "person", among: personIDs)
            case .rule where !ruleIDs.contains(site.name): unknown(site, "rule", among: ruleIDs)
            case .recipient(let recipient, let inThresholdRule):
                switch recipient {
                case .owner where inThresholdRule:
                    diagnostics.error(site.location, "\(site.context): threshold rules are about units, which have no owner",
                                      hint: "notify a unit role such as unit.manager")
                case .unitRole(let role) where hasPlan && !unitRoles.contains(role):
                    diagnostics.error(site.location, "\(site.context) notifies unit role '\(role)', which no unit has",
                                      hint: closestMatch(to: role, in: unitRoles).map { "did you mean 'unit.\($0)'?" } ?? "unit roles are set in each unit's 'roles'")
                case .role(let role) where hasPlan && !namedRoles.contains(role):
                    diagnostics.error(site.location, "\(site.context) notifies role '\(role)', which nobody holds",
                                      hint: closestMatch(to: role, in: namedRoles).map { "did you mean '\($0)'?" }
                                        ?? "give people the role in their 'roles', or list its holders under 'roles' in planwatch.yaml")
                default: break
                }
            case .itemKind where hasPlan && !itemKinds.contains(site.name):
                diagnostics.warning(site.location, "\(site.context) selects items of kind '\(site.name)', and there are none",
                                    hint: closestMatch(to: site.name, in: itemKinds).map { "did you mean '\($0)'?" })
            case .unitKind where hasPlan && !unitKinds.contains(site.name):
                diagnostics.warning(site.location, "\(site.context) selects units of kind '\(site.name)', and there are none",
                                    hint: closestMatch(to: site.name, in: unitKinds).map { "did you mean '\($0)'?" })
            case .labelValue(let key, let selected):
                if let vocabulary = vocabularies[label: key], !vocabulary.contains(site.name) {
                    labelValueOutsideVocabulary(site.name, of: vocabulary, in: site.context, selected: selected, at: site.location)
                }
            case .label(let key, let value) where hasPlan:
                if let vocabulary = vocabularies[label: key] {
                    // A declared label: a value outside the vocabulary is an error at the value (above).
                    if vocabulary.contains(value), !plan.items.contains(where: { $0.labels[key] == value }) {
                        diagnostics.warning(site.location, "\(site.context) selects \(key): \(value), and no item has that value")
                    }
                } else if !labelKeys.contains(key) {
                    diagnostics.error(site.location, "\(site.context) selects by label '\(key)', which no item has",
                                      hint: closestMatch(to: key, in: labelKeys).map { "did you mean '\($0)'?" })
                } else if !plan.items.contains(where: { $0.labels[key] == value }) {
                    let values = Set(plan.items.compactMap { $0.labels[key] })
                    diagnostics.warning(site.location, "\(site.context) selects \(key): \(value), and no item has that value",
                                        hint: closestMatch(to: value, in: values).map { "did you mean '\($0)'?" })
                }
            case .templateVariable(let kind):
                let catalog = TemplateVariables.catalog(for: kind)
                let known = ([site.name] + site.alternatives).contains {
                    catalog.isKnown($0, familyKeys: hasPlan ? templateLabelKeys : [$0.lastComponent])
                }
                if !known {
                    let suggestion = catalog.suggestion(for: site.name, familyKeys: templateLabelKeys)
                    diagnostics.error(site.location, "\(site.context) uses unknown variable '\(site.name)'",
                                      hint: suggestion.map { "did you mean '\($0)'?" } ?? "see the list of template variables in docs/rules.md")
                }
            case .derivedInput where hasPlan && !plan.measurements.isEmpty && !metrics.contains(site.name):
                diagnostics.error(site.location, "\(site.context) computes its metric from '\(site.name)', which no measurement reports",
                                  hint: closestMatch(to: site.name, in: metrics).map { "did you mean '\($0)'?" }
                                    ?? "a derived metric's inputs are reported metrics (unit,metric,period,value)")
            case .metric where hasPlan && !plan.measurements.isEmpty && !metrics.contains(site.name):
                diagnostics.warning(site.location, "\(site.context) watches metric '\(site.name)', which no measurement reports",
                                    hint: closestMatch(to: site.name, in: metrics).map { "did you mean '\($0)'?" })
            default: break
            }
        }
        for (role, holders) in configuration.roles.sorted(by: { $0.key < $1.key }) where hasPlan {
            for holder in holders where !personIDs.contains(holder) {
                diagnostics.error(SourceLocation(file: configuration.source ?? "planwatch.yaml"),
                                  "role '\(role)' lists unknown person '\(holder)'",
                                  hint: closestMatch(to: holder, in: personIDs).map { "did you mean '\($0)'?" })
            }
        }
    }

    private func checkUnitHierarchy() {
        for unit in plan.units {
            var path = [unit.id]
            var current = unit.parent
            while let parent = current, let next = plan.unitsByID[parent] {
                path.append(parent)
                if parent == unit.id {
                    diagnostics.error(unit.location, "unit '\(unit.id)' is its own ancestor: " + path.joined(separator: " → "))
                    break
                }
                if path.dropLast().contains(parent) { break }  // a cycle above this unit, reported there
                current = next.parent
            }
        }
    }

    private func checkMeasurements() {
        let unitIDs = Set(plan.units.map(\.id))
        guard !plan.units.isEmpty else { return }
        for measurement in plan.measurements where !unitIDs.contains(measurement.unit) {
            diagnostics.error(measurement.location, "measurement for unknown unit '\(measurement.unit)'",
                              hint: closestMatch(to: measurement.unit, in: unitIDs).map { "did you mean '\($0)'?" })
        }
        var kinds: [String: (Period.Kind, SourceLocation)] = [:]
        for measurement in plan.measurements {
            let key = "\(measurement.unit)/\(measurement.metric)"
            if let (kind, first) = kinds[key], kind != measurement.period.kind {
                diagnostics.error(measurement.location, "\(measurement.unit) reports \(measurement.metric) by \(measurement.period.kind.rawValue) here and by \(kind.rawValue) at \(first)",
                                  hint: "a series uses one kind of period")
            } else if kinds[key] == nil {
                kinds[key] = (measurement.period.kind, measurement.location)
            }
        }
    }

    /// The inputs of a derived metric must be reported by the same kind of period: a ratio's two
    /// metrics, and a sum's metric in every child unit. Reported at the input that does not match.
    private func checkDerivedPeriods() {
        guard !plan.measurements.isEmpty else { return }
        var kinds: [String: Set<Period.Kind>] = [:]
        for measurement in plan.measurements { kinds[measurement.metric, default: []].insert(measurement.period.kind) }
        func names(_ set: Set<Period.Kind>) -> String { set.map(\.rawValue).sorted().joined(separator: " and by ") }
        for rule in rules.rules {
            guard case .threshold(let threshold) = rule.settings, let derived = threshold.derived else { continue }
            let inputSites = sites.all.filter {
                if case .derivedInput = $0.target { $0.context == "rule '\(rule.id)'" } else { false }
            }
            func site(_ role: String) -> ReferenceSites.Site? {
                inputSites.first { if case .derivedInput(let r) = $0.target { r == role } else { false } }
            }
            switch derived.formula {
            case .ratio(let numerator, let denominator, _):
                guard let top = kinds[numerator], let bottom = kinds[denominator], top.isDisjoint(with: bottom) else { continue }
                let location = site("per")?.location ?? rule.location
                diagnostics.error(location, "rule '\(rule.id)' divides '\(numerator)', reported by \(names(top)), by '\(denominator)', reported by \(names(bottom)): the periods do not match",
                                  hint: "report both metrics by the same kind of period (month, quarter, tertial or year)")
            case .sumOverChildren(let metric):
                guard let reported = kinds[metric], reported.count > 1 else { continue }
                diagnostics.error(site("sum")?.location ?? rule.location,
                                  "rule '\(rule.id)' sums '\(metric)', which units report by \(names(reported)): a sum needs one kind of period",
                                  hint: "report the metric by the same kind of period in every unit")
            case .change:
                continue
            }
        }
    }

    private func checkRuleSettings() {
        for rule in rules.rules {
            guard case .deadline(let deadline) = rule.settings else { continue }
            if case .calendar(let expression) = deadline.due {
                let zone = configuration.timezone
                let start = Instant(seconds: 1_767_225_600)  // 2026-01-01
                let elapses = expression.nextElapses(after: start, in: zone, count: 6)
                let dates = elapses.map { zone.date(at: $0) }
                let gaps = zip(dates, dates.dropFirst()).map { $0.days(until: $1) }
                if let gap = gaps.min(), let longest = deadline.remind.max(by: { $0.approximateDays < $1.approximateDays }),
                   longest.approximateDays >= gap {
                    diagnostics.warning(rule.location, "rule '\(rule.id)' reminds \(longest) ahead, but occurrences come every \(gap) days",
                                        hint: "the reminder for one occurrence would start before the previous one is due")
                }
                if elapses.isEmpty {
                    diagnostics.warning(rule.location, "rule '\(rule.id)' is due '\(expression.source)', which never occurs after 2026")
                }
            } else if !plan.items.isEmpty {
                let items = plan.items
                for index in items.indices where items[index].due == nil {
                    let item = items[index]
                    guard rule.selector.matches(item, in: plan.unitsByID) else { continue }
                    diagnostics.warning(item.location, "item '\(item.id)' has no due date, so rule '\(rule.id)' (which uses the item's own due date) skips it")
                }
            }
        }
    }
}

private extension String {
    /// `item.labels.x` → `x`, to accept label variables when there is no plan to check them against.
    var lastComponent: String { split(separator: ".").last.map(String.init) ?? self }
}
