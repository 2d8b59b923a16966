import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import SyncCache
import SyncCore

@testable import BoardSync

/// Helpers shared by the end-to-end scenarios: board edits, Plane look-ups, request-log filters.
enum SyncWorld {
    static let nexus = "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e000001"
    static let ops = "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e000002"
    static let alice = "alice@acme.example"
    static let workItems = "/api/v1/workspaces/acme/projects/"

    /// The fixture item `6650a1c0e4b0c7a1d2f300NN` (NN in hex).
    static func hex(_ suffix: String) -> String { "6650a1c0e4b0c7a1d2f300" + suffix }

    /// Sets fields of a board item and bumps its `updated_at`, as the platform does.
    static func edit(_ database: MongoDatabase, _ hex: String, _ fields: BSONDocument) async throws {
        var set = fields
        set["updated_at"] = .date(Date())
        let id = try BSONObjectId(hex: hex).map(BSONValue.objectId) ?? { throw WorldError("bad id \(hex)") }()
        try await database.collection(CollectionNames.boardItems).updateOne(["_id": id], ["$set": .document(set)])
    }

    static func softDelete(_ database: MongoDatabase, _ hex: String) async throws {
        try await edit(database, hex, ["deleted_at": .date(Date())])
    }

    /// Changes the integration document (policy, sync_state, ...).
    static func setIntegration(_ database: MongoDatabase, _ fields: BSONDocument) async throws {
        try await database.collection(CollectionNames.integrations).updateOne(
            ["_id": "plane-acme"], ["$set": .document(fields)])
    }

    static func run(_ database: MongoDatabase, _ options: SyncEngine.Options, cache: SyncCache? = nil) async throws
        -> SyncEngine.Report
    {
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        return try await SyncEngine(database: database, cache: cache, logger: .silent()).run(
            integration, options: options)
    }

    static func options(_ mode: SyncEngine.Mode = .incremental, dryRun: Bool = false) -> SyncEngine.Options {
        // Generous: a timed-out POST is an unknown outcome, and a loaded machine must not turn slowness into one.
        SyncEngine.Options(mode: mode, dryRun: dryRun, requestTimeout: .seconds(30))
    }

    /// Live (not deleted) Plane items holding the external id.
    static func planeItems(_ simulator: PlaneSimulator, externalId: String) async -> [SimJSON] {
        await simulator.storedItems().filter {
            ($0["deleted_at"]?.isNull ?? true) && $0["external_id"]?.stringValue == externalId
        }
    }

    static func planeItem(_ simulator: PlaneSimulator, externalId: String) async throws -> SimJSON {
        guard let item = await planeItems(simulator, externalId: externalId).first else {
            throw WorldError("no Plane item for \(externalId)")
        }
        return item
    }

    static func link(_ database: MongoDatabase, _ hex: String) async throws -> BSONDocument? {
        guard let id = BSONObjectId(hex: hex) else { return nil }
        return try await database.collection(CollectionNames.boardLinks).findOne(["board_item_id": .objectId(id)])
    }

    static func writes(_ log: [PlaneSimulator.LoggedRequest], _ method: String? = nil)
        -> [PlaneSimulator.LoggedRequest]
    {
        log.filter { $0.method != "GET" && (method == nil || $0.method == method) }
    }

    /// Live Plane items per external id: more than one anywhere is a duplicate.
    static func duplicateExternalIds(_ simulator: PlaneSimulator) async -> [String] {
        let live = await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }
        let ids = live.compactMap { $0["external_id"]?.stringValue }
        return Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.map(\.key)
    }
}

struct WorldError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
