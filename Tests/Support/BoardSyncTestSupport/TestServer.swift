import Foundation
import MongoDriver
import Testing

/// The MongoDB-compatible server the test command started: its URI comes from the environment, and a test
/// that needs it fails (never skips) when it is missing.
public enum TestServer {
    public static let uriVariable = "BOARDSYNC_TEST_MONGODB_URI"

    public static func uri() throws -> String {
        guard let uri = ProcessInfo.processInfo.environment[uriVariable], !uri.isEmpty else {
            Issue.record("\(uriVariable) is not set: run the tests with scripts/test, which starts the server")
            throw TestServerMissing()
        }
        return uri
    }

    public struct TestServerMissing: Error {}

    /// A fresh database of its own for one test, dropped afterwards; tests can run in parallel.
    public static func withDatabase<T>(
        maxPoolSize: Int = 4, isolation: isolated (any Actor)? = #isolation,
        _ body: (MongoClient, MongoDatabase) async throws -> T
    ) async throws -> T {
        let configuration = MongoClient.Configuration(uri: try uri(), maxPoolSize: maxPoolSize)
        return try await withMongoClient(configuration) { client in
            let database = client.database("test_\(UUID().uuidString.prefix(8).lowercased())")
            do {
                let result = try await body(client, database)
                try await database.drop()
                return result
            } catch {
                try? await database.drop()
                throw error
            }
        }
    }
}
