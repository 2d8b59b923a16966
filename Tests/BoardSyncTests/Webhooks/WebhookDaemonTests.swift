import BoardSync
import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `boardsync run --webhook-port N` serves the receiver beside the daemon's work.
@Suite struct WebhookDaemonTests {
    @Test func theDaemonReceivesAndStoresARecordedDeliveryAndRefusesAGet() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncWorld.setIntegration(database, ["credentials.webhook_secret": .string(WebhookWorld.secret)])
            let port = try FreePort.next()
            let daemon = try DaemonProcessTests.daemon(database, ["--interval", "1h", "--webhook-port", "\(port)"])
            defer { daemon.signal(SIGKILL) }
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/webhooks/plane/plane-acme"))
            let delivery = try #require(try WebhookWorld.recorded().first { $0.name.hasPrefix("007") })
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.httpBody = Data(delivery.body)
            for (name, value) in delivery.headers where name.hasPrefix("x-plane") || name == "content-type" {
                request.setValue(value, forHTTPHeaderField: name)
            }
            var status: Int?
            let answered = try await DaemonProcessTests.eventually(.seconds(60)) {
                status = (try? await URLSession.shared.data(for: request)).flatMap {
                    ($0.1 as? HTTPURLResponse)?.statusCode
                }
                return status != nil
            }
            #expect(answered && status == 202, "\(daemon.errorsSoFar.suffix(2000))")
            let stored = try await database.collection(CollectionNames.webhookDeliveries).findOne([
                "delivery_id": "4fbf1bb5-b0c0-40f9-8313-0413f962fb23"
            ])
            #expect(stored?["field"] == "name")

            var get = URLRequest(url: url)
            get.httpMethod = "GET"
            let (_, response) = try await URLSession.shared.data(for: get)
            #expect((response as? HTTPURLResponse)?.statusCode == 405)
            daemon.signal(SIGTERM)
            let exit = await daemon.wait(atMost: .seconds(15))
            #expect(exit?.status == 0)
            #expect(!daemon.errorsSoFar.contains(WebhookWorld.secret))
            #expect(!daemon.errorsSoFar.contains("renamed by alice"))
        }
    }
}
