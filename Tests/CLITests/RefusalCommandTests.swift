import Foundation
import PlanwatchTestSupport
import Testing

/// `check` refuses what a cycle could not use, and says exactly what and where.
@Suite struct RefusalCommandTests {
    func workspace(_ configuration: String, organisation: String? = nil) throws -> (folder: URL, config: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-refuse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plan"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try (organisation ?? """
            units: [ { id: farsta, name: "Farsta", kind: district, roles: { manager: p-omar } } ]
            people: [ { id: p-omar, name: "Omar", email: omar@example.se } ]
            """).write(to: folder.appendingPathComponent("plan/organisation.yaml"), atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("planwatch.yaml").path
        try configuration.write(toFile: config, atomically: true, encoding: .utf8)
        return (folder, config)
    }

    @Test func aTypoInTheRulesPathIsMissingInputNotZeroRules() throws {
        let (folder, config) = try workspace("rules: [rulez]\nplan: plan\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try PlanwatchProcess.run(["check", "--config", config])
        #expect(check.status == 66)
        #expect(check.stderr.contains("\(folder.path)/rulez: no such file or directory"), "\(check.stderr)")
        #expect(!check.stdout.contains("valid"))
    }

    @Test(arguments: [("\"Planwatch\"", "an address needs an '@'"), ("pw@exämple.se", "only ASCII"), ("\"Planwatch <pw@ex ample.se>\"", "domain")])
    func aSenderMailCannotBeSentFromIsABadConfiguration(from: String, problem: String) throws {
        let (folder, config) = try workspace("rules: [rules]\nplan: plan\nmail: { from: \(from), transport: none }\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try PlanwatchProcess.run(["check", "--config", config])
        #expect(check.status == 78, "\(check.stderr)")
        #expect(check.stderr.contains("planwatch.yaml:3:15: error: mail from") && check.stderr.contains(problem), "\(check.stderr)")
    }

    @Test func aRecipientAddressMailCannotBeSentToIsInvalidData() throws {
        let (folder, config) = try workspace("rules: [rules]\nplan: plan\n", organisation: """
            units: [ { id: farsta, name: "Farsta", kind: district, roles: { manager: p-maria } } ]
            people: [ { id: p-maria, name: "Maria", email: märia@exämple.se } ]
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try PlanwatchProcess.run(["check", "--config", config])
        #expect(check.status == 65)
        #expect(check.stderr.contains("organisation.yaml:2:48: error: 'märia@exämple.se' is not an email address: only ASCII"), "\(check.stderr)")
    }

    /// Run as a user who cannot read a plan sub-folder (root reads everything, so the test runs the
    /// check as `nobody`): the folder is an error, never left out.
    @Test func anUnreadableFolderIsAnErrorNamingIt() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let (folder, config) = try workspace("rules: [rules]\nplan: plan\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("plan/measurements")
        try FileManager.default.createDirectory(at: secret, withIntermediateDirectories: true)
        try "unit,metric,period,value\nfarsta,x,2026-10,1\n".write(to: secret.appendingPathComponent("2026.csv"), atomically: true, encoding: .utf8)
        for path in [folder.path, folder.appendingPathComponent("plan").path, folder.appendingPathComponent("rules").path] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        for file in ["planwatch.yaml", "plan/organisation.yaml"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent(file).path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: secret.path)
        let check = try runProgram("/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups",
                                                         PlanwatchProcess.executable.path, "check", "--config", config])
        #expect(check.status == 65, "\(check.stderr)")
        #expect(check.stderr.contains("\(secret.path): error: cannot read the folder: Permission denied"), "\(check.stderr)")
    }
}
