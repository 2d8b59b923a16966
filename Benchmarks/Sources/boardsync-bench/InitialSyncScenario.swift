import BoardSync
import Foundation

/// Scenario 6: an initial sync of N items at a fast simulator limit, its wall time against the physical
/// limit N / rate (what a client that used the whole budget, and nothing else, would need).
enum InitialSyncScenario {
    static func run(items count: Int, limitPerMinute: Int, mongoURI: String, out: String?) async throws {
        try await BenchWorld.with(mongoURI: mongoURI, rate: "\(limitPerMinute)/minute", items: count) { world in
            let run = try await world.sync(.incremental)
            let physical = Double(count) / Double(limitPerMinute) * 60
            let allRequests = Double(run.log.requests.count) / Double(limitPerMinute) * 60
            let ratio = run.log.seconds / physical
            try ResultRow(
                id: "6", scenario: "initial sync of \(count) items at L = \(limitPerMinute)/minute",
                reads: run.log.workItemReads, writes: run.log.workItemWrites, metadataReads: run.log.metadataReads,
                throttled: run.log.throttled, seconds: run.log.seconds, peakMiB: nil,
                measured:
                    "\(format(run.log.seconds)) s vs N/L = \(format(physical)) s: ratio \(format(ratio, digits: 3)) "
                    + "(vs all \(run.log.requests.count) requests / L: \(format(run.log.seconds / allRequests, digits: 3)))",
                goal: "ratio ≤ 1.05", met: ratio <= 1.05 && run.report.summary.created == count
            ).append(to: out)
        }
    }
}
