import CMongoC

/// A database of a ``MongoClient``; cheap to make, holds no connection.
public struct MongoDatabase: Sendable {
    public let client: MongoClient
    public let name: String

    public func collection(_ name: String) -> MongoCollection {
        MongoCollection(client: client, database: self.name, name: name)
    }

    /// Runs a command against this database and returns the server's reply (`ping`, `hello`, `dropDatabase`).
    @discardableResult
    public func runCommand(_ command: BSONDocument, session: MongoSession? = nil) async throws -> BSONDocument {
        let database = name
        let operation = "command `\(command.keys.first ?? "?")` on database \(name)"
        return try await client.perform(operation, session: session) { context in
            try context.withOptions(BSONDocument()) { opts in
                let handle = mongoc_client_get_database(context.client, database)!
                defer { mongoc_database_destroy(handle) }
                return try BSONBridge.with(command) { command in
                    var error = bson_error_t()
                    let (ok, reply) = BSONBridge.withReply { reply in
                        mongoc_database_command_with_opts(handle, command, nil, opts, reply, &error)
                    }
                    guard ok else { throw MongoError(error, reply: reply, operation: operation) }
                    return reply
                }
            }
        }
    }

    /// Drops the database; used by tests to clean up after themselves.
    public func drop() async throws {
        try await runCommand(["dropDatabase": 1])
    }

    /// The names of the collections in this database.
    public func listCollectionNames() async throws -> [String] {
        let reply = try await runCommand(["listCollections": 1, "nameOnly": true])
        let batch = reply.value(at: "cursor.firstBatch")?.arrayValue ?? []
        return batch.compactMap { $0.documentValue?["name"]?.stringValue }
    }
}
