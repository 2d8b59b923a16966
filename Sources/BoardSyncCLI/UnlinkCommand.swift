import ArgumentParser
import BoardSync
import Logging
import PlaneAPI
import SyncCore

struct UnlinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlink",
        abstract: "Stop mirroring one board item (its Plane item stays unless --delete-in-plane)."
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "The board item's _id: 24 hex digits for an ObjectId, or the string.")
    var item: String

    @Flag(help: "Also delete its Plane work item.")
    var deleteInPlane = false

    func run() async throws {
        let settings = try await common.settings()
        let id = BoardItemID.objectId(hex: item) ?? .string(item)
        try await common.withDatabase(settings) { database in
            let integrations = try await common.integrations(settings, database: database)
            let engine = SyncEngine(database: database, settings: settings, logger: Logger(label: "boardsync"))
            do {
                var found = false
                for integration in integrations {
                    let outcome = try await ItemUnlinker(engine: engine).unlink(
                        id, in: integration, deleteInPlane: deleteInPlane)
                    switch outcome {
                    case .notLinked: continue
                    case .unlinked(let planeId):
                        Terminal.line("\(integration.id): board item \(id) unlinked; Plane item \(planeId ?? "-") kept")
                    case .unlinkedAndDeleted(let planeId):
                        Terminal.line("\(integration.id): board item \(id) unlinked; Plane item \(planeId) deleted")
                    }
                    found = true
                }
                if !found {
                    throw CommandFailure(2, "board item \(id) is not mirrored by any integration; nothing to unlink")
                }
            } catch let error as IntegrationError {
                throw CommandFailure(2, error.description, integration: error.integrationId)
            } catch let error as PlaneAPIError {
                throw CommandFailure(1, error.description)
            }
        }
    }
}
