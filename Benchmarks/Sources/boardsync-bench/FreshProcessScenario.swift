import BoardSync
import Foundation
import PlaneSimulator

/// Scenario 7a (issue 13): two cron runs at Plane's default 60/minute. An initial sync of the fixtures' board
/// spends the key's window, then a no-op sync starts at once in a new process, whose pacer knows only what
/// Plane's answers tell it.
enum FreshProcessScenario {
    static let limitPerMinute = 60

    static func run(mongoURI: String, out: String?) async throws {
        try await BenchWorld.with(mongoURI: mongoURI, rate: "\(limitPerMinute)/minute", items: nil) { world in
            await world.simulator.clearRequestLog()
            let initial = try await ChildSync.run(in: world)
            let initialLog = await world.simulator.requestLog()
            await world.simulator.clearRequestLog()
            let started = Date()
            let noop = try await ChildSync.run(in: world)
            let log = RequestCounts(await world.simulator.requestLog(), seconds: noop.seconds)
            // What the key's window held when the no-op started: the initial sync's accepted requests of the last minute.
            let inWindow = initialLog.filter { $0.status != 429 && started.timeIntervalSince($0.time) < 60 }.count
            let writes = noop.summary.created + noop.summary.updated + noop.summary.deleted
            try ResultRow(
                id: "7a",
                scenario:
                    "no-op sync in a new process right after an initial sync of the fixtures "
                    + "(\(initial.summary.created) creates, \(initialLog.count) requests in \(format(initial.seconds)) s) "
                    + "at L = \(limitPerMinute)/minute",
                reads: log.workItemReads, writes: log.workItemWrites, metadataReads: log.metadataReads,
                throttled: log.throttled, seconds: noop.seconds, peakMiB: nil,
                measured:
                    "\(format(noop.seconds)) s, \(format(noop.summary.rateWaitSeconds)) s of it waiting on the budget; "
                    + "the window held \(inWindow) of \(limitPerMinute) when it started; \(writes) writes",
                goal: "≤ 15 s", met: noop.seconds <= 15 && writes == 0 && log.throttled == 0
            ).append(to: out)
        }
    }
}
