import ArgumentParser
import BoardSync
import Foundation
import Logging

struct StatusCommand: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where each integration stands (checkpoint, last runs, links by state, failing items, conflicts, "
            + "who serves it), the documents refused, and the daemon replicas."
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "As JSON: {\"integrations\": [...], \"refused\": [...], \"replicas\": [...]}.") var json = false

    func run() async throws {
        let settings = try await common.settings()
        let report = try await common.withDatabase(settings) { database in
            // The local cache holds this machine's run history: shown when MongoDB's events are gone.
            let cache = LocalCache.open(path: settings.cachePath, logger: Logger(label: "boardsync"))
            return try await StatusReport.read(database: database, only: settings.integration, cache: cache)
        }
        // Nothing served: what is wrong is the answer (exit 2), as for every command.
        guard !report.integrations.isEmpty else {
            throw CommandFailure(
                2,
                report.refused.isEmpty
                    ? "no enabled integration of kind \"plane\" in \(settings.database).integrations; nothing to show"
                    : report.refused.map(\.message).joined(separator: "\n"),
                integration: report.refused.count == 1 ? report.refused[0].integration : nil)
        }
        if json {
            Terminal.line(JSONText.encode(report))
        } else {
            Terminal.line(StatusText.render(report))
        }
    }
}
