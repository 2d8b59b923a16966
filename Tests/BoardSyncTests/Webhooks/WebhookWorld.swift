import BoardSync
import BoardSyncTestSupport
import Foundation
import InMemoryLogging
import Logging
import MongoDriver
import PlaneSimulator
import Testing

/// The recorded deliveries of `fixtures/plane-samples/webhooks/` and a database with the fixtures'
/// integration holding the samples' webhook secret.
enum WebhookWorld {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The throw-away secret of the recorded deliveries (fixtures/plane-samples/webhooks/README.md).
    static let secret = "plane_wh_testsecret_0123456789abcdef"
    static let otherSecret = "plane_wh_othersecret_fedcba9876543210"
    static let path = "/webhooks/plane/plane-acme"

    struct Recorded: Sendable {
        var name: String
        var headers: [String: String]
        var body: [UInt8]

        var request: WebhookRequest {
            WebhookRequest(method: "POST", path: WebhookWorld.path, headers: headers, body: body)
        }
    }

    /// Every recorded delivery: its headers and its body's exact bytes.
    static func recorded() throws -> [Recorded] {
        let folder = root.appendingPathComponent("fixtures/plane-samples/webhooks")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            .sorted()
            .map { name in
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name)))
                        as? [String: Any])
                let pairs = try #require(object["headers"] as? [[String]])
                var headers: [String: String] = [:]
                for pair in pairs where pair.count == 2 { headers[pair[0].lowercased()] = pair[1] }
                let body = try #require(object["body_raw"] as? String)
                return Recorded(name: name, headers: headers, body: Array(body.utf8))
            }
    }

    /// A database holding the fixtures' `plane-acme` (its webhook secret the samples') and `plane-other`
    /// (another secret), migrated.
    static func withDatabase(_ body: (MongoDatabase) async throws -> Void) async throws {
        try await TestServer.withDatabase { _, database in
            _ = try await Migration(database: database).run(createBoardItemsIndex: true)
            _ = try await FixtureLoader(
                directory: root.appendingPathComponent("fixtures"), planeBaseURL: "http://127.0.0.1:9"
            ).load(into: database, drop: true)
            let integrations = database.collection(CollectionNames.integrations)
            try await integrations.updateOne(
                ["_id": "plane-acme"], ["$set": ["credentials.webhook_secret": .string(secret)]])
            var other = try #require(try await integrations.findOne(["_id": "plane-acme"]))
            other["_id"] = "plane-other"
            other["external_source"] = "nexus/plane-other"
            other["credentials"] = [
                "api_key": "plane_api_ffffffffffffffffffffffffffffffff", "webhook_secret": .string(otherSecret),
            ]
            _ = try await integrations.insertOne(other)
            try await body(database)
        }
    }

    /// A receiver of `database`; its log goes to `logs` when given.
    static func receiver(_ database: MongoDatabase, logs: InMemoryLogHandler? = nil) -> WebhookReceiver {
        let logger = Logger(
            label: "webhook-test", factory: { _ in logs.map { $0 as any LogHandler } ?? SwiftLogNoOpLogHandler() })
        return WebhookReceiver(database: database, logger: logger)
    }

    static func stored(_ database: MongoDatabase) async throws -> [BSONDocument] {
        var documents: [BSONDocument] = []
        for try await document in database.collection(CollectionNames.webhookDeliveries).find() {
            documents.append(document)
        }
        return documents
    }
}
