public import PlanwatchCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Yams

/// Rules and plan, loaded and checked together.
public struct LoadedProject: Sendable {
    public var rules: RuleSet
    public var plan: PlanSnapshot
    /// Every problem found, errors and warnings, in file order.
    public var diagnostics: [Diagnostic]
    /// The files that were read.
    public var files: [String]

    /// Whether any diagnostic is an error (the project must not be used then).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A path that was asked for and does not exist.
public struct MissingInputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path): no such file or directory" }
}

/// Finds, reads and checks rule files and plan data.
public enum ProjectLoader {
    /// Loads the files and folders in `paths` (rule files, plan files, measurement CSVs, in any mix).
    /// - Parameters:
    ///   - paths: files or folders; folders are searched for `*.yaml`, `*.yml`, `*.json` and `*.csv`.
    ///   - optionalPaths: folders that may be missing (e.g. `/etc/planwatch/rules.d`).
    ///   - configuration: zone, working days, named roles.
    /// - Throws: ``MissingInputError`` for a path in `paths` that does not exist.
    public static func load(paths: [String], optionalPaths: Set<String> = [], configuration: Configuration) throws(MissingInputError) -> LoadedProject {
        try read(paths: paths, optionalPaths: optionalPaths, configuration: configuration).checked()
    }

    /// Reads the files as ``load(paths:optionalPaths:configuration:)`` does, without the checks that
    /// need everything read: a caller can start on the rules and plan while ``ReadProject/checked()``
    /// runs (and must not use its results unless that finds no errors).
    public static func read(paths: [String], optionalPaths: Set<String> = [], configuration: Configuration) throws(MissingInputError) -> ReadProject {
        try read(paths: paths, optionalPaths: optionalPaths, configuration: configuration, bulkJSON: true)
    }

    /// ``read(paths:optionalPaths:configuration:)``; with `bulkJSON` false, item files in JSON go
    /// through the general reader too (to compare the two).
    static func read(paths: [String], optionalPaths: Set<String> = [], configuration: Configuration,
                     bulkJSON: Bool) throws(MissingInputError) -> ReadProject {
        let inputs = try InputFiles(paths: paths.filter { path in
            !optionalPaths.contains(path) || FileManager.default.fileExists(atPath: path)
        })
        let files = inputs.files
        // Each file is read on its own, concurrently; the parts are joined in file order, so the
        // result is the same as reading them one after another.
        let parts = files.concurrentMap { file in
            var part = ProjectAssembly(bulkJSON: bulkJSON)
            part.add(file: file.path, explicit: file.explicit)
            return part
        }
        var assembly = ProjectAssembly()
        for (location, message) in inputs.problems { assembly.diagnostics.error(location, message) }
        for folder in inputs.emptyFolders where !optionalPaths.contains(folder) {
            assembly.diagnostics.note(SourceLocation(file: folder), "the folder holds no rule, plan or measurements file yet")
        }
        for part in parts { assembly.join(part) }
        return assembly.finish(configuration: configuration)
    }

    /// Reads what a configuration names, without the cross-checks (see ``read(paths:optionalPaths:configuration:)``).
    public static func read(configuration: Configuration) throws(MissingInputError) -> ReadProject {
        try read(paths: configuration.rulePaths + [configuration.planPath], configuration: configuration)
    }

    /// Loads what a configuration names: its rule paths and its plan folder, every one of which must
    /// exist (a typo in `rules:` is an error, never "0 rules, valid"); an empty folder is valid, with a note.
    public static func load(configuration: Configuration) throws(MissingInputError) -> LoadedProject {
        try load(paths: configuration.rulePaths + [configuration.planPath], configuration: configuration)
    }

    static let extensions = InputFiles.extensions

}

/// The parts of a project as they are read, before the cross-checks.
struct ProjectAssembly {
    /// Whether JSON item files take the bulk reader.
    var bulkJSON = true
    let diagnostics = DiagnosticCollector()
    let sites = ReferenceSites()
    var groups: [RuleGroup] = []
    var plan = PlanFileReader.Contents()
    var measurements: [PlanwatchCore.Measurement] = []
    var files: [String] = []
    /// Files read by the bulk JSON reader: their items' references are checked item by item.
    var bulkFiles: Set<String> = []

    /// Adds what another part read, after what this one holds.
    mutating func join(_ other: ProjectAssembly) {
        diagnostics.merge(other.diagnostics)
        sites.merge(other.sites)
        Self.append(other.groups, to: &groups)
        Self.append(other.plan.units, to: &plan.units)
        Self.append(other.plan.people, to: &plan.people)
        Self.append(other.plan.items, to: &plan.items)
        Self.append(other.plan.completions, to: &plan.completions)
        plan.vocabularies += other.plan.vocabularies
        Self.append(other.measurements, to: &measurements)
        files += other.files
        bulkFiles.formUnion(other.bulkFiles)
    }

    /// Appends without copying: takes `other` as it is into an empty array, and leaves a shared
    /// array alone when there is nothing to add (appending even nothing would copy it, item by item).
    private static func append<T>(_ other: [T], to array: inout [T]) {
        if array.isEmpty { array = other } else if !other.isEmpty { array += other }
    }

    /// Reads one file and sorts it by what it holds.
    mutating func add(file: String, explicit: Bool) {
        let fileExtension = URL(fileURLWithPath: file).pathExtension.lowercased()
        guard ProjectLoader.extensions.contains(fileExtension) else {
            if explicit {
                diagnostics.error(SourceLocation(file: file), "not a rule, plan or measurements file (expected .yaml, .yml, .json or .csv)")
            }
            return
        }
        let data: Data
        switch Self.contents(of: file) {
        case .success(let contents): data = contents
        case .failure(let problem):
            diagnostics.error(SourceLocation(file: file), problem.message)
            return
        }
        if fileExtension == "json", bulkJSON {
            // Bulk item files take the fast path; its diagnostics count only when it takes the file,
            // otherwise the general reader starts over.
            let local = DiagnosticCollector(), localSites = ReferenceSites()
            let reader = JSONItemsReader(file: file, diagnostics: local, sites: localSites)
            if let items = reader.read(data) {
                files.append(file)
                Self.append(items, to: &plan.items)
                bulkFiles.insert(file)
                diagnostics.merge(local)
                sites.merge(localSites)
                return
            }
        }
        guard let text = UTF8Validation.text(of: data, file: file, diagnostics: diagnostics) else { return }
        files.append(file)
        if fileExtension == "csv" {
            measurements += MeasurementsReader(file: file, diagnostics: diagnostics).read(text)
        } else {
            add(yaml: text, file: file)
        }
    }

    /// A file's bytes, or why it cannot be read (it is not a regular file, cannot be opened, or is
    /// larger than ``InputLimits/maximumFileBytes``).
    static func contents(of file: String) -> Result<Data, FileProblem> {
        var info = stat()
        guard stat(file, &info) == 0 else { return .failure(FileProblem("cannot read the file: \(String(cString: strerror(errno)))")) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(FileProblem("not a regular file")) }
        guard Int(info.st_size) <= InputLimits.maximumFileBytes else {
            return .failure(FileProblem("the file has \(info.st_size >> 20) MiB; a file may have at most \(InputLimits.maximumFileBytes >> 20) MiB"))
        }
        guard access(file, R_OK) == 0, let data = FileManager.default.contents(atPath: file) else {
            return .failure(FileProblem("cannot read the file: \(String(cString: strerror(errno)))"))
        }
        return .success(data)
    }

    /// Why a file cannot be read.
    struct FileProblem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Keys only a configuration has (`rules` and `roles` alone do not tell).
    static let configurationOnlyKeys = Set(ConfigurationReader.keys).subtracting(["rules", "roles"])

    /// Reads YAML or JSON text, telling rule files from plan files by their top-level keys.
    mutating func add(yaml text: String, file: String) {
        let reader = YAMLReader(file: file, diagnostics: diagnostics, sites: sites)
        guard let root = reader.parse(text) else { return }
        add(node: root, reader: reader)
    }

    mutating func add(node root: Node, reader: YAMLReader) {
        let keys = Set(root.mapping?.keys.compactMap(\.scalar?.string) ?? [])
        if keys.contains("group") || (keys.contains("rules") && root.mapping?["rules"]?.sequence?.first?.mapping != nil) {
            if let group = RuleFileReader(reader: reader).read(root) {
                groups.append(group)
                plan.vocabularies += group.labels
            }
        } else if !keys.isDisjoint(with: PlanFileReader.fileKeys) {
            PlanFileReader(reader: reader).read(root, into: &plan)
        } else if keys.contains("tests") || !keys.isDisjoint(with: Self.configurationOnlyKeys) {
            // A rule test file or a configuration: checked by `planwatch test` and at start-up.
        } else {
            reader.diagnostics.error(reader.location(root), "cannot tell what this file is",
                                     hint: "a rule file has 'group' and 'rules'; a plan file has 'units', 'people', 'items' or 'labels'")
        }
    }

    /// Attaches completions written apart to their items; the checks are left to `ReadProject.checked()`.
    func finish(configuration: Configuration) -> ReadProject {
        var items = plan.items
        var itemIndex: [String: Int] = [:]
        if !plan.completions.isEmpty {
            for index in items.indices where itemIndex[items[index].id] == nil { itemIndex[items[index].id] = index }
        }
        for (id, completion, location) in plan.completions {
            if let index = itemIndex[id] {
                items[index].completed.append(completion)
            } else {
                diagnostics.error(location, "completion for unknown item '\(id)'",
                                  hint: closestMatch(to: id, in: itemIndex.keys).map { "did you mean '\($0)'?" })
            }
        }
        let snapshot = PlanSnapshot(units: plan.units, people: plan.people, items: items, measurements: measurements,
                                    vocabularies: vocabularies())
        return ReadProject(rules: RuleSet(groups: groups), plan: snapshot, files: files, configuration: configuration,
                           diagnostics: diagnostics, sites: sites, bulkFiles: bulkFiles)
    }

    /// The vocabularies of every file, one per label: a label declared again the same way (the
    /// same values with the same names) is fine; declared again differently, it is an error at the
    /// second declaration, naming the first.
    private func vocabularies() -> Vocabularies {
        guard !plan.vocabularies.isEmpty else { return .none }
        var first: [String: LabelVocabulary] = [:]
        for vocabulary in plan.vocabularies {
            guard let earlier = first[vocabulary.key] else {
                first[vocabulary.key] = vocabulary
                continue
            }
            if !vocabulary.declaresTheSame(as: earlier) {
                diagnostics.error(vocabulary.location, "label '\(vocabulary.key)' has a vocabulary already, and this one differs: "
                                    + Self.difference(vocabulary, from: earlier),
                                  hint: "first declared at \(earlier.location); declare a label's values once (or the same values and names wherever it is declared)")
            }
        }
        return Vocabularies(plan.vocabularies)
    }

    /// The first way `vocabulary` differs from `earlier`, for the message.
    private static func difference(_ vocabulary: LabelVocabulary, from earlier: LabelVocabulary) -> String {
        if let added = vocabulary.values.first(where: { !earlier.contains($0.id) }) {
            return "'\(added.id)' is not in the first"
        }
        if let missing = earlier.values.first(where: { !vocabulary.contains($0.id) }) {
            return "it lacks '\(missing.id)'"
        }
        let renamed = vocabulary.values.first { earlier.value($0.id)?.names != $0.names }
        return "'\(renamed?.id ?? "")' has other display names"
    }
}

/// Rules and plan as read, before the checks that need everything read (duplicate ids, references
/// between files, template variables).
public struct ReadProject: @unchecked Sendable {
    // Unchecked: the collectors are written only by the reading, which has finished, and by `checked()`.
    public let rules: RuleSet
    public let plan: PlanSnapshot
    /// The files that were read.
    public let files: [String]
    let configuration: Configuration
    let diagnostics: DiagnosticCollector
    let sites: ReferenceSites
    let bulkFiles: Set<String>

    /// The project with every problem found. Call once.
    public func checked() -> LoadedProject {
        checked(warningOfUnselectedItems: true)
    }

    /// ``checked()``; `warningOfUnselectedItems` false leaves out the warnings about items no rule
    /// selects (a rule test loads some rules on purpose).
    func checked(warningOfUnselectedItems: Bool) -> LoadedProject {
        var checker = CrossReferenceChecker(diagnostics: diagnostics, sites: sites, rules: rules, plan: plan, configuration: configuration,
                                            bulkFiles: bulkFiles)
        checker.warnsOfUnselectedItems = warningOfUnselectedItems
        checker.check()
        return LoadedProject(rules: rules, plan: plan, diagnostics: diagnostics.all.sorted(), files: files)
    }

    /// ``checked()``, while `work` runs on the rules and plan on another core (an evaluation that
    /// is shown only if the checks find no error). Call once.
    public func checked<T>(while work: (ReadProject) -> T) -> (project: LoadedProject, result: T) {
        concurrently({ checked() }, { work(self) })
    }
}
