import ArgumentParser
import BoardSync
import Foundation

struct CheckCommand: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Pre-flight: configuration, MongoDB, indexes, integrations, Plane key, projects, mappings, cache.",
        discussion: """
            One line per check: ✓ fine, ⚠ a warning, ✗ a failure with what to do on the next line. The API key
            is checked with Plane's users/me and never printed; the line says where it is stored (inline, a
            file, an environment variable). Exit status: 0 no failure (warnings allowed); 2 a check failed.
            """
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print the checks as one JSON object: {passed, failures, warnings, checks: [...]}.")
    var json = false

    func run() async throws {
        // The checks are the result (standard output); the log format still applies to standard error.
        _ = try? await common.settings()
        let check = PreflightCheck(configFile: common.config, overrides: common.overrides())
        let report = await check.run()
        Terminal.line(json ? JSONText.encode(report) : report.text)
        if !report.passed { throw ExitCode(2) }
    }
}
