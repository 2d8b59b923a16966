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
            file, an environment variable). Each integration's webhook line says whether its webhook secret
            resolves (never printing it), the receiver's URL and the events to tick in Plane; no secret set is an
            ℹ line, not a failure. Exit status: 0 no failure (warnings allowed); 2 a check failed.
            """
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print the checks as one JSON object: {passed, failures, warnings, checks: [...]}.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "The public base Plane posts webhook deliveries to, e.g. https://boardsync.example.com: check prints "
                + "each integration's whole Payload URL (env BOARDSYNC_WEBHOOK_URL).", valueName: "url"))
    var webhookURL: String?

    func run() async throws {
        // The checks are the result (standard output); the log format still applies to standard error.
        _ = try? await common.settings()
        let check = PreflightCheck(
            configFile: common.config, overrides: common.overrides(), webhookURL: webhookURL)
        let report = await check.run()
        Terminal.line(json ? JSONText.encode(report) : report.text)
        if !report.passed { throw ExitCode(2) }
    }
}
