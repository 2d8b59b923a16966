import BoardSync
import Foundation
import PlaneSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Scenario 4: an initial sync sized to keep creating for `seconds` at the simulator's limit L, alone and
/// then next to a second client of the same key that spends a third of the budget.
enum PacingScenario {
    static func run(limitPerMinute: Int, seconds: Int, mongoURI: String, out: String?) async throws {
        let rate = "\(limitPerMinute)/minute"
        let alone = limitPerMinute * seconds / 60
        try await BenchWorld.with(mongoURI: mongoURI, rate: rate, items: alone) { world in
            let run = try await world.sync(.incremental)
            let own = run.log.requests.filter { $0.headers["user-agent"] == "BoardSync" }
            let sustained = createRate(own)
            let ratio = sustained / Double(limitPerMinute)
            let overall = Double(own.count) / run.log.seconds * 60 / Double(limitPerMinute)
            let plane = await world.simulator.storedItems().count
            try ResultRow(
                id: "4a", scenario: "pacing: \(alone) creates alone at L = \(rate)",
                reads: run.log.workItemReads, writes: run.log.workItemWrites, metadataReads: run.log.metadataReads,
                throttled: run.log.throttled, seconds: run.log.seconds, peakMiB: nil,
                measured:
                    "create rate \(format(sustained, digits: 0))/min = \(format(ratio, digits: 3)) L "
                    + "(whole run \(format(overall, digits: 3)) L), gaps \(gaps(own)), \(run.log.throttled) × 429, "
                    + "\(plane) items in Plane",
                goal: "≥ 0.9 L, 0 × 429", met: ratio >= 0.9 && run.log.throttled == 0 && plane == alone
            ).append(to: out)
        }
        // Two thirds of the budget are left to BoardSync: size the board for the same duration.
        let shared = limitPerMinute * 2 / 3 * seconds / 60
        try await BenchWorld.with(mongoURI: mongoURI, rate: rate, items: shared) { world in
            let other = SecondClient(
                url: world.simulator.apiBaseURL.appendingPathComponent("users/me/"), apiKey: PlaneFixtures.botAPIKey,
                perMinute: limitPerMinute / 3)
            let otherTask = Task { await other.run() }
            let run = try await world.sync(.incremental)
            otherTask.cancel()
            _ = await otherTask.value
            let own = run.log.requests.filter { $0.headers["user-agent"] == "BoardSync" }
            let others = run.log.requests.filter { $0.headers["user-agent"] == SecondClient.userAgent }
            let ownThrottled = own.filter { $0.status == 429 }.count
            let otherThrottled = others.filter { $0.status == 429 }.count
            let stored = await world.simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }
            let externals = Set(stored.compactMap { $0["external_id"]?.stringValue })
            let lost = shared - externals.count
            let duplicates = stored.count - externals.count
            let summary = run.report.summary
            let sustained = createRate(own)
            let met = lost == 0 && duplicates == 0 && summary.failed == 0 && summary.stoppedBecause == nil
            try ResultRow(
                id: "4b", scenario: "pacing: \(shared) creates, a second client spends L/3",
                reads: own.filter { $0.method == "GET" && $0.pathAndQuery.contains("/work-items/") }.count,
                writes: own.filter { $0.method != "GET" && $0.status != 429 }.count,
                metadataReads: own.filter { $0.method == "GET" && !$0.pathAndQuery.contains("/work-items/") }.count,
                throttled: ownThrottled, seconds: run.log.seconds, peakMiB: nil,
                measured:
                    "BoardSync \(format(sustained / Double(limitPerMinute), digits: 3)) L + other "
                    + "\(format(Double(others.count) / run.log.seconds * 60 / Double(limitPerMinute), digits: 3)) L; "
                    + "429s: BoardSync \(ownThrottled), other \(otherThrottled); "
                    + "\(lost) lost, \(duplicates) duplicated, \(summary.failed) failed",
                goal: "no item lost, 429s handled", met: met
            ).append(to: out)
        }
    }

    /// Median and 90th percentile of the time between consecutive requests, ms.
    static func gaps(_ requests: [PlaneSimulator.LoggedRequest]) -> String {
        let times = requests.map(\.time)
        let gaps = zip(times.dropFirst(), times).map { $0.timeIntervalSince($1) * 1000 }.sorted()
        guard !gaps.isEmpty else { return "–" }
        return
            "p50 \(format(gaps[gaps.count / 2], digits: 0)) ms, p90 \(format(gaps[gaps.count * 9 / 10], digits: 0)) ms"
    }

    /// Creates per minute between BoardSync's first and last POST (the sustained phase of the run).
    static func createRate(_ requests: [PlaneSimulator.LoggedRequest]) -> Double {
        let posts = requests.filter { $0.method == "POST" && $0.status != 429 }
        guard let first = posts.first?.time, let last = posts.last?.time, posts.count > 1, last > first else {
            return 0
        }
        // Every accepted request of BoardSync in that span counts against the budget, not only the POSTs.
        let inSpan = requests.filter { $0.status != 429 && $0.time >= first && $0.time <= last }.count
        return Double(inSpan - 1) / last.timeIntervalSince(first) * 60
    }
}

/// Another client of the same API key that knows nothing of BoardSync: a GET at a fixed interval, and on a
/// 429 it waits `Retry-After` like a polite client.
struct SecondClient: Sendable {
    static let userAgent = "bench-second-client"
    let url: URL
    let apiKey: String
    let perMinute: Int

    func run() async {
        let interval = Duration.seconds(60) / perMinute
        var next = ContinuousClock.now
        while !Task.isCancelled {
            var request = URLRequest(url: url)
            request.setValue(apiKey, forHTTPHeaderField: "X-Api-Key")
            request.setValue(Self.userAgent, forHTTPHeaderField: "User-Agent")
            let response = try? await URLSession.shared.data(for: request).1 as? HTTPURLResponse
            if response?.statusCode == 429 {
                let wait = Int(response?.value(forHTTPHeaderField: "Retry-After") ?? "1") ?? 1
                next = ContinuousClock.now + .seconds(wait)
            } else {
                next += interval
            }
            try? await Task.sleep(until: next, clock: .continuous)
        }
    }
}
