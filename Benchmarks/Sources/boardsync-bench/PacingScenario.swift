import BoardSync
import Foundation
import PlaneSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Scenario 4: an initial sync of `items` creates at the simulator's limit L (issue 13: Plane's default
/// 60/minute, N ≥ 5 × L), alone and then next to a second client of the same key that spends a third of the
/// budget. The rate is judged in the steady state, after the first window (the first minute may start with
/// a burst of the whole budget).
enum PacingScenario {
    /// BoardSync's default reserve (5 % of the limit) plus the 1 % the goal allows.
    static let goalShare = 1 - 0.05 - 0.01

    static func run(limitPerMinute: Int, items: Int, mongoURI: String, out: String?) async throws {
        let rate = "\(limitPerMinute)/minute"
        try await BenchWorld.with(mongoURI: mongoURI, rate: rate, items: items) { world in
            let run = try await world.sync(.incremental)
            let own = run.log.requests.filter { $0.headers["user-agent"] == "BoardSync" }
            let steady = createRate(own, after: 60)
            let ratio = steady / Double(limitPerMinute)
            let overall = Double(own.count) / run.log.seconds * 60 / Double(limitPerMinute)
            let plane = await world.simulator.storedItems().count
            try ResultRow(
                id: "4a", scenario: "pacing: \(items) creates alone at L = \(rate)",
                reads: run.log.workItemReads, writes: run.log.workItemWrites, metadataReads: run.log.metadataReads,
                throttled: run.log.throttled, seconds: run.log.seconds, peakMiB: nil,
                measured:
                    "steady state (after the first minute) \(format(ratio, digits: 3)) L, whole run "
                    + "\(format(overall, digits: 3)) L, steady gaps \(gaps(own, after: 60)), \(run.log.throttled) × 429, "
                    + "\(plane) items in Plane",
                goal: "≥ \(format(goalShare, digits: 2)) L in the steady state, 0 × 429",
                met: ratio >= goalShare && run.log.throttled == 0 && plane == items
            ).append(to: out)
        }
        // Two thirds of the budget are left to BoardSync: size the board for about the same duration.
        let shared = items * 2 / 3
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
            let steady = createRate(own, after: 60)
            let met = lost == 0 && duplicates == 0 && summary.failed == 0 && summary.stoppedBecause == nil
            try ResultRow(
                id: "4b", scenario: "pacing: \(shared) creates at L = \(rate), a second client spends L/3",
                reads: own.filter { $0.method == "GET" && $0.pathAndQuery.contains("/work-items/") }.count,
                writes: own.filter { $0.method != "GET" && $0.status != 429 }.count,
                metadataReads: own.filter { $0.method == "GET" && !$0.pathAndQuery.contains("/work-items/") }.count,
                throttled: ownThrottled, seconds: run.log.seconds, peakMiB: nil,
                measured:
                    "BoardSync \(format(steady / Double(limitPerMinute), digits: 3)) L (steady state) + other "
                    + "\(format(Double(others.count) / run.log.seconds * 60 / Double(limitPerMinute), digits: 3)) L; "
                    + "429s: BoardSync \(ownThrottled), other \(otherThrottled); "
                    + "\(lost) lost, \(duplicates) duplicated, \(summary.failed) failed",
                goal: "no item lost, 429s handled", met: met
            ).append(to: out)
        }
    }

    /// Median and 90th percentile of the time between consecutive requests, ms, from `after` seconds past
    /// the first POST.
    static func gaps(_ requests: [PlaneSimulator.LoggedRequest], after skip: Double = 0) -> String {
        let start = requests.first { $0.method == "POST" }.map { $0.time.addingTimeInterval(skip) } ?? .distantPast
        let times = requests.map(\.time).filter { $0 >= start }
        let gaps = zip(times.dropFirst(), times).map { $0.timeIntervalSince($1) * 1000 }.sorted()
        guard !gaps.isEmpty else { return "–" }
        return
            "p50 \(format(gaps[gaps.count / 2], digits: 0)) ms, p90 \(format(gaps[gaps.count * 9 / 10], digits: 0)) ms"
    }

    /// Requests per minute from `after` seconds past BoardSync's first POST to its last POST (the sustained
    /// phase of the run, after the first window).
    static func createRate(_ requests: [PlaneSimulator.LoggedRequest], after skip: Double = 0) -> Double {
        let posts = requests.filter { $0.method == "POST" && $0.status != 429 }
        guard let firstPost = posts.first?.time, let last = posts.last?.time, posts.count > 1 else { return 0 }
        let first = firstPost.addingTimeInterval(skip)
        guard last > first else { return 0 }
        // Every accepted request of BoardSync in that span counts against the budget, not only the POSTs.
        let inSpan = requests.filter { $0.status != 429 && $0.time >= first && $0.time <= last }.map(\.time)
        guard let from = inSpan.first, let to = inSpan.last, to > from else { return 0 }
        return Double(inSpan.count - 1) / to.timeIntervalSince(from) * 60
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
