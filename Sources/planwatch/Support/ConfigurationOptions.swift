import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchLoader

/// `--config FILE`, shared by the commands that read the configuration.
struct ConfigurationOptions: ParsableArguments {
    static let defaultPath = "/etc/planwatch/planwatch.yaml"

    @Option(name: .customLong("config"), help: ArgumentHelp(
        "The configuration file (default: \(ConfigurationOptions.defaultPath) when it exists, else built-in defaults).",
        valueName: "file"))
    var path: String?

    /// The file in use: `--config`, else the default path when it exists.
    var resolvedPath: String? {
        path ?? (FileManager.default.fileExists(atPath: Self.defaultPath) ? Self.defaultPath : nil)
    }

    /// The configuration and project loader of this installation (the daemon's too).
    var installation: Installation {
        Installation(configurationPath: resolvedPath, environment: ProcessInfo.processInfo.environment)
    }

    /// The configuration; bad configuration is exit 78, a missing file 66.
    func load() throws -> Configuration {
        switch installation.loadConfiguration() {
        case .success(let (configuration, warnings)):
            for diagnostic in warnings { printError(diagnostic.description) }
            return configuration
        case .failure(let failure):
            for diagnostic in failure.diagnostics { printError(diagnostic.description) }
            let missing = resolvedPath.map { !FileManager.default.fileExists(atPath: $0) } ?? false
            throw CommandFailure(missing ? .noInput : .configuration, failure.description)
        }
    }
}

/// Loads rules and plan, printing every diagnostic; invalid data is exit 65, a missing path 66.
func loadProject(paths: [String], configuration: Configuration, warnings: Bool = true) throws -> LoadedProject {
    try report(readProject(paths: paths, configuration: configuration).checked(), warnings: warnings)
}

/// As `loadProject`, with `work` done on the rules and plan while they are checked (on another
/// core); its result is returned only when the checks find no error.
func loadProject<T>(paths: [String], configuration: Configuration, warnings: Bool = true,
                    meanwhile work: (ReadProject) -> T) throws -> (project: LoadedProject, result: T) {
    let (project, result) = try readProject(paths: paths, configuration: configuration).checked(while: work)
    return (try report(project, warnings: warnings), result)
}

private func readProject(paths: [String], configuration: Configuration) throws -> ReadProject {
    do {
        return paths.isEmpty
            ? try ProjectLoader.read(configuration: configuration)
            : try ProjectLoader.read(paths: paths, configuration: configuration)
    } catch {
        throw CommandFailure(.noInput, error.description)
    }
}

/// Prints the project's diagnostics; throws (exit 65) when there are errors.
private func report(_ project: LoadedProject, warnings: Bool) throws -> LoadedProject {
    for diagnostic in project.diagnostics where warnings || diagnostic.severity == .error {
        printError(diagnostic.description)
    }
    if project.hasErrors {
        let errors = project.diagnostics.filter { $0.severity == .error }.count
        throw CommandFailure(.dataError, "\(errors) error\(errors == 1 ? "" : "s") in rules or plan data")
    }
    return project
}
