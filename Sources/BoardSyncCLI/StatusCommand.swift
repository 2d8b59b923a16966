import ArgumentParser
import BoardSync
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where each integration stands: checkpoint, last runs, links by state, failing items, conflicts."
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "As JSON (an array, one object per integration).") var json = false

    func run() async throws {
        let settings = try await common.settings()
        let statuses = try await common.withDatabase(settings) { database in
            let loader = IntegrationLoader(database: database)
            var integrations: [Integration] = []
            do {
                if let only = settings.integration {
                    integrations = [try await loader.load(id: only)]
                } else {
                    for result in try await loader.loadEnabled() { integrations.append(try result.get()) }
                }
            } catch let error as IntegrationError {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
            var statuses: [IntegrationStatus] = []
            for integration in integrations {
                statuses.append(try await IntegrationStatus.read(integration, database: database))
            }
            return statuses
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            Terminal.line(String(decoding: try encoder.encode(statuses), as: UTF8.self))
        } else {
            Terminal.line(statuses.map { StatusText.render($0) }.joined(separator: "\n\n"))
        }
    }
}
