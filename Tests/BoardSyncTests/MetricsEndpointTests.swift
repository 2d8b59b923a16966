import BoardSyncTestSupport
import Foundation
import Logging
import Metrics
import PlaneSimulator
import Prometheus
import SyncCore
import Synchronization
import Testing

@testable import BoardSync

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A known run recorded by ``RunMetrics`` and scraped over real HTTP from ``MetricsServer``, with the
/// health and readiness probes.
@Suite struct MetricsEndpointTests {
    static func get(_ url: URL) async throws -> (status: Int, body: String, contentType: String?) {
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type"))
    }

    /// The value of the sample `name{labels}` in Prometheus text, labels in any order.
    static func sample(_ text: String, _ name: String, _ labels: [String: String]) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + "{") {
            guard let close = line.lastIndex(of: "}") else { continue }
            let inside = line[line.index(line.startIndex, offsetBy: name.count + 1)..<close]
            var found: [String: String] = [:]
            for pair in inside.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                found[String(parts[0])] = String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            if found == labels { return Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)) }
        }
        return nil
    }

    /// Runs the server on a free port for the body, then stops it.
    static func withServer(
        registry: PrometheusCollectorRegistry, health: HealthState, metrics: RunMetrics,
        _ body: (URL) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = MetricsServer(
            host: "127.0.0.1", port: 0, registry: registry, health: health,
            beforeScrape: { metrics.refreshLag() }, onListening: { continuation.yield($0) },
            logger: Logger(label: "metrics-test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task { try await server.run() }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(URL(string: "http://127.0.0.1:\(port)")!)
        task.cancel()
        _ = await task.result
    }

    @Test func aScrapeAfterAKnownRunHoldsEveryNamedSeries() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, integration in
            let registry = PrometheusCollectorRegistry()
            let metrics = RunMetrics(factory: PrometheusMetricsFactory(registry: registry))
            let transport = RequestCountingTransport()
            var options = SyncWorld.options()
            options.transport = transport
            // No client-side timeout on a loaded machine: the counts are compared with the simulator's log.
            options.requestTimeout = .seconds(120)
            let before = Date()
            let report = try await SyncEngine(database: database, logger: .silent()).run(integration, options: options)
            metrics.record(report.summary, stoppedEarly: false, requests: transport.take())
            let summary = report.summary
            #expect(summary.created == 62 && summary.failed == 2)

            let health = HealthState()
            try await Self.withServer(registry: registry, health: health, metrics: metrics) { base in
                let scrape = try await Self.get(base.appendingPathComponent("metrics"))
                #expect(scrape.status == 200)
                #expect(scrape.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = scrape.body
                let acme = ["integration": "plane-acme"]
                #expect(
                    Self.sample(
                        text, "boardsync_runs_total", acme.merging(["mode": "sync", "outcome": "items_failed"]) { $1 })
                        == 1, "\(text)")
                #expect(Self.sample(text, "boardsync_items_total", acme.merging(["outcome": "created"]) { $1 }) == 62)
                #expect(Self.sample(text, "boardsync_items_total", acme.merging(["outcome": "failed"]) { $1 }) == 2)
                #expect(Self.sample(text, "boardsync_items_total", acme.merging(["outcome": "conflict"]) { $1 }) == 0)

                // Requests by status, compared with what the simulator itself logged.
                let logged = await simulator.requestLog()
                let posts201 = logged.filter { $0.method == "POST" && $0.status == 201 }.count
                let gets200 = logged.filter { $0.method == "GET" && $0.status == 200 }.count
                #expect(posts201 >= 62)
                #expect(
                    Self.sample(
                        text, "boardsync_plane_requests_total",
                        acme.merging(["method": "POST", "status": "201"]) { $1 })
                        == Double(posts201))
                #expect(
                    Self.sample(
                        text, "boardsync_plane_requests_total", acme.merging(["method": "GET", "status": "200"]) { $1 })
                        == Double(gets200))

                #expect(Self.sample(text, "boardsync_rate_budget_wait_seconds_total", acme) == summary.rateWaitSeconds)
                #expect(
                    Self.sample(text, "boardsync_run_duration_seconds", acme.merging(["mode": "sync"]) { $1 })
                        == summary.durationSeconds)
                let lastSuccess = try #require(Self.sample(text, "boardsync_last_success_timestamp_seconds", acme))
                #expect(lastSuccess >= before.timeIntervalSince1970 && lastSuccess <= Date().timeIntervalSince1970)
                // The lag is the age of the last successful run's start, refreshed at the scrape.
                let lag = try #require(Self.sample(text, "boardsync_sync_lag_seconds", acme))
                #expect(lag >= summary.durationSeconds)
                #expect(lag <= Date().timeIntervalSince(before) + 1)

                // Listening, but MongoDB has not answered yet: alive, not ready.
                #expect(try await Self.get(base.appendingPathComponent("healthz")).status == 200)
                let notReady = try await Self.get(base.appendingPathComponent("readyz"))
                #expect(notReady.status == 503)
                #expect(notReady.body == "not ready: starting: MongoDB has not answered yet\n")
                health.mongo(nil)
                let ready = try await Self.get(base.appendingPathComponent("readyz"))
                #expect(ready.status == 200 && ready.body == "ready\n")
                // MongoDB stops answering: not ready, and why; the process is still alive.
                health.mongo("MongoDB unreachable: no server answered")
                let unreachable = try await Self.get(base.appendingPathComponent("readyz"))
                #expect(unreachable.status == 503)
                #expect(unreachable.body == "not ready: MongoDB unreachable: no server answered\n")
                #expect(try await Self.get(base.appendingPathComponent("healthz")).status == 200)
                health.mongo(nil)
                #expect(try await Self.get(base.appendingPathComponent("readyz")).status == 200)
                #expect(try await Self.get(base.appendingPathComponent("nothing")).status == 404)
            }
        }
    }

    /// Ready only once MongoDB answered and the listeners are up, in whichever order they come.
    @Test func readinessNeedsMongoDBAndTheListeners() {
        let health = HealthState()
        #expect(health.reason == "starting: MongoDB has not answered yet")
        health.mongo(nil)
        #expect(health.reason == "starting: the listeners are not up yet")
        health.markListening()
        #expect(health.isReady)
        health.mongo("MongoDB unreachable: timed out")
        #expect(!health.isReady && health.reason == "MongoDB unreachable: timed out")

        let listeningFirst = HealthState()
        listeningFirst.markListening()
        #expect(!listeningFirst.isReady)
        listeningFirst.mongo(nil)
        #expect(listeningFirst.isReady)
    }

    @Test func whatTheDaemonServesIsAGaugePerIntegration() {
        let registry = PrometheusCollectorRegistry()
        let metrics = RunMetrics(factory: PrometheusMetricsFactory(registry: registry))
        metrics.record(ServedIntegrations(served: ["a", "b"], refused: ["c"], mine: ["a"], replicas: 2))
        metrics.record(ServedIntegrations(served: ["a", "c"], refused: [], mine: ["a", "c"], replicas: 1))
        let text = registry.emitToString()
        #expect(Self.sample(text, "boardsync_integration_served", ["integration": "a"]) == 1)
        #expect(Self.sample(text, "boardsync_integration_served", ["integration": "b"]) == 0, "b went")
        #expect(Self.sample(text, "boardsync_integration_served", ["integration": "c"]) == 1)
        #expect(Self.sample(text, "boardsync_integration_refused", ["integration": "c"]) == 0, "c was fixed")
        #expect(Self.sample(text, "boardsync_integration_refused", ["integration": "b"]) == 0)
        #expect(text.contains("boardsync_replicas 1"))
    }

    @Test func aStoppedRunCountsAsFailedAndLeavesTheLastSuccessAlone() async throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = RunMetrics(factory: PrometheusMetricsFactory(registry: registry))
        var summary = RunSummary(integration: "plane-x", mode: "resync")
        summary.updated = 3
        summary.stoppedBecause = "Plane is down"
        metrics.record(summary, stoppedEarly: true, requests: [.init(method: "PATCH", status: "none"): 4])
        var dry = RunSummary(integration: "plane-x", mode: "sync")
        dry.dryRun = true
        dry.created = 100
        metrics.record(dry, stoppedEarly: false)
        let text = registry.emitToString()
        let x = ["integration": "plane-x"]
        #expect(
            Self.sample(text, "boardsync_runs_total", x.merging(["mode": "resync", "outcome": "failed"]) { $1 }) == 1)
        #expect(Self.sample(text, "boardsync_items_total", x.merging(["outcome": "updated"]) { $1 }) == 3)
        #expect(
            Self.sample(text, "boardsync_items_total", x.merging(["outcome": "created"]) { $1 }) == 0,
            "dry run recorded")
        #expect(
            Self.sample(
                text, "boardsync_plane_requests_total", x.merging(["method": "PATCH", "status": "none"]) { $1 }) == 4)
        #expect(!text.contains("boardsync_last_success_timestamp_seconds"))
        #expect(!text.contains("boardsync_sync_lag_seconds"))
    }

    @Test func theProgressCallbackCountsEveryActionDownToNoRequestLeft() async throws {
        try await SyncEndToEndTests.withWorld { database, _, integration in
            let seen = Mutex<[SyncProgress]>([])
            var options = SyncWorld.options()
            options.progress = { progress in seen.withLock { $0.append(progress) } }
            let report = try await SyncEngine(database: database, logger: .silent()).run(integration, options: options)
            let reports = seen.withLock { $0 }
            #expect(reports.count == report.plan.actions.count)
            #expect(reports.map(\.applied) == Array(1...report.plan.actions.count))
            let calls = report.plan.actions.map { $0.estimatedWrites + $0.estimatedReads }
            #expect(reports.first?.remainingRequests == calls.reduce(0, +) - calls[0])
            #expect(reports.last?.remainingRequests == 0)
            #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.remainingRequests >= $1.remainingRequests })
            // 200/second in this world: 5 ms a request.
            #expect(reports.allSatisfy { $0.secondsPerRequest == 0.005 && $0.integration == "plane-acme" })

            var dryRun = SyncWorld.options(dryRun: true)
            let none = Mutex(0)
            dryRun.progress = { _ in none.withLock { $0 += 1 } }
            _ = try await SyncEngine(database: database, logger: .silent()).run(integration, options: dryRun)
            #expect(none.withLock { $0 } == 0)
        }
    }
}
