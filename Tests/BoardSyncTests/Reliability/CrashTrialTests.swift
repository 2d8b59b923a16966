import Foundation
import Testing

@testable import BoardSync

/// The crash trials (issue 7): `boardsync` killed at every named point and at random moments while the
/// board keeps changing, run again until it completes; never a duplicate, never a lost edit. Before each
/// trial's run its cache is left, deleted, filled with garbage or truncated.
/// `BOARDSYNC_TRIALS=long` runs thousands (`BOARDSYNC_TRIALS=N` runs N trials per point); see
/// `scripts/crash-trials`.
@Suite struct CrashTrialTests {
    static var perPoint: Int {
        switch ProcessInfo.processInfo.environment["BOARDSYNC_TRIALS"] {
        case "long"?: 250
        case let text?: Int(text) ?? 5
        case nil: 5
        }
    }

    @Test func killedRunsConvergeWithoutDuplicatesOrLostUpdates() async throws {
        // A fixed seed by default, so a failure can be run again; BOARDSYNC_TRIALS_SEED picks another schedule.
        let seed = ProcessInfo.processInfo.environment["BOARDSYNC_TRIALS_SEED"].flatMap { UInt64($0) } ?? 20_261_126
        var generator = TrialRandom(seed: seed)
        let perPoint = Self.perPoint
        let plans = CrashTrialPlan.schedule(perPoint: perPoint, random: perPoint * 5, using: &generator)
        let tally = try await CrashTrialRunner(workers: 3, seed: seed).run(plans)
        print("\(tally.report)\n  (seed \(seed); BOARDSYNC_TRIALS_SEED=\(seed) repeats the schedule)")
        #expect(tally.trials >= 50)
        for point in CrashPoint.allCases {
            #expect((tally.killed[point.rawValue] ?? 0) >= 3, "\(point.rawValue) hit too rarely")
        }
        // The cache the runs find: left, deleted, full of garbage, cut short (issue 13).
        for damage in CrashTrialWorld.CacheDamage.allCases {
            #expect((tally.cacheDamage[damage.rawValue] ?? 0) >= 1, "cache \(damage.rawValue) in no trial")
        }
        #expect(tally.check.duplicates == 0)
        #expect(tally.check.lostUpdates == 0)
        #expect(tally.check.passed, "\(tally.check.details.prefix(10))")
    }

    /// The same named points and random moments, each run stopped with SIGTERM instead of killed (a CronJob
    /// deadline, `kubectl delete`): every run stops cleanly (exit 143, lease released, so the next run is
    /// never refused with 75) and nothing is lost or duplicated.
    @Test func runsStoppedWithSIGTERMStopCleanlyAndLoseNothing() async throws {
        let seed: UInt64 = 20_261_204
        var generator = TrialRandom(seed: seed)
        let perPoint = max(2, Self.perPoint / 2)
        let plans = CrashTrialPlan.schedule(perPoint: perPoint, random: perPoint * 3, using: &generator).map { plan in
            // Random moments from 150 ms: earlier, the signal can come before the process traps it.
            guard case .afterMilliseconds(let milliseconds) = plan.kill else { return plan }
            return CrashTrialPlan(kind: plan.kind, kill: .afterMilliseconds(max(150, milliseconds)))
        }
        let tally = try await CrashTrialRunner(workers: 3, seed: seed, stopWithSIGTERM: true).run(plans)
        print("SIGTERM \(tally.report)")
        for point in CrashPoint.allCases {
            #expect((tally.killed[point.rawValue] ?? 0) >= 1, "\(point.rawValue) never stopped a run")
        }
        #expect(tally.check.uncleanStops == 0)
        #expect(tally.check.duplicates == 0 && tally.check.lostUpdates == 0)
        #expect(tally.check.passed, "\(tally.check.details.prefix(10))")
    }

    /// A board writer whose clock runs a day ahead, killed runs in between: everything converges, and an
    /// item written afterwards by a writer with a right clock still reaches Plane (the cursor never follows
    /// the fast clock into the future).
    @Test func aBoardWriterWhoseClockIsAheadConverges() async throws {
        let plans = [
            CrashTrialPlan(kind: .clockAhead, kill: .at(.beforeCheckpoint, nth: 1)),
            CrashTrialPlan(kind: .clockAhead, kill: .afterMilliseconds(150)),
            CrashTrialPlan(kind: .clockAhead, kill: .at(.midBoardRead, nth: 2)),
        ]
        let tally = try await CrashTrialRunner(workers: 1, seed: 11).run(plans)
        print("clock ahead: \(tally.report)")
        #expect(tally.check.passed, "\(tally.check.details.prefix(10))")
        #expect(tally.check.duplicates == 0 && tally.check.missing == 0 && tally.check.lostUpdates == 0)
    }

    /// The trials have teeth: with the lookup after a lost POST answer switched off, they find duplicates.
    @Test func theTrialsCatchAnEngineThatPostsBlind() async throws {
        let plans = (0..<3).map { _ in
            CrashTrialPlan(kind: .initial, kill: .at(.beforeCheckpoint, nth: 1))
        }
        let tally = try await CrashTrialRunner(workers: 1, seed: 3, dropFraction: 0.5, breakEngine: true).run(plans)
        print("broken engine: \(tally.report)")
        #expect(tally.check.duplicates > 0)
        #expect(!tally.check.passed)
    }
}
