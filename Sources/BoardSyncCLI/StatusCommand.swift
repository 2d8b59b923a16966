import ArgumentParser
import BoardSync
import Foundation

struct StatusCommand: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where each integration stands: checkpoint, last runs, links by state, failing items, conflicts."
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "As JSON (an array, one object per integration).") var json = false

    func run() async throws {
        let settings = try await common.settings()
        let statuses = try await common.withDatabase(settings) { database in
            let integrations = try await common.integrations(settings, database: database)
            var statuses: [IntegrationStatus] = []
            for integration in integrations {
                statuses.append(try await IntegrationStatus.read(integration, database: database))
            }
            return statuses
        }
        if json {
            Terminal.line(JSONText.encode(statuses))
        } else {
            Terminal.line(statuses.map { StatusText.render($0) }.joined(separator: "\n\n"))
        }
    }
}
