import ArgumentParser
import BoardSync
import Foundation
import Logging
import MongoDriver

struct ExplainCommand: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why one board item is (or is not) mirrored, and what the next sync would do with it. "
            + "Writes nothing to MongoDB or Plane; reads Plane's metadata through the cache like a run."
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "The board item's _id: 24 hex digits for an ObjectId, or the string.")
    var item: String

    @Flag(help: "As JSON.") var json = false

    func run() async throws {
        let settings = try await common.settings()
        let explanation = try await common.withDatabase(settings) { database in
            let integration = try await common.integration(settings, database: database)
            do {
                let engine = SyncEngine(database: database, settings: settings, logger: Logger(label: "boardsync"))
                return try await ItemExplainer(engine: engine, integration: integration).explain(item)
            } catch let error as ExplainError {
                throw CommandFailure(2, error.description, integration: integration.id)
            }
        }
        if json {
            Terminal.line(JSONText.encode(explanation))
        } else {
            Terminal.line(ExplainText.render(explanation))
        }
        // Plane could not be read: what MongoDB holds is shown, the decision is not.
        if explanation.plane.error != nil { throw ExitCode(1) }
    }
}
