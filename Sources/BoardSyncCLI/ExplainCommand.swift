import ArgumentParser
import BoardSync
import Foundation
import MongoDriver

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why one board item is (or is not) mirrored, and what the next sync would do with it. Writes nothing."
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "The board item's _id: 24 hex digits for an ObjectId, or the string.")
    var item: String

    @Flag(help: "As JSON.") var json = false

    func run() async throws {
        let settings = try await common.settings()
        let explanation = try await common.withDatabase(settings) { database in
            let integration = try await Self.integration(settings, database: database)
            do {
                return try await ItemExplainer(database: database, integration: integration).explain(item)
            } catch let error as ExplainError {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            Terminal.line(String(decoding: try encoder.encode(explanation), as: UTF8.self))
        } else {
            Terminal.line(ExplainText.render(explanation))
        }
        // Plane could not be read: what MongoDB holds is shown, the decision is not.
        if explanation.plane.error != nil { throw ExitCode(1) }
    }

    /// `--integration`, or the only enabled one.
    static func integration(_ settings: BoardSyncSettings, database: MongoDatabase) async throws -> Integration {
        let loader = IntegrationLoader(database: database)
        do {
            if let only = settings.integration { return try await loader.load(id: only) }
            let enabled = try await loader.loadEnabled()
            guard enabled.count == 1, let only = enabled.first else {
                Terminal.error(
                    enabled.isEmpty
                        ? "no enabled integration of kind \"plane\" in \(settings.database).integrations"
                        : "\(enabled.count) integrations are enabled; name one with --integration")
                throw ExitCode(2)
            }
            return try only.get()
        } catch let error as IntegrationError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}
