public import PlanwatchCore
public import PlanwatchLoader
import Foundation

/// Where a configuration is and how it is loaded with its rules and plan: the one loader for the
/// command line and the daemon (which loads again on reload).
public struct Installation: Sendable {
    /// The configuration file; `nil`: the built-in defaults.
    public var configurationPath: String?
    /// The process environment (`STATE_DIRECTORY`).
    public var environment: [String: String]

    public init(configurationPath: String?, environment: [String: String]) {
        self.configurationPath = configurationPath
        self.environment = environment
    }

    /// Why a load failed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public enum Kind: Sendable {
            /// The configuration is missing or not valid.
            case configuration
            /// A file or folder the configuration names is missing or cannot be read.
            case missingInput
            /// Rules or plan data have errors.
            case invalidData
        }

        public var kind: Kind
        public var description: String
        /// Every problem found (errors and warnings).
        public var diagnostics: [Diagnostic]
    }

    /// The configuration, with the warnings found in it.
    public func loadConfiguration() -> Result<(Configuration, [Diagnostic]), Failure> {
        guard let path = configurationPath else { return .success((Configuration(), [])) }
        guard FileManager.default.fileExists(atPath: path) else {
            return .failure(Failure(kind: .configuration, description: "\(path): no such configuration file", diagnostics: []))
        }
        let (configuration, diagnostics) = ConfigurationReader.read(path: path, environment: environment)
        guard let configuration else {
            return .failure(Failure(kind: .configuration, description: "\(path): the configuration is not valid", diagnostics: diagnostics))
        }
        return .success((configuration, diagnostics))
    }

    /// The rules and plan a configuration names, checked.
    public func loadProject(_ configuration: Configuration) -> Result<LoadedProject, Failure> {
        let project: LoadedProject
        do {
            project = try ProjectLoader.load(configuration: configuration)
        } catch {
            return .failure(Failure(kind: .missingInput, description: error.description, diagnostics: []))
        }
        guard !project.hasErrors else {
            let errors = project.diagnostics.filter { $0.severity == .error }.count
            return .failure(Failure(kind: .invalidData, description: "\(errors) error\(errors == 1 ? "" : "s") in rules or plan data",
                                    diagnostics: project.diagnostics))
        }
        return .success(project)
    }

    /// Both, with every diagnostic (warnings included).
    public func load() -> Result<(configuration: Configuration, project: LoadedProject, diagnostics: [Diagnostic]), Failure> {
        switch loadConfiguration() {
        case .failure(let failure): return .failure(failure)
        case .success(let (configuration, warnings)):
            switch loadProject(configuration) {
            case .failure(var failure):
                failure.diagnostics = warnings + failure.diagnostics
                return .failure(failure)
            case .success(let project): return .success((configuration, project, warnings + project.diagnostics))
            }
        }
    }
}
