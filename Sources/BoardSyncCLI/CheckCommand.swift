import ArgumentParser
import BoardSync
import Foundation

struct CheckCommand: AsyncParsableCommand {
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
        let check = PreflightCheck(
            configFile: common.config,
            overrides: BoardSyncSettings.Overrides(
                mongodbURI: common.mongodbURI, database: common.database, cachePath: common.cache,
                integration: common.integration, logFormat: common.logFormat))
        let report = await check.run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
            Terminal.line(String(decoding: data, as: UTF8.self))
        } else {
            Terminal.line(report.text)
        }
        if !report.passed { throw ExitCode(2) }
    }
}
