import Foundation
import Logging
import Prometheus
import Testing

@testable import BoardSync

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `/metrics`' webhook series, scraped over real HTTP: deliveries counted by outcome through a real
/// ``WebhookServer`` sharing its counters with ``ObservedRuns``, and the fallback gauge set by the daemon's
/// observer.
extension MetricsEndpointTests {
    static func post(_ url: URL, body: [UInt8], headers: [String: String]) async throws -> Int {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        for (name, value) in headers where name.hasPrefix("x-plane-") {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let (_, response) = try await URLSession.shared.upload(for: request, from: Data(body))
        return try #require(response as? HTTPURLResponse).statusCode
    }

    @Test func webhookDeliveriesAreCountedByOutcomeAndFallbackIsAGauge() async throws {
        try await WebhookWorld.withDatabase { database in
            let observed = ObservedRuns()
            let silent = Logger(label: "metrics-webhook-test", factory: { _ in SwiftLogNoOpLogHandler() })
            let receiver = WebhookReceiver(database: database, counters: observed.webhooks.counters, logger: silent)
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let webhookServer = WebhookServer(
                host: "127.0.0.1", port: 0, receiver: receiver, onListening: { continuation.yield($0) },
                logger: silent)
            let webhookTask = Task { try await webhookServer.run() }
            defer { webhookTask.cancel() }
            var iterator = ports.makeAsyncIterator()
            let webhookPort = try #require(await iterator.next())
            let target = try #require(URL(string: "http://127.0.0.1:\(webhookPort)\(WebhookWorld.path)"))

            let recorded = try WebhookWorld.recorded()
            let first = try #require(recorded.first)
            #expect(try await Self.post(target, body: first.body, headers: first.headers) == 202)
            #expect(try await Self.post(target, body: first.body, headers: first.headers) == 202)  // a retry
            var forged = first.headers
            forged["x-plane-signature"] = String(repeating: "0", count: 64)
            #expect(try await Self.post(target, body: first.body, headers: forged) == 401)
            #expect(try await Self.post(target, body: first.body, headers: forged) == 401)
            forged["x-plane-signature"] = nil
            #expect(try await Self.post(target, body: first.body, headers: forged) == 401)

            observed.observer.webhooks(
                WebhookHealth(integrationId: "plane-acme", state: .fallback, reason: "no echo", since: Date()))
            observed.observer.webhooks(
                WebhookHealth(integrationId: "plane-other", state: .healthy, reason: "", since: Date()))

            let (metricsPorts, metricsContinuation) = AsyncStream.makeStream(of: Int.self)
            var server = observed.server(port: 0, logger: silent)
            server.host = "127.0.0.1"
            server.onListening = { metricsContinuation.yield($0) }
            let metricsTask = Task { [server] in try await server.run() }
            defer { metricsTask.cancel() }
            var metricsIterator = metricsPorts.makeAsyncIterator()
            let metricsPort = try #require(await metricsIterator.next())
            let scrapeURL = try #require(URL(string: "http://127.0.0.1:\(metricsPort)/metrics"))
            let scrape = try await Self.get(scrapeURL).body
            let total = "boardsync_webhook_deliveries_total"
            #expect(Self.sample(scrape, total, ["outcome": "stored"]) == 1, "\(scrape)")
            #expect(Self.sample(scrape, total, ["outcome": "duplicate"]) == 1)
            #expect(Self.sample(scrape, total, ["outcome": "bad_signature"]) == 2)
            #expect(Self.sample(scrape, total, ["outcome": "missing_signature"]) == 1)
            #expect(Self.sample(scrape, total, ["outcome": "too_large"]) == 0)  // every outcome, at 0
            #expect(Self.sample(scrape, "boardsync_webhook_fallback", ["integration": "plane-acme"]) == 1)
            #expect(Self.sample(scrape, "boardsync_webhook_fallback", ["integration": "plane-other"]) == 0)

            // A second scrape adds only what came since; the gauge follows the observer.
            #expect(try await Self.post(target, body: first.body, headers: forged) == 401)
            observed.observer.webhooks(
                WebhookHealth(integrationId: "plane-acme", state: .healthy, reason: "echoes arrive", since: Date()))
            let again = try await Self.get(scrapeURL).body
            #expect(Self.sample(again, total, ["outcome": "missing_signature"]) == 2)
            #expect(Self.sample(again, total, ["outcome": "stored"]) == 1)
            #expect(Self.sample(again, "boardsync_webhook_fallback", ["integration": "plane-acme"]) == 0)
            metricsTask.cancel()
            webhookTask.cancel()
            _ = await metricsTask.result
            _ = await webhookTask.result
        }
    }
}
