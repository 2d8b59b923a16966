import Foundation
import MongoDriver

/// `boardsync fixtures load`: puts the MongoDB side of `fixtures/` (board items and the integration)
/// into the database, for tests and the demo. Loading twice replaces the documents by `_id`.
public struct FixtureLoader: Sendable {
    public struct Summary: Sendable, Equatable {
        public var boardItemsByProject: [String: Int]
        public var softDeleted: Int
        public var edgeCases: [String]
        public var integrations: [String]
    }

    /// The fixture files and the collections they fill. Each file is one Extended JSON object whose single
    /// key names the collection.
    static let files = [
        ("board-items.json", CollectionNames.boardItems),
        ("integrations.json", CollectionNames.integrations),
    ]

    public var directory: URL
    /// Replaces the integration's `base_url` (the demo's simulator listens on a port chosen at start).
    public var planeBaseURL: String?
    /// Replaces the integration's `rate_limit` (the demo runs the simulator faster than Plane's 60/minute).
    public var rateLimit: String?

    public init(directory: URL, planeBaseURL: String? = nil, rateLimit: String? = nil) {
        self.directory = directory
        self.planeBaseURL = planeBaseURL
        self.rateLimit = rateLimit
    }

    /// The collections `--drop` empties first: the board and everything BoardSync keeps about it.
    public static let droppedCollections = [
        CollectionNames.boardItems, CollectionNames.boardLinks, CollectionNames.integrations,
        CollectionNames.approvals, CollectionNames.events,
    ]

    public func load(into database: MongoDatabase, drop: Bool) async throws -> Summary {
        if drop {
            for name in Self.droppedCollections {
                try await database.collection(name).deleteMany([:])
            }
        }
        var loaded: [String: [BSONDocument]] = [:]
        for (file, collection) in Self.files {
            var documents = try read(file, key: collection)
            if collection == CollectionNames.integrations {
                documents = documents.map { document in
                    var document = document
                    if let planeBaseURL { document["base_url"] = .string(planeBaseURL) }
                    if let rateLimit { document["rate_limit"] = .string(rateLimit) }
                    return document
                }
            }
            let writes = documents.map { document in
                MongoWriteModel.replaceOne(
                    filter: ["_id": document["_id"] ?? .null], replacement: document, upsert: true)
            }
            try await database.collection(collection).bulkWrite(writes, ordered: true)
            loaded[collection] = documents
        }
        return Self.summarise(loaded)
    }

    func read(_ file: String, key: String) throws -> [BSONDocument] {
        let url = directory.appendingPathComponent(file)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FixtureError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let document: BSONDocument
        do {
            document = try BSONDocument(extendedJSON: text)
        } catch {
            throw FixtureError(file: url.path, reason: error.reason)
        }
        guard let array = document[key]?.arrayValue else {
            throw FixtureError(file: url.path, reason: "has no array under the key `\(key)`")
        }
        return try array.enumerated().map { index, value in
            guard let document = value.documentValue, document["_id"] != nil else {
                throw FixtureError(file: url.path, reason: "`\(key)[\(index)]` is not a document with an `_id`")
            }
            return document
        }
    }

    static func summarise(_ loaded: [String: [BSONDocument]]) -> Summary {
        let items = loaded[CollectionNames.boardItems] ?? []
        var byProject: [String: Int] = [:]
        for item in items { byProject[item["project_id"]?.stringValue ?? "(none)", default: 0] += 1 }
        return Summary(
            boardItemsByProject: byProject,
            softDeleted: items.filter { !($0["deleted_at"]?.isNull ?? true) }.count,
            edgeCases: items.compactMap { $0["edge_case"]?.stringValue },
            integrations: (loaded[CollectionNames.integrations] ?? []).compactMap { $0["_id"]?.stringValue }
        )
    }
}

/// A fixture file that is missing or malformed.
public struct FixtureError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public var description: String { "fixture file \(file) \(reason)" }
}
