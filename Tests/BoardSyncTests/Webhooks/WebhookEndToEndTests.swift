import BoardSync
import BoardSyncTestSupport
import Foundation
import Logging
import MongoDriver
import PlaneSimulator
import ServiceLifecycle
import TestClocks
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The simulator posting like Plane to the daemon's webhook listener over HTTP: a person's edit in Plane
/// is stored in MongoDB, signed and verified on the way.
@Suite struct WebhookEndToEndTests {
    @Test func aHandEditInPlaneArrivesOverHTTPAndIsStored() async throws {
        try await WebhookWorld.withDatabase { database in
            let receiver = WebhookWorld.receiver(database)
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let server = WebhookServer(
                host: "127.0.0.1", port: 0, receiver: receiver, onListening: { continuation.yield($0) },
                logger: Logger(label: "webhook-test", factory: { _ in SwiftLogNoOpLogHandler() }))
            let serving = Task { try await server.run() }
            defer { serving.cancel() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/webhooks/plane/plane-acme"))

            var configuration = PlaneSimulator.Configuration(
                seedFile: WebhookWorld.root.appendingPathComponent("fixtures/plane-seed.json").path,
                rateLimit: "100/second", bumpDelay: .milliseconds(20), logger: .silent())
            configuration.webhook = WebhookTarget(url: url, secret: WebhookWorld.secret, retryDelay: .milliseconds(50))
            let simulator = try await PlaneSimulator.start(configuration)
            do {
                let id = try await Self.createItem(simulator, name: "Seen by the webhook")
                try await simulator.editItemAsPerson(
                    id, actorEmail: "alice@acme.example", changes: ["name": "Renamed by alice", "priority": "high"])
                let deliveries = database.collection(CollectionNames.webhookDeliveries)
                let arrived = await eventually(within: .seconds(20)) {
                    (try? await deliveries.countDocuments(["item_id": .string(id)])) == 3
                }
                let attempts = await simulator.webhookAttempts()
                #expect(arrived, "\(attempts)")
                let rename = try #require(
                    try await deliveries.findOne(["item_id": .string(id), "field": "name"]))
                #expect(rename["action"] == "updated" && rename["event"] == "issue")
                #expect(rename["actor_id"] == .string(PlaneFixtures.aliceUserID))
                #expect(rename["body"]?.stringValue?.contains("\"name\": \"Renamed by alice\"") == true)
                let stored = await simulator.storedItem(id)
                #expect(rename["updated_at"] == stored?["updated_at"].flatMap { $0.stringValue.map { .string($0) } })
                #expect(await simulator.webhookAttempts().allSatisfy { $0.status == 202 })
                // Counted just after the document is stored: wait for the count too.
                let counted = await eventually(within: .seconds(10)) { receiver.counters[.stored] == 3 }
                #expect(counted && receiver.counters.total == 3, "\(attempts)")
                try await simulator.stop()
            } catch {
                try? await simulator.stop()
                throw error
            }
        }
    }

    /// Creates a work item through the simulator's API as the bot; returns its id.
    static func createItem(_ simulator: PlaneSimulator, name: String) async throws -> String {
        let (data, _) = try await asBot(
            simulator, "POST", "projects/\(PlaneFixtures.nexusProjectID)/work-items/", #"{"name": "\#(name)"}"#)
        let json = try SimJSON.parse(data)
        return try #require(json["id"]?.stringValue)
    }

    /// A JSON request to the simulator's API under `workspaces/acme/`, with the bot's key.
    static func asBot(_ simulator: PlaneSimulator, _ method: String, _ path: String, _ json: String) async throws
        -> (Data, Int?)
    {
        var request = URLRequest(url: simulator.apiBaseURL.appendingPathComponent("workspaces/acme/\(path)"))
        request.httpMethod = method
        request.setValue(PlaneFixtures.botAPIKey, forHTTPHeaderField: "X-Api-Key")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(json.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode)
    }
}
