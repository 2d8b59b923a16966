import Foundation
import MongoDriver
import PlaneAPI

/// Reads `integrations` documents and validates them into ``Integration`` values.
public struct IntegrationLoader: Sendable {
    public var collection: MongoCollection

    public init(database: MongoDatabase) {
        collection = database.collection(CollectionNames.integrations)
    }

    /// The integration with this id, whether enabled or not.
    public func load(id: String) async throws -> Integration {
        guard let document = try await collection.findOne(["_id": .string(id), "kind": "plane"]) else {
            throw IntegrationError(
                integrationId: id, field: "_id",
                reason: "no integrations document of kind \"plane\" has this id (check --integration)")
        }
        return try Self.validate(document)
    }

    /// Every enabled Plane integration, each validated; an invalid one is returned as its error so the
    /// others can still run.
    public func loadEnabled() async throws -> [Result<Integration, IntegrationError>] {
        var results: [Result<Integration, IntegrationError>] = []
        let filter: BSONDocument = ["kind": "plane", "enabled": true]
        for try await document in collection.find(filter, options: MongoFindOptions(sort: ["_id": 1])) {
            do {
                results.append(.success(try Self.validate(document)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Checks every field a run needs and names each problem.
    public static func validate(_ document: BSONDocument) throws(IntegrationError) -> Integration {
        let id = document["_id"].map(BSONDecoder.describeId) ?? "(no _id)"
        let stored: IntegrationDocument
        do {
            stored = try BSONDecoder().decode(IntegrationDocument.self, from: document)
        } catch {
            throw IntegrationError(
                integrationId: id, field: error.path.isEmpty ? "(document)" : error.path, reason: error.reason)
        }
        var validation = IntegrationValidation(document: stored)
        guard let integration = validation.integration(), validation.problems.isEmpty else {
            throw IntegrationError(integrationId: id, problems: validation.problems)
        }
        return integration
    }
}
