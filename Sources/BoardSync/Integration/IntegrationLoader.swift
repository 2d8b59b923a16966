import Foundation
import MongoDriver
import PlaneAPI
import SyncCore

/// Reads `integrations` documents and validates them into ``Integration`` values: the one loader of every
/// command, the daemon and each leased run.
public struct IntegrationLoader: Sendable {
    public var collection: MongoCollection
    let links: MongoCollection

    public init(database: MongoDatabase) {
        collection = database.collection(CollectionNames.integrations)
        links = database.collection(CollectionNames.boardLinks)
    }

    /// What a run serves: the integrations it may run, and the documents it must refuse (exit 2), each
    /// with every problem named.
    public struct Served: Sendable {
        public var integrations: [Integration] = []
        /// Documents that cannot be used as they are (a field missing, of the wrong type, or wrong).
        public var invalid: [IntegrationError] = []
        /// Documents that share their `external_source` with an integration that came first.
        public var clashes: [IntegrationError] = []

        public var refused: [IntegrationError] { invalid + clashes }
    }

    /// `only` (enabled or not), or every enabled `plane` document. A document whose `enabled` is set but
    /// is not `true` or `false` (`"yes"`, `1`) is served so that its problem is named, not skipped quietly.
    public func served(only id: String? = nil) async throws -> Served {
        var served = Served()
        var documents: [BSONDocument] = []
        if let id {
            guard let document = try await collection.findOne(["_id": .string(id), "kind": "plane"]) else {
                served.invalid.append(try await missing(id))
                return served
            }
            documents = [document]
        } else {
            let filter: BSONDocument = ["kind": "plane", "enabled": ["$nin": [false, .null]]]
            for try await document in collection.find(filter, options: MongoFindOptions(sort: ["_id": 1])) {
                documents.append(document)
            }
        }
        for document in documents {
            do {
                var integration = try Self.validate(document)
                try await checkSourceOwnership(of: &integration, document: document, named: id)
                served.integrations.append(integration)
            } catch let error as SourceClash {
                served.clashes.append(error.error)
            } catch let error as IntegrationError {
                served.invalid.append(error)
            }
        }
        return served
    }

    /// The integration with this id, whether enabled or not.
    ///
    /// - Throws: ``IntegrationError`` when it is missing, invalid, or shares its `external_source` with an
    ///   integration that came first.
    public func load(id: String) async throws -> Integration {
        let served = try await served(only: id)
        if let integration = served.integrations.first { return integration }
        throw served.refused.first
            ?? IntegrationError(integrationId: id, field: "_id", reason: "cannot be loaded")
    }

    /// Every enabled Plane integration, each validated; a refused one is returned as its error so the
    /// others can still run.
    public func loadEnabled() async throws -> [Result<Integration, IntegrationError>] {
        let served = try await served()
        let results =
            served.integrations.map { Result<Integration, IntegrationError>.success($0) }
            + served.refused.map { .failure($0) }
        func id(_ result: Result<Integration, IntegrationError>) -> String {
            switch result {
            case .success(let integration): integration.id
            case .failure(let error): error.integrationId
            }
        }
        return results.sorted { id($0) < id($1) }
    }

    private func missing(_ id: String) async throws -> IntegrationError {
        if let other = try await collection.findOne(["_id": .string(id)]) {
            let kind = other["kind"].map { $0.stringValue.map { "\"\($0)\"" } ?? "a \($0.typeName)" } ?? "missing"
            return IntegrationError(
                integrationId: id, field: "kind",
                reason: "is \(kind); BoardSync serves documents of kind \"plane\" only")
        }
        return IntegrationError(
            integrationId: id, field: "_id",
            reason: "no integrations document of kind \"plane\" has this id (check --integration)")
    }
}
